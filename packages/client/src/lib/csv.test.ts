import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes what needs quoting, keeps Khmer, and defuses formulas', () => {
    const text = toCsv([
      ['reference', 'title'],
      ['C1', 'Data, "quality"'],
      ['C2', 'ការចុះបញ្ជី'],
      ['C3', '=HYPERLINK("x")'],
    ]);
    expect(text).toBe('\uFEFFreference,title\r\nC1,"Data, ""quality"""\r\nC2,ការចុះបញ្ជី\r\nC3,"\'=HYPERLINK(""x"")"\r\n');
  });
});
