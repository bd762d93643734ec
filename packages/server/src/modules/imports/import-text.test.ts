import { describe, expect, it } from 'vitest';
import { characterProblems } from './import.shared.js';

describe('imported cells', () => {
  it('are checked like all text: NUL and broken Unicode refused, the rest NFC-normalised', () => {
    const rows = [
      { row: 2, cells: { title: 'Cafe\u0301 meeting', titleKm: 'ក្រសួង' } },
      { row: 3, cells: { title: 'bad \ud800 title', description: 'nul \u0000 here' } },
    ];
    const problems = characterProblems(rows as never, 'en');
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, 'title', 'INVALID_CHARACTER'],
      [3, 'description', 'INVALID_CHARACTER'],
    ]);
    expect(rows[0].cells.title).toBe('Café meeting');
    expect(rows[0].cells.title).toHaveLength(12);
  });
});
