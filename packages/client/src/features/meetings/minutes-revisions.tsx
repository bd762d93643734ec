import { useMutation } from '@apollo/client/react';
import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconHistory, IconPencil } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.js';
import { FormActions } from '../../components/form-actions.js';
import { ConflictNotice } from '../../components/conflict.js';
import { MutationError } from '../../components/states.js';
import { DateTimeText, PersonName } from '../../components/text.js';
import {
  type AgendaItemFieldsFragment,
  type MinutesRevisionFieldsFragment,
  ReviseMinutesDocument,
} from '../../graphql/generated.js';
import { conflictVersion, errorCode, fieldErrors } from '../../lib/errors.js';

/** "Correct minutes" for one agenda item of a meeting whose minutes are approved. */
export function CorrectMinutesButton({
  item,
  number,
  onReloadMeeting,
}: {
  item: AgendaItemFieldsFragment;
  number: number;
  onReloadMeeting: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={() => setOpened(true)}
        aria-label={t('revisions.correctItem', { number })}
        className="no-print"
        data-testid="correct-minutes"
      >
        {t('revisions.correct')}
      </Button>
      <Dialog opened={opened} onClose={() => setOpened(false)} title={t('revisions.correctItem', { number })} size="xl">
        {opened ? (
          <CorrectMinutesForm item={item} onClose={() => setOpened(false)} onReloadMeeting={onReloadMeeting} />
        ) : null}
      </Dialog>
    </>
  );
}

function CorrectMinutesForm({
  item,
  onClose,
  onReloadMeeting,
}: {
  item: AgendaItemFieldsFragment;
  onClose: () => void;
  onReloadMeeting: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(item.minutes ?? '');
  const [minutesKm, setMinutesKm] = useState(item.minutesKm ?? '');
  const [reason, setReason] = useState('');
  const version = useRef(item.version);
  const [reloading, setReloading] = useState(false);
  const [revise, { loading, error, reset }] = useMutation(ReviseMinutesDocument);
  const problems = fieldErrors(error);
  const conflict = conflictVersion(error) !== undefined;

  // Their version arrived after a conflict: save on top of it (what was typed here stays).
  useEffect(() => {
    if (reloading || !conflict || item.version === version.current) return;
    version.current = item.version;
    reset();
  }, [item.version, reloading, conflict, reset]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await revise({
        variables: {
          input: {
            agendaItemId: item.id,
            version: version.current,
            reason: reason.trim(),
            ...(minutes !== (item.minutes ?? '') ? { minutes } : {}),
            ...(minutesKm !== (item.minutesKm ?? '') ? { minutesKm } : {}),
          },
        },
      });
      if (result.data) onClose();
    } catch {
      // Shown beside the fields or as a conflict.
    }
  };

  return (
    <form onSubmit={submit} noValidate data-testid="correct-minutes-form">
      <Stack gap="sm">
        <Text size="sm">{t('revisions.explain')}</Text>
        {conflict ? (
          <ConflictNotice
            reloading={reloading}
            onReload={() => {
              setReloading(true);
              void onReloadMeeting().finally(() => setReloading(false));
            }}
          />
        ) : null}
        {error && !conflict && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Textarea
            label={t('minutes.english')}
            autosize
            minRows={4}
            value={minutes}
            onChange={(event) => setMinutes(event.currentTarget.value)}
            error={problems.minutes}
            data-testid="revise-minutes-en"
          />
          <Textarea
            label={t('minutes.khmer')}
            autosize
            minRows={4}
            lang="km"
            value={minutesKm}
            onChange={(event) => setMinutesKm(event.currentTarget.value)}
            error={problems.minutesKm}
            data-testid="revise-minutes-km"
          />
        </SimpleGrid>
        <Textarea
          label={t('revisions.reason')}
          description={t('revisions.reasonHint')}
          autosize
          minRows={2}
          required
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={problems.reason}
          data-testid="revise-reason"
        />
        <FormActions onCancel={onClose} busy={loading} submitLabel={t('revisions.save')} submitDisabled={conflict} />
      </Stack>
    </form>
  );
}

/** The recorded corrections of an item's approved minutes: who, when, why, and the text before and after. */
export function MinutesRevisions({ revisions }: { revisions: readonly MinutesRevisionFieldsFragment[] }) {
  const { t } = useTranslation();
  if (revisions.length === 0) return null;
  return (
    <Paper withBorder p="sm" bg="gray.0" data-testid="minutes-revisions">
      <Group gap={6} mb="xs">
        <IconHistory size={16} aria-hidden />
        <Title order={4} size="h6">
          {t('revisions.title', { count: revisions.length })}
        </Title>
      </Group>
      <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {revisions.map((revision) => (
          <li key={`${revision.at}-${revision.reason}`} data-testid="minutes-revision">
            <Text size="xs" c="dimmed">
              <DateTimeText value={revision.at} /> · <PersonName person={revision.revisedBy} />
            </Text>
            <Text size="sm">
              <Text span fw={600} size="sm">
                {t('revisions.reason')}:
              </Text>{' '}
              {revision.reason}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }} mt={4}>
              {revision.minutesBefore !== revision.minutesAfter ? (
                <BeforeAfter
                  label={t('minutes.english')}
                  before={revision.minutesBefore}
                  after={revision.minutesAfter}
                />
              ) : null}
              {revision.minutesKmBefore !== revision.minutesKmAfter ? (
                <BeforeAfter
                  label={t('minutes.khmer')}
                  before={revision.minutesKmBefore}
                  after={revision.minutesKmAfter}
                  lang="km"
                />
              ) : null}
            </SimpleGrid>
          </li>
        ))}
      </Stack>
    </Paper>
  );
}

function BeforeAfter({
  label,
  before,
  after,
  lang,
}: {
  label: string;
  before: string | null;
  after: string | null;
  lang?: string;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Text size="xs" c="dimmed">
        {t('revisions.before')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} td="line-through" c="red.9" lang={lang}>
        {before || '—'}
      </Text>
      <Text size="xs" c="dimmed">
        {t('revisions.after')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} fw={500} lang={lang}>
        {after || '—'}
      </Text>
    </div>
  );
}
