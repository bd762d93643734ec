import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, type Language, pickText } from '../lib/format.js';

/** The reader's language as our type. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'km' ? 'km' : 'en';
}

/** Bilingual record text: the reader's language first, else the other, marked with `lang` so Khmer gets its font. */
export function Local({ en, km, fallback = '—' }: { en?: string | null; km?: string | null; fallback?: string }) {
  const language = useLanguage();
  const picked = pickText(language, en, km);
  if (!picked) return fallback;
  return picked.lang === language ? picked.text : <span lang={picked.lang}>{picked.text}</span>;
}

/** The same choice as a plain string (for titles, aria labels, CSV). */
export function useLocalText(): (en?: string | null, km?: string | null) => string {
  const language = useLanguage();
  return (en, km) => pickText(language, en, km)?.text ?? '';
}

/** A calendar date in the reader's language. */
export function DateText({ value }: { value: string | null | undefined }) {
  const language = useLanguage();
  return value ? <time dateTime={value}>{formatDate(value, language)}</time> : <>—</>;
}

/** An instant shown in Asia/Phnom_Penh, in the reader's language. */
export function DateTimeText({ value }: { value: string | null | undefined }) {
  const language = useLanguage();
  return value ? <time dateTime={value}>{formatDateTime(value, language)}</time> : <>—</>;
}

/** An organisation by its acronym, with its name for those who do not know the acronym. */
export function OrganizationName({
  organization,
  full = false,
}: {
  organization: { acronym: string; name: string | null; nameKm: string | null } | null | undefined;
  full?: boolean;
}) {
  if (!organization) return <>—</>;
  if (!full) return <>{organization.acronym}</>;
  return (
    <>
      <Local en={organization.name} km={organization.nameKm} fallback={organization.acronym} /> ({organization.acronym})
    </>
  );
}

/** A person's name in the reader's script. */
export function PersonName({
  person,
}: {
  person: { fullName: string | null; fullNameKm: string | null } | null | undefined;
}) {
  if (!person) return <>—</>;
  return <Local en={person.fullName} km={person.fullNameKm} />;
}
