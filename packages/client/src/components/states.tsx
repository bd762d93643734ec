import { Alert, Button, Center, EmptyState as MantineEmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { errorCode, fieldProblems, problemText, retryAfterSeconds, unplacedProblems } from '../lib/errors.js';
import { formatNumber } from '../lib/format.js';
import { useLanguage } from './text.js';

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
  const errorText = useErrorText();
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
        <Text size="sm">{errorText(error)}</Text>
        {onRetry ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('actions.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

/** What a query's loading gives to QueryStates and RecordPageStates (Apollo's useQuery result has it all). */
export interface QueryProgress {
  loading: boolean;
  error?: unknown;
  data?: unknown;
  refetch: () => Promise<unknown>;
}

/** A query's loading and failed states (with a retry), shown only while it has no data: a refetch keeps what it had. */
export function QueryStates({ loading, error, data, refetch }: QueryProgress) {
  if (data) return null;
  return (
    <>
      {loading ? <LoadingState /> : null}
      {error ? <ErrorState error={error} onRetry={() => void refetch()} /> : null}
    </>
  );
}

/**
 * What a record's page shows instead of the record: loading, the failure with a retry, or `notFound` with the
 * way `back` to its list when the query came back without it.
 */
export function RecordPageStates({
  query,
  notFound,
  back,
}: {
  query: QueryProgress;
  notFound: string;
  back: { to: string; label: string };
}) {
  if (!query.data && query.loading) return <LoadingState />;
  if (!query.data && query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <EmptyState
      title={notFound}
      action={
        <Button component={Link} to={back.to} variant="default">
          {back.label}
        </Button>
      }
    />
  );
}

/** A failure in the viewer's language, from the catalogues (a rate limit says how long to wait). */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (error) => {
    const code = errorCode(error) ?? 'NETWORK';
    const seconds = code === 'RATE_LIMITED' ? retryAfterSeconds(error) : undefined;
    if (seconds !== undefined) {
      return t('problems.rateLimitedWait', { seconds: formatNumber(seconds, language) });
    }
    return t(`errors.${code}.body`);
  };
}

/**
 * An error from a mutation, shown above the form. Field problems are shown beside their fields: give the
 * form's `fields`, and only the problems none of them can show are listed here, each by its label.
 */
export function MutationError({ error, fields }: { error: unknown; fields?: readonly string[] }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  const code = errorCode(error) ?? 'NETWORK';
  if (code === 'BAD_USER_INPUT' && fields) {
    const rest = unplacedProblems(error, fields);
    if (rest.length === 0) return null;
    return (
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title={t('errors.saveFailed')}>
        <Text size="sm">{t('problems.unplaced')}</Text>
        <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
          {rest.map((text) => (
            <li key={text}>
              <Text size="sm">{text}</Text>
            </li>
          ))}
        </ul>
      </Alert>
    );
  }
  // Problems with the record itself (`id`: a state that forbids the change) have no field to sit beside.
  const recordProblems =
    code === 'BAD_USER_INPUT'
      ? fieldProblems(error)
          .filter((problem) => RECORD_FIELDS.has(problem.field))
          .map((problem) => problemText(problem))
      : [];
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert" title={t('errors.saveFailed')}>
      {recordProblems.length > 0 ? recordProblems.join(' ') : errorText(error)}
    </Alert>
  );
}

/** Field problems about the record as a whole rather than one of its fields. */
const RECORD_FIELDS = new Set(['', 'id', 'version']);
