import { Affix, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCloudOff, IconCloudUpload, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../components/text.js';
import { formatNumber } from '../../lib/format.js';
import type { OutboxEntry } from './offline-db.js';
import { outbox } from './outbox.js';
import { applyUpdate, useUpdateReady } from './service-worker.js';
import { flushOutbox } from './sync.js';
import { useOnline, useOutboxEntries } from './use-outbox.js';

const SENDING_NEWS_MS = 3000;

/**
 * Says on every page whether the connection is gone and how many changes wait on this device, and when a new
 * version of the app is ready. Shown only when there is something to say.
 */
export function OfflineStatus() {
  const { t } = useTranslation();
  const language = useLanguage();
  const online = useOnline();
  const entries = useOutboxEntries();
  const updateReady = useUpdateReady();
  const pending = entries.filter((e) => e.status === 'pending');
  const waiting = pending.length;
  // Online, a save on its way for a moment is not news: only changes that have waited (offline, a failed try).
  const delayed = pending.some((e) => Date.parse(e.createdAt) < Date.now() - SENDING_NEWS_MS);
  const stuck = entries.length - waiting;
  const count = (n: number) => formatNumber(n, language);

  let message: string | null = null;
  if (!online) {
    message =
      waiting === 0
        ? t('offline.offlineNothing')
        : t(waiting === 1 ? 'offline.waitingOne' : 'offline.waiting', { count: count(waiting) });
  } else if (delayed) {
    message = t('offline.sending', { count: count(waiting) });
  }
  if (!message && stuck === 0 && !updateReady) return null;

  return (
    <Affix position={{ bottom: 16, left: 16 }} zIndex={300} className="no-print">
      <Paper shadow="md" withBorder p="xs" radius="md" maw={420} bg={online ? undefined : 'yellow.0'}>
        {message ? (
          <Group gap="xs" wrap="nowrap" role="status" aria-live="polite" data-testid="offline-banner">
            {online ? <IconCloudUpload size={18} aria-hidden /> : <IconCloudOff size={18} aria-hidden />}
            <Text size="sm">{message}</Text>
          </Group>
        ) : null}
        {stuck > 0 ? (
          <Stack gap={4} data-testid="offline-attention">
            <Text size="sm" c="orange.9">
              {t('offline.attention', { count: count(stuck) })}
            </Text>
            {entries
              .filter((e) => e.status !== 'pending')
              .map((entry) => (
                <StuckChange key={entry.key} entry={entry} />
              ))}
          </Stack>
        ) : null}
        {updateReady ? (
          <Group gap="xs" justify="space-between" mt={message ? 'xs' : 0}>
            <Text size="sm">{t('offline.updateReady')}</Text>
            <Button size="compact-sm" leftSection={<IconRefresh size={14} aria-hidden />} onClick={applyUpdate}>
              {t('offline.reload')}
            </Button>
          </Group>
        ) : null}
      </Paper>
    </Affix>
  );
}

/** A change the server did not take: what it was, why, and what can be done (nothing is dropped unasked). */
function StuckChange({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const what =
    entry.kind === 'minutes'
      ? t('offline.stuckMinutes')
      : entry.kind === 'participation'
        ? t('offline.stuckAttendance')
        : t('offline.stuckDecision', { text: entry.input.text ?? entry.input.textKm ?? '' });
  const why = entry.status === 'conflict' ? t('offline.stuckConflict') : t(`errors.${entry.error ?? 'NETWORK'}.body`);
  return (
    <Group gap="xs" justify="space-between" wrap="nowrap">
      <Text size="xs">
        {what}: {why}
      </Text>
      <Group gap={4} wrap="nowrap">
        {entry.status === 'failed' ? (
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => void outbox.retry(entry.key).then(() => flushOutbox())}
          >
            {t('offline.retry')}
          </Button>
        ) : null}
        {entry.kind === 'minutes' ? null : (
          // Minutes are never dropped from here: opening their item brings the text back into the editor.
          <Button size="compact-xs" variant="default" onClick={() => void outbox.remove(entry.key)}>
            {t('offline.discard')}
          </Button>
        )}
      </Group>
    </Group>
  );
}
