import { Alert, Button, Center, EmptyState as MantineEmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { errorCode } from '../lib/errors.js';

/** Shown while a page's data is on its way. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label ?? t('states.loading')}</Text>
      </Group>
    </Center>
  );
}

/** Shown when a list or page has nothing to show yet. */
export function EmptyState({
  title,
  description,
  action,
}: {
  title: string;
  description?: string;
  action?: ReactNode;
}) {
  return (
    <MantineEmptyState
      my="lg"
      title={title}
      description={description}
      icon={<IconInbox aria-hidden />}
      data-testid="empty-state"
    >
      {action ? <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions> : null}
    </MantineEmptyState>
  );
}

/** Shown when loading failed: says why in words people use, offers to try again or sign in. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const code = errorCode(error);
  const next = encodeURIComponent(`${location.pathname}${location.search}`);
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
    return (
      <Alert color="orange" icon={<IconLock aria-hidden />} title={t(`errors.${code}.title`)} my="md" role="alert">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t(`errors.${code}.body`)}</Text>
          <Button component={Link} to={`/login?next=${next}`} size="xs" variant="light">
            {t('errors.signInAgain')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t('errors.loadFailed')} my="md" role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t(`errors.${code ?? 'NETWORK'}.body`)}</Text>
        {onRetry ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** An error from a mutation, shown above the form (field problems are shown beside their fields). */
export function MutationError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCode(error) ?? 'NETWORK';
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title={t('errors.saveFailed')}>
      {t(`errors.${code}.body`)}
    </Alert>
  );
}
