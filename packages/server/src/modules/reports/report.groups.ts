import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from '../../graphql/loaders.js';
import { type StatsGroupByValue, STATUS_LABELS } from '../commitments/commitment-stats.service.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import { PlanGoalSchema } from '../plans/plan.entity.js';
import { gcmObjectiveLoader } from '../plans/plan.loaders.js';
import { countsOf, groupRows, type ProgressReport, progressDelta, publicKey } from './report.model.js';
import type { ProgressReportGroupType } from './report.type.js';

/** What labels need: the request's loaders (batched lookups) and its EntityManager. */
export interface LabelScope {
  loaders: Loaders;
  em: EntityManager;
}

async function labelOf(scope: LabelScope, groupBy: StatsGroupByValue, key: string) {
  if (groupBy === 'ORGANIZATION') {
    const o = await scope.loaders.byId(OrganizationSchema).load(key);
    return { label: o?.name ?? o?.acronym ?? null, labelKm: o?.nameKm ?? null, sort: o?.acronym ?? key };
  }
  if (groupBy === 'PLAN_GOAL') {
    const g = await scope.loaders.byId(PlanGoalSchema).load(key);
    return { label: g?.title ?? null, labelKm: g?.titleKm ?? null, sort: String(g?.position ?? 0).padStart(6, '0') };
  }
  if (groupBy === 'GCM_OBJECTIVE') {
    const o = await gcmObjectiveLoader(scope.loaders, scope.em).load(Number(key));
    return { label: o?.title ?? null, labelKm: o?.titleKm ?? null, sort: key.padStart(3, '0') };
  }
  const [label, labelKm] = STATUS_LABELS[key as keyof typeof STATUS_LABELS];
  return { label, labelKm, sort: String(Object.keys(STATUS_LABELS).indexOf(key)).padStart(2, '0') };
}

/** The report's groups (none without groupBy), labelled and in a stable order, with their start and end counts. */
export async function reportGroups(scope: LabelScope, report: ProgressReport): Promise<ProgressReportGroupType[]> {
  const groupBy = report.groupBy;
  if (!groupBy) return [];
  const groups = [...groupRows(report.rows, groupBy)];
  const labels = await Promise.all(groups.map(([key]) => labelOf(scope, groupBy, key)));
  return groups
    .map(([key, rows], index) => {
      const atStart = rows.filter((r) => r.existedAtStart);
      const { sort, ...label } = labels[index];
      const base = { key: publicKey(groupBy, key), ...label };
      return {
        sort,
        group: {
          ...base,
          atStart: atStart.length ? { ...base, ...countsOf(atStart, 'start') } : null,
          atEnd: { ...base, ...countsOf(rows, 'end') },
          progressDelta: progressDelta(rows),
        },
      };
    })
    .sort((a, b) => a.sort.localeCompare(b.sort))
    .map(({ group }) => group);
}
