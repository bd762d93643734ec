import type { Context } from '../../graphql/context.js';
import type { AuditEvent } from './audit-event.entity.js';

/** What a record is called, for reading the audit trail: its type and its labels now. */
export interface RecordLabel {
  uuid: string;
  entityType: string;
  label: string | null;
  labelKm: string | null;
}

/** Each labelled table: its entity type and its English and Khmer label expressions (alias `t`). */
const LABELLED: { type: string; table: string; label: string; labelKm: string }[] = [
  { type: 'Organization', table: 'organization', label: 'coalesce(t.name, t.acronym)', labelKm: 't.name_km' },
  { type: 'Person', table: 'person', label: 't.full_name', labelKm: 't.full_name_km' },
  { type: 'Meeting', table: 'meeting', label: 't.title', labelKm: 't.title_km' },
  { type: 'MeetingSeries', table: 'meeting_series', label: 't.title', labelKm: 't.title_km' },
  { type: 'AgendaItem', table: 'agenda_item', label: 't.title', labelKm: 't.title_km' },
  { type: 'Decision', table: 'decision', label: 'left(t.text, 200)', labelKm: 'left(t.text_km, 200)' },
  {
    type: 'Commitment',
    table: 'commitment',
    label: "concat_ws(' · ', t.reference, t.title)",
    labelKm: "concat_ws(' · ', t.reference, t.title_km)",
  },
  { type: 'Plan', table: 'plan', label: 't.title', labelKm: 't.title_km' },
  { type: 'PlanGoal', table: 'plan_goal', label: 't.title', labelKm: 't.title_km' },
  {
    type: 'PlanObjective',
    table: 'plan_objective',
    label: "concat_ws(' ', t.code, t.title)",
    labelKm: "concat_ws(' ', t.code, t.title_km)",
  },
  { type: 'ReportingPeriod', table: 'reporting_period', label: 't.title', labelKm: 't.title_km' },
  { type: 'Account', table: 'account', label: 't.email', labelKm: 'null::text' },
  { type: 'ApiToken', table: 'api_token', label: 't.name', labelKm: 'null::text' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Labels of records by uuid, whatever their type, for a whole page of audit events in ONE statement. */
export function recordLabelLoader(ctx: Context) {
  return ctx.loaders.custom<string, RecordLabel | null>('audit:labels', async (uuids) => {
    const ids = [...new Set(uuids.filter((id) => UUID.test(id)))];
    if (ids.length === 0) return uuids.map(() => null);
    const sql = LABELLED.map(
      ({ type, table, label, labelKm }) =>
        `select t.id::text as uuid, '${type}' as entity_type, ${label} as label, ${labelKm} as label_km
           from "${table}" t where t.id = any(?::uuid[])`,
    )
      .concat(
        `select p.id::text, 'Participation', pp.full_name, pp.full_name_km
           from participation p join person pp on pp.id = p.person_id where p.id = any(?::uuid[])`,
      )
      .join(' union all ');
    const literal = `{${ids.join(',')}}`;
    const rows = await ctx.em.execute<
      { uuid: string; entity_type: string; label: string | null; label_km: string | null }[]
    >(
      sql,
      Array.from({ length: LABELLED.length + 1 }, () => literal),
    );
    const byId = new Map(
      rows.map((row) => [
        row.uuid,
        { uuid: row.uuid, entityType: row.entity_type, label: row.label || null, labelKm: row.label_km || null },
      ]),
    );
    return uuids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

/** The uuids that appear among the before and after values of an event's changes (ids of people, meetings…). */
export function referencedIds(event: AuditEvent): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string' && UUID.test(value)) found.add(value.toLowerCase());
    else if (Array.isArray(value)) value.forEach(visit);
  };
  for (const change of Object.values(event.changes ?? {})) {
    visit(change?.before);
    visit(change?.after);
  }
  found.delete(event.entityId);
  return [...found];
}

const LABEL_FIELDS = ['reference', 'title', 'name', 'fullName', 'acronym', 'code', 'text', 'email'];

/** A label for a record from the event itself (for a record since removed): its title, name or reference as changed. */
export function labelFromChanges(event: AuditEvent, khmer: boolean): string | null {
  const changes = event.changes ?? {};
  for (const field of LABEL_FIELDS) {
    const change = changes[khmer ? `${field}Km` : field];
    const value = change?.after ?? change?.before;
    if (typeof value === 'string' && value.trim()) return value.slice(0, 200);
  }
  return null;
}
