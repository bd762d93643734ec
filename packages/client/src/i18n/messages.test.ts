import { describe, expect, it } from 'vitest';
import { messages } from './messages.js';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? keys(child, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('message catalogues', () => {
  it('has every English key in Khmer, non-empty', () => {
    expect(keys(messages.km).sort()).toEqual(keys(messages.en).sort());
    for (const key of keys(messages.km)) {
      const value = key
        .split('.')
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages.km);
      expect(value, key).toMatch(/\S/);
    }
  });
});
