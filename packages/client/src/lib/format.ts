/** Dates, times and bilingual record text, shown the way people in Cambodia read them. */

export type Language = 'en' | 'km';

/** Every instant is shown in Cambodia's time zone, whatever the browser's. */
export const TIME_ZONE = 'Asia/Phnom_Penh';
/** Cambodia keeps UTC+7 all year (no daylight saving), so wall time ↔ instant is a fixed shift. */
const OFFSET = '+07:00';

const locales: Record<Language, string> = { en: 'en-GB', km: 'km-KH' };

// Khmer dates are written out here rather than by Intl: many browsers (Chromium builds among them) ship
// no Khmer locale data and would silently fall back to English month names.
const KHMER_MONTHS = ['មករា', 'កុម្ភៈ', 'មីនា', 'មេសា', 'ឧសភា', 'មិថុនា', 'កក្កដា', 'សីហា', 'កញ្ញា', 'តុលា', 'វិច្ឆិកា', 'ធ្នូ'];
/** Monday first, as the calendar shows them. */
const KHMER_WEEKDAYS = ['ច័ន្ទ', 'អង្គារ', 'ពុធ', 'ព្រហស្បតិ៍', 'សុក្រ', 'សៅរ៍', 'អាទិត្យ'];
const KHMER_DIGITS = '០១២៣៤៥៦៧៨៩';

/** Writes Latin digits as Khmer digits. */
export function khmerDigits(text: string): string {
  return text.replace(/\d/g, (digit) => KHMER_DIGITS[Number(digit)]);
}

/** Year, month, day, hour and minute of an instant on the wall clock of `timeZone`. */
function wallClock(date: Date, timeZone: string): { year: string; month: number; day: string; time: string } {
  const parts = Object.fromEntries(
    formatter('en', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return {
    year: parts.year,
    month: Number(parts.month),
    day: String(Number(parts.day)),
    time: `${parts.hour}:${parts.minute}`,
  };
}

const khmerDate = (c: { year: string; month: number; day: string }) =>
  `${khmerDigits(c.day)} ${KHMER_MONTHS[c.month - 1]} ${khmerDigits(c.year)}`;

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locales[language], options);
    cache.set(key, found);
  }
  return found;
}

/** An instant (ISO string) as date and time in Asia/Phnom_Penh. */
export function formatDateTime(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  if (language === 'km') {
    const clock = wallClock(new Date(value), TIME_ZONE);
    return `${khmerDate(clock)} ម៉ោង ${khmerDigits(clock.time)}`;
  }
  return formatter(language, { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value));
}

/** The time of day of an instant in Asia/Phnom_Penh. */
export function formatTime(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  if (language === 'km') return khmerDigits(wallClock(new Date(value), TIME_ZONE).time);
  return formatter(language, { timeZone: TIME_ZONE, timeStyle: 'short' }).format(new Date(value));
}

