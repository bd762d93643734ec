import { describe, expect, it } from 'vitest';
import { groupProblems, importUrl, isImportFile, previewState, rowsWithProblems, templateUrl } from './imports.js';

const problem = (row: number, column: string, sheet?: string) => ({
  row,
  column,
  message: `${column} on ${row}`,
  sheet,
});

describe('groupProblems', () => {
  it('puts the whole file first, then rows in order, each row keeping its problems in the server order', () => {
    const groups = groupProblems([problem(5, 'dueDate'), problem(3, 'title'), problem(0, ''), problem(5, 'priority')]);
    expect(groups.map((g) => g.row)).toEqual([0, 3, 5]);
    expect(groups[2]!.problems.map((p) => p.column)).toEqual(['dueDate', 'priority']);
  });

  it('keeps sheets apart, in the order they first appear', () => {
    const groups = groupProblems([
      problem(4, 'email', 'People'),
      problem(2, 'acronym', 'Organizations'),
      problem(2, 'fullName', 'People'),
    ]);
    expect(groups.map((g) => `${g.sheet}:${g.row}`)).toEqual(['People:2', 'People:4', 'Organizations:2']);
  });

  it('is empty for no problems', () => {
    expect(groupProblems([])).toEqual([]);
  });
});

describe('previewState and rowsWithProblems', () => {
  it('says whether a preview may be imported', () => {
    expect(previewState({ rows: 3, created: 0, problems: [] })).toBe('ready');
    expect(previewState({ rows: 0, created: 0, problems: [] })).toBe('empty');
    expect(previewState({ rows: 3, created: 0, problems: [problem(2, 'title')] })).toBe('problems');
  });

  it('counts rows with problems, not problems, and not the whole file', () => {
    expect(rowsWithProblems([problem(2, 'title'), problem(2, 'dueDate'), problem(7, 'meeting'), problem(0, '')])).toBe(
      2,
    );
  });
});

describe('addresses and files', () => {
  it('builds the routes of the contract', () => {
    expect(templateUrl('commitments')).toBe('/imports/commitments/template.xlsx');
    expect(importUrl('directory', true)).toBe('/imports/directory?dryRun=true');
    expect(importUrl('commitments', false)).toBe('/imports/commitments?dryRun=false');
  });

  it('takes .xlsx and .csv only', () => {
    expect(isImportFile('commitments.XLSX')).toBe(true);
    expect(isImportFile('list.csv')).toBe(true);
    expect(isImportFile('old.xls')).toBe(false);
    expect(isImportFile('notes.pdf')).toBe(false);
  });
});
