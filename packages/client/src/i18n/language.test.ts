import i18next from 'i18next';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  chooseLanguage,
  followAccountLanguage,
  LANGUAGE_KEY,
  languageOfLocale,
  localeOfLanguage,
  startI18n,
} from './i18n.js';

/** Just enough of the browser for i18n.ts: storage and `<html lang>`. */
const storage = new Map<string, string>();
const html = { lang: '' };
vi.stubGlobal('localStorage', {
  getItem: (key: string) => storage.get(key) ?? null,
  setItem: (key: string, value: string) => void storage.set(key, value),
});
vi.stubGlobal('document', { documentElement: html });

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the UI language', () => {
  beforeAll(async () => {
    await startI18n();
  });
  beforeEach(async () => {
    storage.clear();
    await i18next.changeLanguage('en');
  });

  it('follows the account’s language when none was chosen in this browser, without remembering it', async () => {
    followAccountLanguage('KM');
    await settled();
    expect(i18next.language).toBe('km');
    expect(html.lang).toBe('km');
    expect(storage.has(LANGUAGE_KEY)).toBe(false);
  });

  it('keeps the language chosen in this browser over the account’s', async () => {
    await chooseLanguage('en');
    expect(storage.get(LANGUAGE_KEY)).toBe('en');
    followAccountLanguage('KM');
    await settled();
    expect(i18next.language).toBe('en');
  });

  it('remembers a choice, which then starts the next visit', async () => {
    await chooseLanguage('km');
    expect(storage.get(LANGUAGE_KEY)).toBe('km');
    expect(html.lang).toBe('km');
  });

  it('maps the account locale to the UI language and back', () => {
    expect(languageOfLocale('KM')).toBe('km');
    expect(languageOfLocale('EN')).toBe('en');
    expect(localeOfLanguage('km')).toBe('KM');
    expect(localeOfLanguage('en')).toBe('EN');
  });

  it('writes every number put into a Khmer sentence in Khmer digits, and leaves English and formatted text alone', async () => {
    await i18next.changeLanguage('km');
    expect(i18next.t('imports.rowsRead', { count: 1250 })).toContain('១២៥០');
    expect(i18next.t('imports.rowsRead', { count: 1250 })).not.toMatch(/\d/);
    expect(i18next.t('pager.showing', { shown: '១,២០០', total: 3 })).not.toMatch(/\d/);
    await i18next.changeLanguage('en');
    expect(i18next.t('imports.rowsRead', { count: 1250 })).toBe('Rows read: 1250');
  });
});