/** A calendar date ('YYYY-MM-DD'); it names a day, not an instant, so it is never shifted. */
export function formatDate(value: string | null | undefined, language: Language): string {
  if (!value) return '';
  if (language === 'km') return khmerDate(wallClock(new Date(`${value}T00:00:00Z`), 'UTC'));
  return formatter(language, { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(`${value}T00:00:00Z`));
}

/** The calendar day ('YYYY-MM-DD') an instant falls on in Asia/Phnom_Penh. */
export function dayInPhnomPenh(value: Date | string = new Date()): string {
  return formatter('en', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(value))
    .filter((part) => part.type !== 'literal')
    .map((part) => part.value)
    .join('-')
    .replace(/^(\d{2})-(\d{2})-(\d{4})$/, '$3-$2-$1');
}

/** An instant as the value of an `<input type="datetime-local">` showing Phnom Penh wall time. */
export function toWallTime(value: string | null | undefined): string {
  if (!value) return '';
  const shifted = new Date(new Date(value).getTime() + 7 * 3_600_000);
  return shifted.toISOString().slice(0, 16);
}

/** The instant (ISO string) of a Phnom Penh wall time typed in `<input type="datetime-local">`; null when empty or invalid. */
export function fromWallTime(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const seconds = value.length === 16 ? ':00' : '';
  const date = new Date(`${value}${seconds}${OFFSET}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The month ('YYYY-MM') an instant falls in, in Asia/Phnom_Penh. */
export function monthOf(value: Date | string = new Date()): string {
  return dayInPhnomPenh(value).slice(0, 7);
}

/** The name of a month ('YYYY-MM'), e.g. "November 2023". */
export function formatMonth(month: string, language: Language): string {
  if (language === 'km') return `${KHMER_MONTHS[Number(month.slice(5, 7)) - 1]} ${khmerDigits(month.slice(0, 4))}`;
  return formatter(language, { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** Short weekday names, Monday first. */
export function weekdayNames(language: Language): string[] {
  if (language === 'km') return KHMER_WEEKDAYS;
  const names = formatter('en', { weekday: 'short', timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => names.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/;

/** Whether a text is written (at least partly) in Khmer script. */
export function isKhmer(text: string): boolean {
  return KHMER.test(text);
}

/**
 * Picks the version of a bilingual record text to show: the one in the reader's language, else the other.
 * `lang` says which language the chosen text is in, for the `lang` attribute (and so the Khmer font).
 */
export function pickText(
  language: Language,
  english: string | null | undefined,
  khmer: string | null | undefined,
): { text: string; lang: Language } | null {
  const en = english?.trim() ? english : null;
  const km = khmer?.trim() ? khmer : null;
  const text = language === 'km' ? (km ?? en) : (en ?? km);
  if (!text) return null;
  return { text, lang: isKhmer(text) ? 'km' : 'en' };
}

/** A count in the reader's digits: Khmer digits in Khmer ("១២"), grouped Latin digits in English ("1,234"). */
export function formatNumber(value: number, language: Language): string {
  const text = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(value);
  return language === 'km' ? khmerDigits(text) : text;
}

/** A percentage (0–100) in the reader's digits: "45%" or "៤៥%". */
export function formatPercent(value: number, language: Language): string {
  return `${formatNumber(Math.round(value), language)}%`;
}

const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Latin digits for Khmer ones, so that typed Khmer numbers can be read. */
function latinDigits(text: string): string {
  return text.replace(/[០-៩]/g, (digit) => String(KHMER_DIGITS.indexOf(digit)));
}

/**
 * A calendar date typed the way Prachum shows dates, as 'YYYY-MM-DD', or null when it is not one:
 * "31 Dec 2026", "31 December 2026", "៣១ ធ្នូ ២០២៦", "31/12/2026" (day first, as in Cambodia) and
 * "2026-12-31" are all read; Khmer or Latin digits alike.
 */
export function parseTypedDate(text: string): string | null {
  const value = latinDigits(text.normalize('NFC').trim()).replace(/\s+/g, ' ').replace(/,/g, '');
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  const named = /^(\d{1,2}) (\S+) (\d{4})$/.exec(value);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (dayFirst) {
    [day, month, year] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  } else if (named) {
    const name = named[2].toLowerCase().replace(/\.$/, '');
    const khmer = KHMER_MONTHS.indexOf(named[2]);
    const english = ENGLISH_MONTHS.findIndex((m) => name.startsWith(m));
    month = (khmer >= 0 ? khmer : english) + 1;
    [day, year] = [Number(named[1]), Number(named[3])];
    if (month === 0) return null;
  } else {
    return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A Phnom Penh date and time typed the way Prachum shows them, as wall time 'YYYY-MM-DDTHH:MM', or null
 * when it is not one: "15 Dec 2026, 09:00", "១៥ ធ្នូ ២០២៦ ម៉ោង ០៩:០០", "15/12/2026 9:00", "15 Dec 2026 2:30 pm"
 * and "2026-12-15T09:00" are all read; Khmer or Latin digits alike.
 */
export function parseTypedDateTime(text: string): string | null {
  const value = latinDigits(text.normalize('NFC').trim()).replace(/\s+/g, ' ');
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2})[:.](\d{2})$/.exec(value);
  const typed = /^(.+?),? (?:ម៉ោង )?(\d{1,2})[:.](\d{2}) ?([ap]\.?m\.?)?$/i.exec(value);
  const parts = iso ? [iso[1], iso[2], iso[3], undefined] : typed ? [typed[1], typed[2], typed[3], typed[4]] : null;
  if (!parts) return null;
  const day = parseTypedDate(parts[0] ?? '');
  let hour = Number(parts[1]);
  const minute = Number(parts[2]);
  const meridiem = parts[3]?.toLowerCase().replace(/\./g, '');
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (!day || hour > 23 || minute > 59) return null;
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A Phnom Penh wall time ('YYYY-MM-DDTHH:MM') shown the way `formatDateTime` shows its instant. */
export function formatWallTime(value: string, language: Language): string {
  return formatDateTime(fromWallTime(value), language);
}
