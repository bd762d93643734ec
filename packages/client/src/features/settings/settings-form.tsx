import { useMutation } from '@apollo/client/react';
import { Button, Group, Paper, Radio, Stack, Switch, Text, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import {
  Locale,
  MeDocument,
  type MySettingsFieldsFragment,
  MySettingsDocument,
  UpdateMySettingsDocument,
} from '../../graphql/generated.js';
import { chooseLanguage, languageOfLocale } from '../../i18n/i18n.js';
import { enumValues } from '../../lib/enums.js';
import { type SettingsForm, settingsChanges, settingsFormOf } from './settings-changes.js';

/** The account's language and which e-mails it gets; saving a new language also switches this browser to it. */
export function MySettingsForm({ settings }: { settings: MySettingsFieldsFragment }) {
  const { t } = useTranslation();
  const saved = settingsFormOf(settings);
  const [form, setForm] = useState<SettingsForm>(saved);
  const [done, setDone] = useState(false);
  const [save, { loading, error }] = useMutation(UpdateMySettingsDocument, {
    // The viewer has no id to be found by: put the saved settings where the session and this page read them.
    update(cache, { data }) {
      if (!data) return;
      const me = data.updateMySettings.viewer;
      cache.writeQuery({ query: MeDocument, data: { __typename: 'Query', me } });
      cache.writeQuery({ query: MySettingsDocument, data: { __typename: 'Query', me } });
    },
  });
  const changes = settingsChanges(saved, form);

  const change = (next: Partial<SettingsForm>) => {
    setForm({ ...form, ...next });
    setDone(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!changes) return;
    try {
      await save({ variables: { input: changes } });
      if (changes.locale) await chooseLanguage(languageOfLocale(changes.locale));
      setDone(true);
    } catch {
      // Shown above the button.
    }
  };

  const emailSwitch = (field: 'emailReminders' | 'emailDigest' | 'emailEvents', name: string) => (
    <Switch
      label={t(`settings.${name}`)}
      description={t(`settings.${name}Hint`)}
      checked={form[field]}
      onChange={(e) => change({ [field]: e.currentTarget.checked })}
      data-testid={`setting-${name}`}
    />
  );

  return (
    <Paper withBorder p="lg" radius="md" maw={720}>
      <form onSubmit={submit} noValidate>
        <Stack gap="xl">
          <section aria-labelledby="settings-language">
            <Title order={2} size="h4" id="settings-language" mb={4}>
              {t('settings.language')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('settings.languageHint')}
            </Text>
            <Group gap="xl" mt="sm" role="radiogroup" aria-labelledby="settings-language">
              {enumValues(Locale).map((locale) => (
                <Radio
                  key={locale}
                  name="locale"
                  value={locale}
                  checked={form.locale === locale}
                  onChange={() => change({ locale })}
                  label={locale === 'KM' ? <span lang="km">ភាសាខ្មែរ</span> : <span lang="en">English</span>}
                />
              ))}
            </Group>
          </section>
          <section aria-labelledby="settings-email">
            <Title order={2} size="h4" id="settings-email" mb={4}>
              {t('settings.email')}
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              {t('settings.emailHint')}
            </Text>
            <Stack gap="md">
              {emailSwitch('emailReminders', 'reminders')}
              {emailSwitch('emailDigest', 'digest')}
              {emailSwitch('emailEvents', 'events')}
            </Stack>
          </section>
          <MutationError error={error} />
          <Group justify="flex-end" gap="md">
            {done && !changes ? (
              <Group gap={4} role="status" c="green.9">
                <IconCheck size={16} aria-hidden />
                <Text size="sm">{t('settings.saved')}</Text>
              </Group>
            ) : null}
            <Button type="submit" loading={loading} disabled={!changes}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
