import { describe, expect, it } from 'vitest';
import { checkFile, EVIDENCE_ACCEPT, fileKind, formatSize, isImage, MAX_UPLOAD_BYTES } from './files.js';

const file = (name: string, type: string, size = 1000) => ({ name, type, size });

describe('checkFile', () => {
  it('accepts the types the server accepts', () => {
    expect(checkFile(file('minutes.pdf', 'application/pdf'))).toBeNull();
    expect(checkFile(file('photo.JPG', 'image/jpeg'))).toBeNull();
    expect(
      checkFile(file('plan.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
    ).toBeNull();
    expect(checkFile(file('notes.txt', 'text/plain'))).toBeNull();
  });

  it('accepts a CSV whose browser gives no type or the old Excel one', () => {
    expect(checkFile(file('list.csv', ''))).toBeNull();
    expect(checkFile(file('list.csv', 'application/vnd.ms-excel'))).toBeNull();
  });

  it('refuses other types, even named like an allowed one when the browser knows better', () => {
    expect(checkFile(file('setup.exe', 'application/x-msdownload'))).toBe('WRONG_TYPE');
    expect(checkFile(file('clip.mp4', 'video/mp4'))).toBe('WRONG_TYPE');
    expect(checkFile(file('archive.zip', ''))).toBe('WRONG_TYPE');
    expect(checkFile(file('fake.pdf', 'video/mp4'))).toBe('WRONG_TYPE');
  });

  it('refuses empty files and files over the cap, at exactly the cap accepts', () => {
    expect(checkFile(file('a.pdf', 'application/pdf', 0))).toBe('EMPTY');
    expect(checkFile(file('a.pdf', 'application/pdf', MAX_UPLOAD_BYTES))).toBeNull();
    expect(checkFile(file('a.pdf', 'application/pdf', MAX_UPLOAD_BYTES + 1))).toBe('TOO_LARGE');
    expect(checkFile(file('a.pdf', 'application/pdf', 2_000_000), 1_000_000)).toBe('TOO_LARGE');
  });

  it('offers every allowed type and extension to the picker', () => {
    expect(EVIDENCE_ACCEPT.split(',')).toEqual(expect.arrayContaining(['application/pdf', '.pdf', '.jpeg', '.csv']));
  });
});

describe('fileKind and isImage', () => {
  it('names stored types, ignoring parameters, and anything else as other', () => {
    expect(fileKind('application/pdf')).toBe('pdf');
    expect(fileKind('text/csv; charset=utf-8')).toBe('csv');
    expect(fileKind('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('excel');
    expect(fileKind('application/zip')).toBe('other');
    expect(fileKind(null)).toBe('other');
    expect(isImage('image/webp')).toBe(true);
    expect(isImage('application/pdf')).toBe(false);
  });
});

describe('formatSize', () => {
  it('uses B, KB and MB with at most one decimal below ten', () => {
    expect(formatSize(0, 'en')).toBe('0 B');
    expect(formatSize(840, 'en')).toBe('840 B');
    expect(formatSize(1024, 'en')).toBe('1 KB');
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(12 * 1024 + 300, 'en')).toBe('12 KB');
    expect(formatSize(3.44 * 1024 * 1024, 'en')).toBe('3.4 MB');
    expect(formatSize(25 * 1024 * 1024, 'en')).toBe('25 MB');
  });

  it('writes Khmer digits in Khmer', () => {
    expect(formatSize(1536, 'km')).toBe('១.៥ KB');
    expect(formatSize(25 * 1024 * 1024, 'km')).toBe('២៥ MB');
  });
});
