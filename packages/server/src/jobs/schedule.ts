/**
 * The scheduled sweeps, as a graphile-worker crontab. Its times are UTC; Cambodia keeps
 * UTC+7 all year (no daylight saving), so 08:00 in Phnom Penh is 01:00 UTC. graphile-worker
 * records each run in its own table, so a sweep runs once however many workers run, and
 * `fill=2d` catches up a run missed while every worker was down (the sweeps are idempotent).
 */
export const CRONTAB = [
  '0 1 * * * reminder_sweep ?fill=2d&max=5',
  '0 1 * * 1 weekly_digest ?fill=2d&max=5',
  '30 1 * * * purge_sessions ?max=3',
  '45 * * * * purge_unattached_files ?max=3',
  '40 1 * * * purge_idempotency_keys ?max=3',
].join('\n');
