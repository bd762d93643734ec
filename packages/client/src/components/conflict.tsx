import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRefresh, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * A stale save: someone else changed the record since it was loaded. What the user typed stays in the form;
 * loading their version brings in the other person's changes and lets the user save again on top of them.
 */
export function ConflictNotice({ onReload, reloading }: { onReload: () => void; reloading?: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      icon={<IconUsers aria-hidden />}
      title={t('conflict.title')}
      role="alert"
      data-testid="conflict"
    >
      <Text size="sm" mb="xs">
        {t('conflict.body')}
      </Text>
      <Group>
        <Button size="xs" leftSection={<IconRefresh size={14} aria-hidden />} onClick={onReload} loading={reloading}>
          {t('conflict.reload')}
        </Button>
      </Group>
    </Alert>
  );
}
