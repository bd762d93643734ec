import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { conflictVersion, errorCode, fieldErrors } from './errors.js';

function graphqlError(extensions: Record<string, unknown>) {
  return new CombinedGraphQLErrors({ data: null, errors: [{ message: 'x', extensions }] });
}

describe('errors by extensions.code', () => {
  it('maps BAD_USER_INPUT fields to form fields', () => {
    const error = graphqlError({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'dueDate', message: 'must be a date' },
        { field: 'title', message: 'give a title in English or Khmer' },
      ],
    });
    expect(errorCode(error)).toBe('BAD_USER_INPUT');
    expect(fieldErrors(error)).toEqual({ dueDate: 'must be a date', title: 'give a title in English or Khmer' });
  });

  it('reads the current version from a CONFLICT', () => {
    const error = graphqlError({ code: 'CONFLICT', currentVersion: 4 });
    expect(errorCode(error)).toBe('CONFLICT');
    expect(conflictVersion(error)).toBe(4);
    expect(conflictVersion(graphqlError({ code: 'FORBIDDEN' }))).toBeUndefined();
  });

  it('treats anything without a code as a network problem', () => {
    expect(errorCode(new Error('offline'))).toBe('NETWORK');
  });
});
