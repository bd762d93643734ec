import { describe, expect, it } from 'vitest';
import { CommitmentStatus, OrganizationKind, Visibility } from '../graphql/generated.js';
import { enumValues, isEnumValue } from './enums.js';

describe('enumValues', () => {
  it('lists every value the schema has', () => {
    expect(enumValues(Visibility)).toEqual(['INTERNAL', 'PARTNERS', 'PUBLIC']);
    expect(enumValues(OrganizationKind)).toHaveLength(8);
  });

  it('puts them in the order given', () => {
    const lifecycle = enumValues(CommitmentStatus, {
      NOT_STARTED: 0,
      IN_PROGRESS: 1,
      AT_RISK: 2,
      COMPLETED: 3,
      VERIFIED: 4,
      CANCELLED: 5,
    });
    expect(lifecycle).toEqual(['NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'COMPLETED', 'VERIFIED', 'CANCELLED']);
  });

  it('tells a value of the enum from any other text', () => {
    const values = enumValues(Visibility);
    expect(isEnumValue(values, 'PUBLIC')).toBe(true);
    expect(isEnumValue(values, 'public')).toBe(false);
    expect(isEnumValue(values, null)).toBe(false);
  });
});
