import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity.js';

/** One of the 23 objectives of the Global Compact for Migration; loaded by a migration. */
export const GcmObjectiveSchema = defineEntity({
  name: 'GcmObjective',
  tableName: 'gcm_objective',
  properties: {
    number: p.integer().primary().autoincrement(false),
    title: p.text(),
    titleKm: p.text().nullable(),
  },
});
export type GcmObjective = InferEntity<typeof GcmObjectiveSchema>;

export const PlanSchema = defineEntity({
  name: 'Plan',
  tableName: 'plan',
  properties: {
    ...baseProperties,
    title: p.text().nullable(),
    titleKm: p.text().nullable(),
    periodStart: p.date().nullable(),
    periodEnd: p.date().nullable(),
  },
});
export type Plan = InferEntity<typeof PlanSchema>;

export const PlanGoalSchema = defineEntity({
  name: 'PlanGoal',
  tableName: 'plan_goal',
  properties: {
    ...baseProperties,
    plan: p.manyToOne(PlanSchema).mapToPk().index(),
    position: p.integer(),
    title: p.text().nullable(),
    titleKm: p.text().nullable(),
  },
});
export type PlanGoal = InferEntity<typeof PlanGoalSchema>;

export const PlanObjectiveSchema = defineEntity({
  name: 'PlanObjective',
  tableName: 'plan_objective',
  properties: {
    ...baseProperties,
    goal: p.manyToOne(PlanGoalSchema).mapToPk().index(),
    position: p.integer(),
    code: p.string().length(20),
    title: p.text().nullable(),
    titleKm: p.text().nullable(),
    /** GCM objective numbers (1–23) this objective serves. */
    gcmObjectives: p.array(Number).columnType('int[]').default([]),
  },
});
export type PlanObjective = InferEntity<typeof PlanObjectiveSchema>;
