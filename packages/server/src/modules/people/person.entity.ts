import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties, trigramIndexes } from '../../db/base.entity.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';

export const PersonSchema = defineEntity({
  name: 'Person',
  tableName: 'person',
  indexes: trigramIndexes('person', ['full_name', 'full_name_km']),
  properties: {
    ...baseProperties,
    fullName: p.text().nullable(),
    fullNameKm: p.text().nullable(),
    position: p.text().nullable(),
    positionKm: p.text().nullable(),
    organization: p.manyToOne(OrganizationSchema).mapToPk().nullable().index(),
    email: p.string().length(254).nullable(),
    phone: p.string().length(40).nullable(),
    isFocalPoint: p.boolean().default(false),
  },
});
export type Person = InferEntity<typeof PersonSchema>;
