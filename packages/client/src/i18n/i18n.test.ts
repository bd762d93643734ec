import { describe, expect, it } from 'vitest';
import en from './en.json';
import km from './km.json';

function leaves(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? leaves(child, `${prefix}${key}.`) : [[`${prefix}${key}`, child]],
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('has every English key in Khmer, and no other', () => {
    expect(
      leaves(km)
        .map(([key]) => key)
        .sort(),
    ).toEqual(
      leaves(en)
        .map(([key]) => key)
        .sort(),
    );
  });

  it('has no empty Khmer message, and each is written in Khmer script', () => {
    for (const [key, value] of leaves(km)) {
      expect(typeof value, key).toBe('string');
      expect(value, key).toMatch(/\S/);
      if (!/^(gcm\.short)$/.test(key)) expect(value, key).toMatch(/[\u1780-\u17FF]/);
    }
  });

  it('keeps the same placeholders in both languages', () => {
    const english = new Map(leaves(en));
    for (const [key, value] of leaves(km)) {
      expect(placeholders(String(value)), key).toEqual(placeholders(String(english.get(key))));
    }
  });
});

describe('keys used in the code', () => {
  it('exist in the catalogues', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.resolve(import.meta.dirname, '..');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => /\.tsx?$/.test(f) && !f.includes('generated') && !f.endsWith('.test.ts'),
    );
    const known = new Set(leaves(en).map(([key]) => key));
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) {
        if (!known.has(match[1])) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
