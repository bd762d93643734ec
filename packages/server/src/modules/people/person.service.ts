import { requireReader, requireStaff } from '../../auth/permissions.js';
import { NotFoundError, Problems } from '../../errors.js';
import type { Page, PageArgs } from '../../graphql/connection.js';
import { queryBuilderPage } from '../../graphql/list-page.js';
import { cleanEmail, cleanText, searchCondition, requireEnglishOrKhmer } from '../../validation.js';
import { diff, recordAudit, snapshot } from '../audit/audit.service.js';
import { OrganizationSchema } from '../organizations/organization.entity.js';
import type { Scope } from '../organizations/organization.service.js';
import { type Person, PersonSchema } from './person.entity.js';

const FIELDS = [
  'fullName',
  'fullNameKm',
  'position',
  'positionKm',
  'organization',
  'email',
  'phone',
  'isFocalPoint',
] as const;
const AUDITED = [...FIELDS];
const PHONE = /^[+0-9 ().-]{3,40}$/;

export type PersonFields = Partial<{
  fullName: string | null;
  fullNameKm: string | null;
  position: string | null;
  positionKm: string | null;
  organization: string | null;
  email: string | null;
  phone: string | null;
  isFocalPoint: boolean | null;
}>;

export async function listPeople(
  scope: Scope,
  filter: { organization?: string; search?: string | null } | undefined,
  page: PageArgs,
): Promise<Page<Person>> {
  requireReader(scope.viewer, scope.config.publicRead);
  const qb = scope.em.createQueryBuilder(PersonSchema, 'p');
  if (filter?.organization) qb.andWhere({ organization: filter.organization });
  const matches = searchCondition(filter?.search, ['fullName', 'fullNameKm']);
  if (matches) qb.andWhere(matches);
  return queryBuilderPage(qb.orderBy({ fullName: 'asc', id: 'asc' }), page);
}

async function validate(scope: Scope, fields: PersonFields, existing?: Person): Promise<PersonFields> {
  const problems = new Problems();
  const clean: PersonFields = {
    fullName: cleanText(problems, 'fullName', fields.fullName, 200),
    fullNameKm: cleanText(problems, 'fullNameKm', fields.fullNameKm, 200),
    position: cleanText(problems, 'position', fields.position, 200),
    positionKm: cleanText(problems, 'positionKm', fields.positionKm, 200),
    email: cleanEmail(problems, 'email', fields.email),
    phone: cleanText(problems, 'phone', fields.phone, 40),
    organization: fields.organization,
    isFocalPoint: fields.isFocalPoint ?? (existing ? undefined : false),
  };
  if (clean.phone && !PHONE.test(clean.phone))
    problems.add('phone', 'may contain only digits, spaces and + ( ) . -', 'INVALID_FORMAT');
  requireEnglishOrKhmer(
    problems,
    'fullName',
    clean.fullName === undefined ? existing?.fullName : clean.fullName,
    clean.fullNameKm === undefined ? existing?.fullNameKm : clean.fullNameKm,
  );
  if (clean.organization && !(await scope.em.findOne(OrganizationSchema, { id: clean.organization }))) {
    problems.add('organizationId', 'no such organisation', 'NOT_FOUND_REFERENCE');
  }
  problems.throwIfAny();
  return clean;
}

export async function createPerson(scope: Scope, fields: PersonFields): Promise<Person> {
  requireStaff(scope.viewer, 'add people');
  return scope.em.transactional(async (em) => {
    const clean = await validate({ ...scope, em }, fields);
    const person = em.create(PersonSchema, {
      fullName: clean.fullName ?? null,
      fullNameKm: clean.fullNameKm ?? null,
      position: clean.position ?? null,
      positionKm: clean.positionKm ?? null,
      organization: clean.organization ?? null,
      email: clean.email ?? null,
      phone: clean.phone ?? null,
      isFocalPoint: clean.isFocalPoint ?? false,
      createdBy: scope.viewer.personId ?? null,
    });
    recordAudit(em, scope.viewer, {
      entityType: 'Person',
      entityId: person.id,
      operation: 'create',
      changes: diff(null, snapshot(person, AUDITED), AUDITED),
    });
    return person;
  });
}

export async function updatePerson(scope: Scope, id: string, fields: PersonFields): Promise<Person> {
  requireStaff(scope.viewer, 'change people');
  return scope.em.transactional(async (em) => {
    const person = await em.findOne(PersonSchema, { id });
    if (!person) throw new NotFoundError('Person', id);
    const clean = await validate({ ...scope, em }, fields, person);
    const before = snapshot(person, AUDITED);
    for (const key of FIELDS) {
      if (clean[key] !== undefined) (person as Record<string, unknown>)[key] = clean[key];
    }
    const changes = diff(before, snapshot(person, AUDITED), AUDITED);
    if (Object.keys(changes).length > 0)
      recordAudit(em, scope.viewer, { entityType: 'Person', entityId: id, operation: 'update', changes });
    return person;
  });
}
