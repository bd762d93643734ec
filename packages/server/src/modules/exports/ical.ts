/**
 * A small iCalendar (RFC 5545) writer: enough for a feed of meetings that calendar programs
 * (Outlook, Google Calendar, Apple Calendar, Thunderbird) import or subscribe to.
 */

/** One event of a calendar. Instants are written in UTC. */
export interface CalendarEvent {
  uid: string;
  /** When this copy of the event was written. */
  stamp: Date;
  start: Date;
  /** Omitted when unknown (the event then ends when it starts, RFC 5545 §3.6.1). */
  end?: Date | null;
  summary: string;
  location?: string | null;
  description?: string | null;
  url?: string | null;
  lastModified?: Date | null;
  /** Grows with each change, so programs replace their copy. */
  sequence?: number | null;
  status?: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
}

export interface Calendar {
  /** X-WR-CALNAME, the name programs show for a subscribed calendar. */
  name: string;
  events: CalendarEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters TEXT may not hold (all but tab).
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** An instant as a UTC DATE-TIME: 20231101T020000Z. */
export function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines; drops other control characters. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL_CHARACTERS, '');
}

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 §3.1), each continuation
 * starting with a space. Breaks fall between code points, never inside a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** Reverses folding: a line break followed by a space or tab is removed (RFC 5545 §3.1). */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

function eventLines(event: CalendarEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${formatUtc(event.stamp)}`,
    `DTSTART:${formatUtc(event.start)}`,
  ];
  if (event.end) lines.push(`DTEND:${formatUtc(event.end)}`);
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  // A URI value is not TEXT: it is written as is, without escaping (RFC 5545 §3.3.13).
  if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
  if (event.status) lines.push(`STATUS:${event.status}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${formatUtc(event.lastModified)}`);
  if (event.sequence != null) lines.push(`SEQUENCE:${Math.max(0, Math.floor(event.sequence))}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The calendar as an iCalendar document: CRLF line endings, lines folded at 75 octets. */
export function writeCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//NCCT//Prachum//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...calendar.events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
