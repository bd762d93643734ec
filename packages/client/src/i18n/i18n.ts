import i18next, { type FormatterModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../graphql/generated.js';
import { khmerDigits, type Language } from '../lib/format.js';
import en from './en.json';
import km from './km.json';

/** Holds the language chosen in this browser; absent until someone chooses one here. */
export const LANGUAGE_KEY = 'prachum.language';
export const languages: readonly Language[] = ['en', 'km'];

/** The language chosen in this browser (language switch or settings), if any. */
function chosenLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    return stored === 'km' || stored === 'en' ? stored : null;
  } catch {
    return null;
  }
}

/** Sets `<html lang>`, and so the Khmer font. */
function applyLanguage(language: string): void {
  document.documentElement.lang = language;
}

/** The UI language of an account's locale, and back. */
export const languageOfLocale = (locale: Locale): Language => (locale === 'KM' ? 'km' : 'en');
export const localeOfLanguage = (language: Language): Locale => (language === 'km' ? 'KM' : 'EN');

/** Switches the UI language and remembers it in this browser, where it then wins over the account's language. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Private browsing without storage: the choice lasts for this visit only.
  }
  await i18next.changeLanguage(language);
}

/** Once signed in, the UI speaks the account's language, unless someone chose one in this browser. */
export function followAccountLanguage(locale: Locale): void {
  const language = languageOfLocale(locale);
  if (!chosenLanguage() && i18next.language !== language) void i18next.changeLanguage(language);
}

/**
 * Every number put into a Khmer sentence (`{{count}}`, `{{progress}}`, `{{number}}`) in Khmer digits, so that no
 * screen prints Latin digits in Khmer by forgetting to format one. English is left as given. Values already
 * formatted as text (`formatNumber`, `formatPercent`) pass unchanged. Used with `interpolation.alwaysFormat`.
 */
export const readerDigits: FormatterModule = {
  type: 'formatter',
  init() {},
  add() {},
  addCached() {},
  format: (value, _format, lng) => (lng === 'km' && typeof value === 'number' ? khmerDigits(String(value)) : value),
};

/** Starts i18next with both catalogues bundled (they are small), in the language chosen here last time. */
export async function startI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', applyLanguage);
  await i18next
    .use(initReactI18next)
    .use(readerDigits)
    .init({
      resources: { en: { translation: en }, km: { translation: km } },
      lng: chosenLanguage() ?? 'en',
      fallbackLng: 'en',
      supportedLngs: languages,
      interpolation: { escapeValue: false, alwaysFormat: true },
      returnNull: false,
    });
  applyLanguage(i18next.language);
  return i18next;
}
