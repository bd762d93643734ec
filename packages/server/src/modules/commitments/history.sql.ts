/**
 * A commitment's state at an earlier instant, read from its append-only history, as SQL on the
 * commitment aliased `alias` (its id, status, progress and due_date columns) at the SQL instant `at`.
 * Status and progress: the last progress update before `at`, else what the first one after it started
 * from, else today's. Due date: the last applied or accepted due-date change before `at`, else what the
 * first one after it moved from, else today's.
 */
export function statusAtSql(alias: string, at: string): string {
  return stateAt(alias, at, 'status');
}

export function progressAtSql(alias: string, at: string): string {
  return stateAt(alias, at, 'progress');
}

function stateAt(alias: string, at: string, column: 'status' | 'progress'): string {
  return `coalesce(
    (select u.${column} from progress_update u where u.commitment_id = ${alias}.id and u.created_at <= ${at}
      order by u.created_at desc, u.id desc limit 1),
    (select u.${column}_before from progress_update u where u.commitment_id = ${alias}.id and u.created_at > ${at}
      order by u.created_at, u.id limit 1),
    ${alias}.${column})`;
}

const APPLIED = `d.commitment_id = ALIAS.id and d.status in ('APPLIED', 'ACCEPTED')`;

export function dueDateAtSql(alias: string, at: string): string {
  const applied = APPLIED.replace('ALIAS', alias);
  return `(case
    when exists (select 1 from due_date_change d where ${applied} and d.decided_at <= ${at})
      then (select d."to" from due_date_change d where ${applied} and d.decided_at <= ${at} order by d.decided_at desc, d.id desc limit 1)
    when exists (select 1 from due_date_change d where ${applied} and d.decided_at > ${at})
      then (select d."from" from due_date_change d where ${applied} and d.decided_at > ${at} order by d.decided_at, d.id limit 1)
    else ${alias}.due_date end)`;
}
