import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../lib/format.js';
import en from './en.json';
import km from './km.json';

export const LANGUAGE_KEY = 'prachum.language';
export const languages: readonly Language[] = ['en', 'km'];

function storedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'km' ? 'km' : 'en';
  } catch {
    return 'en';
  }
}

/** Sets `<html lang>` (and so the Khmer font) and remembers the choice for the next visit. */
function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Private browsing without storage: the choice lasts for this visit only.
  }
}

/** Starts i18next with both catalogues bundled (they are small), in the language chosen last time. */
export async function startI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', applyLanguage);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, km: { translation: km } },
    lng: storedLanguage(),
    fallbackLng: 'en',
    supportedLngs: languages,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(i18next.language);
  return i18next;
}
