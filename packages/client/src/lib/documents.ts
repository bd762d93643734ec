/** Addresses of the documents the server makes: official minutes, import templates and imports. */

export type MinutesFormat = 'pdf' | 'docx';

/** The official minutes of a meeting in one format and language. */
export function minutesUrl(meetingId: string, format: MinutesFormat, lang: 'en' | 'km'): string {
  return `/exports/meetings/${encodeURIComponent(meetingId)}/minutes.${format}?lang=${lang}`;
}
