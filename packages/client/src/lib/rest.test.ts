import { describe, expect, it } from 'vitest';
import { restError } from './rest.js';

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
