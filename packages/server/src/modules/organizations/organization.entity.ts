import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties, trigramIndexes } from '../../db/base.entity.js';

export const ORGANIZATION_KINDS = [
  'GOVERNMENT',
  'COMMITTEE',
  'INTERNATIONAL_ORGANIZATION',
  'UN_AGENCY',
  'NGO',
  'DONOR',
  'PRIVATE_SECTOR',
  'OTHER',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const OrganizationSchema = defineEntity({
  name: 'Organization',
  tableName: 'organization',
  indexes: trigramIndexes('organization', ['name', 'name_km', 'acronym']),
  properties: {
    ...baseProperties,
    name: p.text().nullable(),
    nameKm: p.text().nullable(),
    acronym: p.string().length(40).unique(),
    kind: p.enum(ORGANIZATION_KINDS),
    parent: () => p.manyToOne(OrganizationSchema).mapToPk().nullable().index(),
  },
});
export type Organization = InferEntity<typeof OrganizationSchema>;
