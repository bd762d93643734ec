import type { FieldProblemCode } from '../../errors.js';

export type ImportLanguage = 'en' | 'km';

/** One problem of an import: the spreadsheet row (the header is row 1), the column's name, a message in the reader's language. */
export interface ImportProblem {
  /** The sheet, in a workbook of several (the directory import: Organizations or People). */
  sheet?: string;
  row: number;
  column: string;
  message: string;
  code: FieldProblemCode;
}

type Params = Record<string, string | number>;
type Message = (p: Params) => string;

/** Every message an import can give, in English and Khmer. */
const MESSAGES: Record<string, { code: FieldProblemCode; en: Message; km: Message }> = {
  required: { code: 'REQUIRED', en: () => 'is required', km: () => 'ត្រូវតែបំពេញ' },
  titleRequired: {
    code: 'REQUIRED',
    en: () => 'give a title in English or Khmer (title or titleKm)',
    km: () => 'សូមបញ្ចូលចំណងជើងជាភាសាអង់គ្លេស ឬខ្មែរ (title ឬ titleKm)',
  },
  tooLong: {
    code: 'TOO_LONG',
    en: (p) => `is longer than ${p.max} characters`,
    km: (p) => `វែងជាង ${p.max} តួអក្សរ`,
  },
  noOrganization: {
    code: 'NOT_FOUND_REFERENCE',
    en: (p) => `no organisation has the acronym "${p.value}"`,
    km: (p) => `គ្មានស្ថាប័នណាមានអក្សរកាត់ «${p.value}» ទេ`,
  },
  leadAlsoSupporting: {
    code: 'INVALID_COMBINATION',
    en: () => 'cannot include the lead organisation',
    km: () => 'មិនអាចរួមបញ្ចូលស្ថាប័នដឹកនាំបានទេ',
  },
  noPerson: {
    code: 'NOT_FOUND_REFERENCE',
    en: (p) => `no person in the directory has the e-mail address "${p.value}"`,
    km: (p) => `គ្មាននរណាម្នាក់ក្នុងបញ្ជីមានអាសយដ្ឋានអ៊ីមែល «${p.value}» ទេ`,
  },
  badDate: {
    code: 'INVALID_FORMAT',
    en: (p) => `"${p.value}" is not a date; write it as YYYY-MM-DD, e.g. 2024-03-31`,
    km: (p) => `«${p.value}» មិនមែនជាកាលបរិច្ឆេទទេ។ សូមសរសេរជា YYYY-MM-DD ឧ. 2024-03-31`,
  },
  badChoice: {
    code: 'INVALID_CHOICE',
    en: (p) => `"${p.value}" is not one of ${p.allowed}`,
    km: (p) => `«${p.value}» មិនមែនជាតម្លៃមួយក្នុងចំណោម ${p.allowed} ទេ`,
  },
  badGcm: {
    code: 'OUT_OF_RANGE',
    en: (p) => `"${p.value}" is not a GCM objective; they are numbered 1 to 23`,
    km: (p) => `«${p.value}» មិនមែនជាគោលបំណង GCM ទេ។ គោលបំណងមានលេខពី 1 ដល់ 23`,
  },
  noPlanObjective: {
    code: 'NOT_FOUND_REFERENCE',
    en: (p) => `no plan objective has the code "${p.value}"`,
    km: (p) => `គ្មានគោលបំណងផែនការណាមានលេខកូដ «${p.value}» ទេ`,
  },
  ambiguousPlanObjective: {
    code: 'INVALID',
    en: (p) => `several plan objectives have the code "${p.value}"`,
    km: (p) => `មានគោលបំណងផែនការច្រើនដែលមានលេខកូដ «${p.value}»`,
  },
  noMeeting: {
    code: 'NOT_FOUND_REFERENCE',
    en: (p) => `no meeting matches "${p.value}" (a date YYYY-MM-DD or a reference prefix such as NCCT-2023-11-01)`,
    km: (p) => `គ្មានកិច្ចប្រជុំណាត្រូវនឹង «${p.value}» ទេ (កាលបរិច្ឆេទ YYYY-MM-DD ឬបុព្វបទលេខយោង ដូចជា NCCT-2023-11-01)`,
  },
  ambiguousMeeting: {
    code: 'INVALID',
    en: (p) =>
      `${p.count} meetings were held on ${p.value}; give the reference prefix instead (such as NCCT-${p.value})`,
    km: (p) => `មានកិច្ចប្រជុំ ${p.count} នៅថ្ងៃ ${p.value}។ សូមប្រើបុព្វបទលេខយោងជំនួសវិញ (ដូចជា NCCT-${p.value})`,
  },
  unknownColumn: {
    code: 'UNKNOWN_FIELD',
    en: (p) => `"${p.value}" is not a column of the template; the columns are ${p.allowed}`,
    km: (p) => `«${p.value}» មិនមែនជាជួរឈរនៃគំរូទេ។ ជួរឈរគឺ ${p.allowed}`,
  },
  missingColumn: {
    code: 'REQUIRED',
    en: () => 'this column is missing from the header row',
    km: () => 'ជួរឈរនេះបាត់ពីជួរក្បាល',
  },
  noRows: {
    code: 'REQUIRED',
    en: () => 'the sheet has no rows below the header',
    km: () => 'សន្លឹកគ្មានជួរទិន្នន័យនៅក្រោមជួរក្បាលទេ',
  },
  tooManyRows: {
    code: 'TOO_MANY',
    en: (p) => `the sheet has ${p.count} rows; at most ${p.max} are imported at once`,
    km: (p) => `សន្លឹកមាន ${p.count} ជួរ។ អាចនាំចូលបានច្រើនបំផុត ${p.max} ជួរក្នុងមួយលើក`,
  },
  unreadable: {
    code: 'INVALID_FORMAT',
    en: () => 'the file is neither an .xlsx workbook nor a UTF-8 .csv file',
    km: () => 'ឯកសារនេះមិនមែនជាឯកសារ .xlsx ឬ .csv (UTF-8) ទេ',
  },
  duplicate: {
    code: 'DUPLICATE',
    en: (p) => `"${p.value}" is already in the directory`,
    km: (p) => `«${p.value}» មានក្នុងបញ្ជីរួចហើយ`,
  },
  duplicateInFile: {
    code: 'DUPLICATE',
    en: (p) => `"${p.value}" is also on row ${p.other}`,
    km: (p) => `«${p.value}» ក៏មាននៅជួរទី ${p.other} ដែរ`,
  },
  badEmail: {
    code: 'INVALID_FORMAT',
    en: (p) => `"${p.value}" is not an e-mail address`,
    km: (p) => `«${p.value}» មិនមែនជាអាសយដ្ឋានអ៊ីមែលទេ`,
  },
  badAcronym: {
    code: 'INVALID_FORMAT',
    en: () => 'may use only letters, digits, ".", "-" and "_" (at most 40)',
    km: () => 'អាចប្រើតែអក្សរ លេខ «.» «-» និង «_» (យ៉ាងច្រើន 40)',
  },
  badYesNo: {
    code: 'INVALID_CHOICE',
    en: (p) => `"${p.value}" is not yes or no`,
    km: (p) => `«${p.value}» មិនមែនជា yes ឬ no ទេ`,
  },
  noSheet: {
    code: 'REQUIRED',
    en: () => 'the workbook has neither an Organizations nor a People sheet',
    km: () => 'សៀវភៅបញ្ជីគ្មានសន្លឹក Organizations ឬ People ទេ',
  },
  badCharacter: {
    code: 'INVALID_CHARACTER',
    en: () => 'contains a character that cannot be stored (U+0000, or broken Unicode)',
    km: () => 'មានតួអក្សរដែលមិនអាចរក្សាទុកបាន (U+0000 ឬ Unicode ខូច)',
  },
  rejected: {
    code: 'INVALID',
    en: (p) => String(p.value),
    km: (p) => String(p.value),
  },
};

export type MessageKey = keyof typeof MESSAGES;

/** A problem in the reader's language. */
export function problem(
  lang: ImportLanguage,
  row: number,
  column: string,
  key: MessageKey,
  params: Params = {},
): ImportProblem {
  const message = MESSAGES[key]!;
  return { row, column, code: message.code, message: message[lang](params) };
}
