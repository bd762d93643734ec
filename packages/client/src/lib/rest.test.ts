import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import km from '../i18n/km.json';
import { restError, restErrorText } from './rest.js';

describe('restError', () => {
  it('reads the code, the fields and their messages from the GraphQL-shaped answer', () => {
    const body = JSON.stringify({
      errors: [
        {
          message: 'file: is larger than 25 MB (PRACHUM_MAX_UPLOAD_MB)',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ field: 'file', message: 'is larger than 25 MB (PRACHUM_MAX_UPLOAD_MB)', code: 'TOO_LONG' }],
          },
        },
      ],
    });
    expect(restError(413, body)).toEqual({
      status: 413,
      code: 'BAD_USER_INPUT',
      message: 'is larger than 25 MB (PRACHUM_MAX_UPLOAD_MB)',
      fields: [{ field: 'file', message: 'is larger than 25 MB (PRACHUM_MAX_UPLOAD_MB)', code: 'TOO_LONG' }],
    });
  });

  it('keeps the message when there are no fields', () => {
    const body = JSON.stringify({ errors: [{ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } }] });
    expect(restError(403, body)).toMatchObject({ code: 'FORBIDDEN', message: 'Not allowed', fields: [] });
  });

  it('falls back to the HTTP status for answers that are not ours', () => {
    expect(restError(413, '<html>Request Entity Too Large</html>')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: null,
    });
    expect(restError(401, '')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(restError(502, 'Bad gateway')).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
    expect(restError(0, '')).toMatchObject({ code: 'NETWORK' });
  });
});

describe('restErrorText', () => {
  const answer = (fields: Record<string, unknown>[], code = 'BAD_USER_INPUT') =>
    JSON.stringify({ errors: [{ message: 'English text', extensions: { code, fields } }] });

  beforeAll(async () => {
    await i18next.init({
      resources: { en: { translation: en }, km: { translation: km } },
      lng: 'km',
      fallbackLng: false,
      interpolation: { escapeValue: false },
    });
  });

  it('says the file’s own problems from the catalogue, never the server’s English', async () => {
    await i18next.changeLanguage('km');
    const refusal = restError(413, answer([{ field: 'file', message: 'is larger than 25 MB', code: 'TOO_LONG' }]));
    expect(restErrorText(refusal)).toEqual([km.files.problem.TOO_LONG]);
    await i18next.changeLanguage('en');
    expect(restErrorText(refusal)).toEqual([en.files.problem.TOO_LONG]);
  });

  it('names another field by its label and translates its code with its parameters', async () => {
    await i18next.changeLanguage('km');
    const refusal = restError(
      400,
      answer([{ field: 'title', message: 'must be at most 500 characters', code: 'TOO_LONG', params: { max: 500 } }]),
    );
    const [sentence] = restErrorText(refusal);
    expect(sentence).toContain(km.audit.field.title);
    expect(sentence).toContain('៥០០');
    expect(sentence).not.toMatch(/[A-Za-z]/);
  });

  it('shows an unknown problem code as INVALID, and a refusal without fields by its error code', async () => {
    await i18next.changeLanguage('km');
    expect(restErrorText(restError(400, answer([{ field: 'file', message: 'odd', code: 'WHATEVER' }])))).toEqual([
      km.problems.INVALID,
    ]);
    expect(restErrorText(restError(403, answer([], 'FORBIDDEN')))).toEqual([km.errors.FORBIDDEN.body]);
    expect(restErrorText(restError(502, '<html>Bad gateway</html>'))).toEqual([km.errors.INTERNAL_SERVER_ERROR.body]);
    expect(restErrorText(restError(0, ''))).toEqual([km.errors.NETWORK.body]);
  });
});
