import { useQuery } from '@apollo/client/react';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/page.js';
import { QueryStates } from '../components/states.js';
import { MySettingsForm } from '../features/settings/settings-form.js';
import { MySettingsDocument } from '../graphql/generated.js';

/** /settings: the account's own language and e-mails (every e-mail Prachum sends links here). */
export function SettingsPage() {
  const { t } = useTranslation();
  const { data, loading, error, refetch } = useQuery(MySettingsDocument, { fetchPolicy: 'network-only' });

  return (
    <>
      <PageHeader title={t('settings.title')}>
        <Text c="dimmed" size="sm">
          {t('settings.intro')}
        </Text>
      </PageHeader>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data?.me ? <MySettingsForm settings={data.me} /> : null}
    </>
  );
}
