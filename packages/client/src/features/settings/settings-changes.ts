import type { Locale, MySettingsFieldsFragment, UpdateMySettingsInput } from '../../graphql/generated.js';

/** What the settings form holds. */
export interface SettingsForm {
  locale: Locale;
  emailReminders: boolean;
  emailDigest: boolean;
  emailEvents: boolean;
}

const fields = ['locale', 'emailReminders', 'emailDigest', 'emailEvents'] as const;

/** The form as the account's settings are now. */
export function settingsFormOf(settings: MySettingsFieldsFragment): SettingsForm {
  return {
    locale: settings.locale,
    emailReminders: settings.emailPreferences.reminders,
    emailDigest: settings.emailPreferences.digest,
    emailEvents: settings.emailPreferences.events,
  };
}

/** Only what changed, so that saving never overwrites a setting changed meanwhile elsewhere; null when nothing did. */
export function settingsChanges(saved: SettingsForm, form: SettingsForm): UpdateMySettingsInput | null {
  const changed = fields.filter((field) => form[field] !== saved[field]);
  return changed.length > 0 ? Object.fromEntries(changed.map((field) => [field, form[field]])) : null;
}
