import type { EntityManager } from '@mikro-orm/postgresql';
import { requireReader, requireStaff } from '../../auth/permissions.js';
import type { Viewer } from '../../auth/viewer.js';
import { NotFoundError, Problems } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { queryBuilderPage } from '../../graphql/list-page.js';
import { cleanText, searchCondition, requireEnglishOrKhmer } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { type Organization, type OrganizationKind, OrganizationSchema } from './organization.entity.js';

/** What a service needs from the request: the database and who is asking. */
export interface Scope {
  em: EntityManager;
  viewer: Viewer;
  config: { publicRead: boolean };
}

const AUDITED = ['name', 'nameKm', 'acronym', 'kind', 'parent'];
const ACRONYM = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

export interface OrganizationFields {
  name?: string | null;
  nameKm?: string | null;
  acronym?: string | null;
  kind?: OrganizationKind | null;
  parent?: string | null;
}

export async function listOrganizations(
  scope: Scope,
  filter: { kind?: OrganizationKind[] | null; search?: string | null } | null | undefined,
  page: PageArgs,
): Promise<Page<Organization>> {
  requireReader(scope.viewer, scope.config.publicRead);
  const qb = scope.em.createQueryBuilder(OrganizationSchema, 'o');
  if (filter?.kind?.length) qb.andWhere({ kind: { $in: filter.kind } });
  const matches = searchCondition(filter?.search, ['name', 'nameKm', 'acronym']);
  if (matches) qb.andWhere(matches);
  return queryBuilderPage(qb.orderBy({ acronym: 'asc', id: 'asc' }), page);
}

/** Whether `organization` is `ancestor` itself or lies somewhere under it (following parents up). */
async function isUnder(em: EntityManager, organization: string, ancestor: string): Promise<boolean> {
  const [row] = await em.execute<{ found: boolean }[]>(
    `with recursive up(id, parent_id, depth) as (
       select id, parent_id, 0 from organization where id = ?
       union all
       select o.id, o.parent_id, up.depth + 1 from organization o join up on o.id = up.parent_id where up.depth < 100
     ) select exists (select 1 from up where id = ?) as found`,
    [organization, ancestor],
  );
  return Boolean(row?.found);
}

async function validate(
  scope: Scope,
  fields: OrganizationFields,
  existing?: Organization,
): Promise<OrganizationFields> {
  const problems = new Problems();
  const clean: OrganizationFields = {
    name: cleanText(problems, 'name', fields.name, 300),
    nameKm: cleanText(problems, 'nameKm', fields.nameKm, 300),
    acronym: cleanText(problems, 'acronym', fields.acronym, 40),
    kind: fields.kind,
    parent: fields.parent,
  };
  if (fields.kind === null) problems.add('kind', 'cannot be empty', 'REQUIRED');
  if (fields.acronym === null || (existing === undefined && !clean.acronym))
    problems.add('acronym', 'is required', 'REQUIRED');
  else if (clean.acronym && !ACRONYM.test(clean.acronym)) {
    problems.add('acronym', 'may use only letters, digits, ".", "-" and "_" (at most 40)', 'INVALID_FORMAT');
  }
  requireEnglishOrKhmer(
    problems,
    'name',
    clean.name === undefined ? existing?.name : clean.name,
    clean.nameKm === undefined ? existing?.nameKm : clean.nameKm,
  );
  if (clean.acronym) {
    const clash = await scope.em.findOne(OrganizationSchema, {
      acronym: { $ilike: clean.acronym.replace(/[\\%_]/g, '\\$&') },
    });
    if (clash && clash.id !== existing?.id)
      problems.add('acronym', `is already used by another organisation (${clash.acronym})`, 'DUPLICATE');
  }
  if (clean.parent) {
    if (clean.parent === existing?.id)
      problems.add('parentId', 'an organisation cannot be its own parent', 'CIRCULAR_REFERENCE');
    else if (!(await scope.em.findOne(OrganizationSchema, { id: clean.parent })))
      problems.add('parentId', 'no such organisation', 'NOT_FOUND_REFERENCE');
    else if (existing && (await isUnder(scope.em, clean.parent, existing.id)))
      problems.add(
        'parentId',
        'is part of this organisation: the parents would go round in a circle',
        'CIRCULAR_REFERENCE',
      );
  }
  problems.throwIfAny();
  return clean;
}

export async function createOrganization(scope: Scope, fields: OrganizationFields): Promise<Organization> {
  requireStaff(scope.viewer, 'add organisations');
  return scope.em.transactional(async (em) => {
    const clean = await validate({ ...scope, em }, fields);
    const organization = em.create(OrganizationSchema, {
      name: clean.name ?? null,
      nameKm: clean.nameKm ?? null,
      acronym: clean.acronym!,
      kind: clean.kind!,
      parent: clean.parent ?? null,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'Organization',
      entityId: organization.id,
      operation: 'create',
      changes: diff(null, snapshot(organization, AUDITED), AUDITED),
    });
    return organization;
  });
}

export async function updateOrganization(scope: Scope, id: string, fields: OrganizationFields): Promise<Organization> {
  requireStaff(scope.viewer, 'change organisations');
  return scope.em.transactional(async (em) => {
    const organization = await em.findOne(OrganizationSchema, { id });
    if (!organization) throw new NotFoundError('Organization', id);
    const clean = await validate({ ...scope, em }, fields, organization);
    const before = snapshot(organization, AUDITED);
    for (const key of ['name', 'nameKm', 'acronym', 'kind', 'parent'] as const) {
      if (clean[key] !== undefined) (organization as Record<string, unknown>)[key] = clean[key];
    }
    const changes = diff(before, snapshot(organization, AUDITED), AUDITED);
    if (Object.keys(changes).length > 0) {
      recordAudit(em, scope.viewer, { entityType: 'Organization', entityId: id, operation: 'update', changes });
    }
    return organization;
  });
}
