/** Spreadsheet imports (commitments; the directory's organisations and people): addresses and their previews. */

export type ImportKind = 'commitments' | 'directory';

/** One problem the server found: its sheet (directory imports), spreadsheet row (header = 1; 0 = the whole file) and column. */
export interface ImportProblem {
  sheet?: string | null;
  row: number;
  column: string;
  message: string;
  code?: string | null;
}

/** What POST /imports/{kind} answers. */
export interface ImportResult {
  dryRun?: boolean;
  rows: number;
  created: number;
  problems: ImportProblem[];
  references?: string[];
}

/** The template to fill in. */
export function templateUrl(kind: ImportKind): string {
  return `/imports/${kind}/template.xlsx`;
}

/** Where an upload is previewed (dryRun) or imported. */
export function importUrl(kind: ImportKind, dryRun: boolean): string {
  return `/imports/${kind}?dryRun=${dryRun}`;
}

/** The files an import takes, by extension (the server reads the content). */
export const IMPORT_ACCEPT = '.xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Whether a picked file looks like something an import takes (.xlsx or .csv); the server has the last word. */
export function isImportFile(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name.trim());
}

/** The problems of one row of one sheet. */
export interface ProblemGroup {
  sheet: string | null;
  row: number;
  problems: ImportProblem[];
}

/**
 * Problems grouped by sheet and row, in the order a reader fixes them: the whole file's first (row 0), then each
 * sheet in the order it first appears, rows ascending; within a row, the server's order.
 */
export function groupProblems(problems: readonly ImportProblem[]): ProblemGroup[] {
  const sheets: (string | null)[] = [];
  const groups = new Map<string, ProblemGroup>();
  for (const problem of problems) {
    const sheet = problem.sheet ?? null;
    if (!sheets.includes(sheet)) sheets.push(sheet);
    const key = `${sheet ?? ''}\u0000${problem.row}`;
    let group = groups.get(key);
    if (!group) {
      group = { sheet, row: problem.row, problems: [] };
      groups.set(key, group);
    }
    group.problems.push(problem);
  }
  return [...groups.values()].sort((a, b) => {
    if ((a.row === 0) !== (b.row === 0)) return a.row === 0 ? -1 : 1;
    return sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) || a.row - b.row;
  });
}

/** How a preview stands: nothing read, problems to fix first, or ready to import its rows. */
export function previewState(result: ImportResult): 'empty' | 'problems' | 'ready' {
  if (result.problems.length > 0) return 'problems';
  return result.rows > 0 ? 'ready' : 'empty';
}

/** How many distinct rows (of a sheet) have at least one problem; the whole file's problems not counted. */
export function rowsWithProblems(problems: readonly ImportProblem[]): number {
  return groupProblems(problems).filter((group) => group.row > 0).length;
}
