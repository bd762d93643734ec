import { Alert, Avatar, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_STATUS_EVENT } from '../../apollo.js';
import { ConflictNotice } from '../../components/conflict.js';
import { useLanguage, useLocalText } from '../../components/text.js';
import { formatNumber } from '../../lib/format.js';
import { isStaff, useViewer } from '../session/session.js';
import { useMeetingLive } from './use-meeting-live.js';

/** Whether the live connection is up (after it first came up); undefined before anything is known. */
function useLiveStatus(): boolean | undefined {
  const [up, setUp] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const onStatus = (event: Event) => setUp(Boolean((event as CustomEvent<boolean>).detail));
    window.addEventListener(LIVE_STATUS_EVENT, onStatus);
    return () => window.removeEventListener(LIVE_STATUS_EVENT, onStatus);
  }, []);
  return up;
}

/**
 * The meeting page's live strip: it keeps the page up to date (useMeetingLive), shows who else has it
 * open and which item each edits, and offers the conflict dialog as soon as someone starts on the item
 * being edited here.
 */
export function MeetingLive({ meetingId, onReload }: { meetingId: string; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const local = useLocalText();
  const viewer = useViewer();
  const status = useLiveStatus();
  const [reloading, setReloading] = useState(false);
  const { others, sameItem } = useMeetingLive(meetingId, { personId: viewer.person?.id, canEdit: isStaff(viewer) });
  const nameOf = (person: { fullName: string | null; fullNameKm: string | null }) =>
    local(person.fullName, person.fullNameKm) || t('live.someone');

  if (others.length === 0 && status !== false) return null;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="section"
      aria-label={t('live.presenceLabel')}
      data-testid="live-presence"
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          {status === false ? (
            <Badge color="gray" variant="light" data-testid="live-reconnecting">
              {t('live.reconnecting')}
            </Badge>
          ) : null}
          {others.length > 0 ? (
            <>
              <Text size="sm" c="dimmed">
                {t('live.alsoHere')}
              </Text>
              <Avatar.Group spacing="xs">
                {others.map((entry) => (
                  <Tooltip key={entry.person.id} label={nameOf(entry.person)} withArrow>
                    <Avatar size="sm" radius="xl" name={nameOf(entry.person)} color="initials" />
                  </Tooltip>
                ))}
              </Avatar.Group>
              <Text size="sm" data-testid="live-others">
                {others
                  .map((entry) =>
                    entry.agendaItem
                      ? t('live.editingItem', {
                          name: nameOf(entry.person),
                          number: formatNumber(entry.agendaItem.position, language),
                        })
                      : nameOf(entry.person),
                  )
                  .join(language === 'km' ? ' ' : ', ')}
              </Text>
            </>
          ) : null}
        </Group>
        {sameItem.length > 0 ? (
          <Stack gap={4} data-testid="live-same-item">
            <Alert color="orange" variant="light" icon={<IconUsers aria-hidden />} p="xs">
              <Text size="sm">
                {t('live.sameItem', { names: sameItem.map((entry) => nameOf(entry.person)).join(', ') })}
              </Text>
            </Alert>
            <ConflictNotice
              reloading={reloading}
              onReload={() => {
                setReloading(true);
                void onReload().finally(() => setReloading(false));
              }}
            />
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
