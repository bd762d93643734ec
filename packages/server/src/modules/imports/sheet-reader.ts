import ExcelJS from 'exceljs';

/** One data row of an uploaded sheet: its spreadsheet row number (the header is row 1) and its cells by column name. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

export interface Sheet {
  name: string;
  headers: string[];
  rows: SheetRow[];
}

/** The text of an exceljs cell value: dates as YYYY-MM-DD, formulas as their result, rich text flattened. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** Parses CSV (RFC 4180: quotes, doubled quotes, line breaks in quotes); the separator is `,` or `;`, whichever the header uses. */
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function toSheet(name: string, table: string[][]): Sheet {
  const [header = [], ...data] = table;
  const headers = header.map((h) => h.trim());
  const rows: SheetRow[] = [];
  data.forEach((values, index) => {
    if (values.every((v) => v.trim() === '')) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, column) => {
      if (h) cells[h] = (values[column] ?? '').trim();
    });
    rows.push({ row: index + 2, cells });
  });
  return { name, headers, rows };
}

/** The sheets of an uploaded .xlsx, or the one table of a .csv (UTF-8), decided by the bytes. */
export async function readSheets(bytes: Buffer): Promise<Sheet[]> {
  // XLSX is a ZIP file: it starts with "PK".
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    return workbook.worksheets.map((worksheet) => {
      const table: string[][] = [];
      worksheet.eachRow({ includeEmpty: true }, (row, number) => {
        const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
        table[number - 1] = values;
      });
      for (let i = 0; i < table.length; i++) table[i] ??= [];
      return toSheet(worksheet.name, table);
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('not UTF-8');
  }
  return [toSheet('CSV', parseCsv(text))];
}

/** Splits a list cell: values separated by `;` (or `,`), trimmed, empty ones left out. */
export const listOf = (value: string | undefined) =>
  (value ?? '')
    .split(/[;,]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
