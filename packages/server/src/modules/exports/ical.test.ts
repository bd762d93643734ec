import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtc, unfold, writeCalendar } from './ical.js';

const KHMER = 'កិច្ចប្រជុំពិនិត្យឡើងវិញប្រចាំឆ្នាំរបស់គណៈកម្មាធិការជាតិប្រយុទ្ធប្រឆាំងការជួញដូរមនុស្ស';

describe('iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('bell\u0007 tab\tok')).toBe('bell tab\tok');
  });

  it('writes instants in UTC', () => {
    expect(formatUtc(new Date('2023-11-01T09:00:00+07:00'))).toBe('20231101T020000Z');
  });

  it('folds at 75 octets without splitting a UTF-8 character, and unfolds back', () => {
    const line = `SUMMARY:${KHMER}${KHMER}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(3);
    for (const [index, part] of physical.entries()) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
      // A split UTF-8 sequence would not survive a round trip through bytes.
      expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      expect(part).not.toContain('\uFFFD');
    }
    expect(unfold(folded)).toBe(line);
    expect(foldLine('SHORT:line')).toBe('SHORT:line');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`);
  });

  it('writes a calendar with CRLF line endings, one VEVENT per event, STATUS for cancelled ones', () => {
    const text = writeCalendar({
      name: 'Meetings',
      events: [
        {
          uid: 'abc@prachum',
          stamp: new Date('2024-01-01T00:00:00Z'),
          start: new Date('2024-02-01T02:00:00Z'),
          end: new Date('2024-02-01T04:00:00Z'),
          summary: 'Review; budget, plan',
          location: KHMER,
          description: 'Organiser: NCCT\nhttps://example.org/meetings/x',
          status: 'CANCELLED',
          sequence: 3,
        },
        { uid: 'def@prachum', stamp: new Date(), start: new Date('2024-03-01T02:00:00Z'), summary: 'Second' },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = unfold(text).split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('UID:abc@prachum');
    expect(lines).toContain('DTSTART:20240201T020000Z');
    expect(lines).toContain('DTEND:20240201T040000Z');
    expect(lines).toContain('SUMMARY:Review\\; budget\\, plan');
    expect(lines).toContain(`LOCATION:${KHMER}`);
    expect(lines).toContain('DESCRIPTION:Organiser: NCCT\\nhttps://example.org/meetings/x');
    expect(lines).toContain('STATUS:CANCELLED');
    expect(lines).toContain('SEQUENCE:3');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });
});
