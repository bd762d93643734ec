import { describe, expect, it } from 'vitest';
import { settingsChanges, settingsFormOf } from './settings-changes.js';

const saved = settingsFormOf({
  __typename: 'Viewer',
  locale: 'EN',
  emailPreferences: { __typename: 'EmailPreferences', reminders: true, digest: true, events: false },
});

describe('the settings form', () => {
  it('starts from the account’s settings', () => {
    expect(saved).toEqual({ locale: 'EN', emailReminders: true, emailDigest: true, emailEvents: false });
  });

  it('sends only what changed', () => {
    expect(settingsChanges(saved, { ...saved, locale: 'KM' })).toEqual({ locale: 'KM' });
    expect(settingsChanges(saved, { ...saved, emailDigest: false, emailEvents: true })).toEqual({
      emailDigest: false,
      emailEvents: true,
    });
  });

  it('has nothing to save when nothing changed, or when a change was undone', () => {
    expect(settingsChanges(saved, { ...saved })).toBeNull();
    expect(settingsChanges(saved, { ...saved, emailReminders: true })).toBeNull();
  });
});
