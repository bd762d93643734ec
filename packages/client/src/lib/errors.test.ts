import { CombinedGraphQLErrors } from '@apollo/client/errors';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIELD_PROBLEM_CODES } from '../../../server/src/errors.js';
import { maxLengthOf } from '../../../server/src/graphql/text-limits.js';
import en from '../i18n/en.json';
import km from '../i18n/km.json';
import {
  checkTexts,
  conflictVersion,
  errorCode,
  fieldErrors,
  fieldLabel,
  PROBLEM_CODES,
  retryAfterSeconds,
  TEXT_MAX,
  unplacedProblems,
} from './errors.js';

function graphqlError(extensions: Record<string, unknown>, message = 'x') {
  return new CombinedGraphQLErrors({ data: null, errors: [{ message, extensions }] });
}

beforeAll(async () => {
  await i18next.init({
    resources: { en: { translation: en }, km: { translation: km } },
    lng: 'en',
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
});

const inKhmer = async <T>(run: () => T): Promise<T> => {
  await i18next.changeLanguage('km');
  try {
    return run();
  } finally {
    await i18next.changeLanguage('en');
  }
};

describe('errors by extensions.code', () => {
  it('maps BAD_USER_INPUT fields to form fields, in the words of the catalogue, never the server text', () => {
    const error = graphqlError({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'dueDate', message: 'must be a date', code: 'INVALID_FORMAT' },
        { field: 'input.title', message: 'give a title in English or Khmer', code: 'REQUIRED' },
        { field: 'evidence[0].url', message: 'must be a link', code: 'INVALID_FORMAT' },
      ],
    });
    expect(errorCode(error)).toBe('BAD_USER_INPUT');
    expect(fieldErrors(error)).toEqual({
      dueDate: en.problems.INVALID_FORMAT,
      title: en.problems.REQUIRED,
      'evidence.0.url': en.problems.INVALID_FORMAT,
    });
  });

  it('says the maximum and range a problem gives, with Khmer digits in Khmer', async () => {
    const error = graphqlError({
      code: 'BAD_USER_INPUT',
      fields: [
        {
          field: 'titleKm',
          message: 'must be at most 500 characters, got 612',
          code: 'TOO_LONG',
          params: { max: 500 },
        },
        { field: 'progress', message: 'must be 0–100', code: 'OUT_OF_RANGE', params: { min: 0, max: 100 } },
      ],
    });
    expect(fieldErrors(error)).toEqual({ titleKm: 'At most 500 characters.', progress: 'Give a value from 0 to 100.' });
    const khmer = await inKhmer(() => fieldErrors(error));
    expect(khmer).toEqual({ titleKm: 'យ៉ាងច្រើន ៥០០ តួអក្សរ។', progress: 'សូមផ្ដល់តម្លៃពី ០ ដល់ ១០០។' });
    expect(Object.values(khmer).join(' ')).not.toMatch(/[A-Za-z0-9]/);
  });

  it('treats an unknown or missing code as INVALID rather than showing the English message', async () => {
    const error = graphqlError({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'name', message: 'something new', code: 'SOMETHING_NEW' },
        { field: 'kind', message: 'old' },
      ],
    });
    expect(await inKhmer(() => fieldErrors(error))).toEqual({ name: km.problems.INVALID, kind: km.problems.INVALID });
  });

  it('lists the problems a form has no field for by their labels, never by API names', async () => {
    const error = graphqlError({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'title', message: 'x', code: 'REQUIRED' },
        { field: 'leadOrganizationId', message: 'x', code: 'NOT_FOUND_REFERENCE' },
      ],
    });
    expect(unplacedProblems(error, ['title'])).toEqual([`Lead organisation: ${en.problems.NOT_FOUND_REFERENCE}`]);
    const khmer = await inKhmer(() => unplacedProblems(error, ['title']));
    expect(khmer[0]).not.toContain('leadOrganization');
    expect(khmer[0]).toContain(km.audit.field.leadOrganization);
    expect(fieldLabel('titleKm')).toBe(en.audit.field.titleKm);
  });

  it("counts GraphQL's own refusal of a variable (an invalid date-time) as bad input", () => {
    const error = graphqlError(
      { code: 'GRAPHQL_VALIDATION_FAILED' },
      'Variable "$input" got invalid value "31/12/2026" at "input.startsAt"; Expected type "DateTime".',
    );
    expect(errorCode(error)).toBe('BAD_USER_INPUT');
  });

  it('reads the current version from a CONFLICT and the wait from RATE_LIMITED', () => {
    const error = graphqlError({ code: 'CONFLICT', currentVersion: 4 });
    expect(errorCode(error)).toBe('CONFLICT');
    expect(conflictVersion(error)).toBe(4);
    expect(conflictVersion(graphqlError({ code: 'FORBIDDEN' }))).toBeUndefined();
    expect(retryAfterSeconds(graphqlError({ code: 'RATE_LIMITED', retryAfter: 12 }))).toBe(12);
  });

  it('treats anything without a code as a network problem', () => {
    expect(errorCode(new Error('offline'))).toBe('NETWORK');
  });
});

describe('field problem codes', () => {
  it("knows every code of the server's FIELD_PROBLEM_CODES", () => {
    expect([...PROBLEM_CODES].sort()).toEqual([...FIELD_PROBLEM_CODES].sort());
  });

  it('has an English and a Khmer sentence for every code', () => {
    const english = en.problems as Record<string, string>;
    const khmer = km.problems as Record<string, string>;
    for (const code of FIELD_PROBLEM_CODES) {
      expect(english[code], code).toMatch(/\S/);
      expect(khmer[code], code).toMatch(/[\u1780-\u17FF]/);
    }
  });
});

describe('checks before sending', () => {
  it("uses the server's maximum lengths", () => {
    for (const [name, max] of Object.entries(TEXT_MAX)) {
      const limit =
        name === 'tokenName' ? maxLengthOf('CreateApiTokenInput.name', 'name') : maxLengthOf(`X.${name}`, name);
      expect(max, name).toBe(limit.max);
    }
  });

  it('shows every problem at once: required, too long, and one of two languages', async () => {
    const problems = checkTexts(
      {
        title: { value: '', max: TEXT_MAX.title },
        titleKm: { value: '  ', max: TEXT_MAX.titleKm },
        location: { value: 'x'.repeat(501), max: TEXT_MAX.location },
        reason: { value: ' ', required: true },
      },
      { either: [['title', 'titleKm']] },
    );
    expect(problems).toEqual({
      title: en.problems.EITHER_LANGUAGE,
      titleKm: en.problems.EITHER_LANGUAGE,
      location: 'At most 500 characters.',
      reason: en.problems.REQUIRED,
    });
    expect(await inKhmer(() => checkTexts({ location: { value: 'x'.repeat(501), max: 500 } }))).toEqual({
      location: 'យ៉ាងច្រើន ៥០០ តួអក្សរ។',
    });
  });
});
