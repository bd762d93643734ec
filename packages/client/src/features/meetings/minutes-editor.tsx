import { useMutation } from '@apollo/client/react';
import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictNotice } from '../../components/conflict.js';
import { useLanguage } from '../../components/text.js';
import { type AgendaItemFieldsFragment, UpdateAgendaItemDocument } from '../../graphql/generated.js';
import { conflictVersion, errorCode, fieldErrors } from '../../lib/errors.js';
import { formatTime } from '../../lib/format.js';
import { MarkdownText } from './markdown.js';

const AUTOSAVE_MS = 1000;

type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

/**
 * The notes for one agenda item, saved as the secretariat types (a second after the last key, and on leaving the
 * field). Each save carries the version it was based on; if someone else saved meanwhile, saving stops, the
 * text typed here stays, and the other version can be loaded to merge by hand.
 */
export function MinutesEditor({
  item,
  editable,
  onReloadMeeting,
}: {
  item: AgendaItemFieldsFragment;
  editable: boolean;
  onReloadMeeting: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [minutes, setMinutes] = useState(item.minutes ?? '');
  const [minutesKm, setMinutesKm] = useState(item.minutesKm ?? '');
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [theirs, setTheirs] = useState<{ minutes: string; minutesKm: string } | null>(null);
  const [reloading, setReloading] = useState(false);
  const version = useRef(item.version);
  const latest = useRef({ minutes, minutesKm });
  const saved = useRef({ minutes: item.minutes ?? '', minutesKm: item.minutesKm ?? '' });
  const inFlight = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const blocked = useRef(false);
  const [update] = useMutation(UpdateAgendaItemDocument);

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    if (blocked.current) return;
    const wanted = latest.current;
    if (wanted.minutes === saved.current.minutes && wanted.minutesKm === saved.current.minutesKm) {
      setState((s) => (s.kind === 'dirty' ? { kind: 'idle' } : s));
      return;
    }
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    setState({ kind: 'saving' });
    try {
      const result = await update({
        variables: {
          input: { id: item.id, version: version.current, minutes: wanted.minutes, minutesKm: wanted.minutesKm },
        },
      });
      const updated = result.data?.updateAgendaItem.agendaItem;
      if (updated) version.current = updated.version;
      saved.current = wanted;
      setState({ kind: 'saved', at: new Date().toISOString() });
    } catch (error) {
      if (conflictVersion(error) !== undefined) {
        blocked.current = true;
        setState({ kind: 'conflict' });
      } else {
        const problems = fieldErrors(error);
        setState({
          kind: 'error',
          message: problems.minutes ?? problems.minutesKm ?? t(`errors.${errorCode(error) ?? 'NETWORK'}.body`),
        });
      }
    } finally {
      inFlight.current = false;
      if (again.current && !blocked.current) {
        again.current = false;
        void save();
      }
    }
  }, [item.id, update, t]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (next: { minutes: string; minutesKm: string }) => {
    latest.current = next;
    setMinutes(next.minutes);
    setMinutesKm(next.minutesKm);
    if (blocked.current) return;
    setState({ kind: 'dirty' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_MS);
  };

  const loadTheirs = async () => {
    setReloading(true);
    try {
      await onReloadMeeting();
    } finally {
      setReloading(false);
    }
  };

  // After "load their version" the refetched item arrives here: show it beside what was typed, save on top of it.
  useEffect(() => {
    if (state.kind !== 'conflict' || reloading) return;
    if (item.version !== version.current) {
      version.current = item.version;
      saved.current = { minutes: item.minutes ?? '', minutesKm: item.minutesKm ?? '' };
      setTheirs({ minutes: item.minutes ?? '', minutesKm: item.minutesKm ?? '' });
      blocked.current = false;
      setState({ kind: 'dirty' });
    }
  }, [item, state.kind, reloading]);

  if (!editable) {
    const shown = language === 'km' ? item.minutesKm || item.minutes : item.minutes || item.minutesKm;
    return shown ? (
      <MarkdownText text={shown} />
    ) : (
      <Text size="sm" c="dimmed">
        {t('minutes.none')}
      </Text>
    );
  }

  return (
    <Stack gap="xs">
      {state.kind === 'conflict' ? <ConflictNotice onReload={() => void loadTheirs()} reloading={reloading} /> : null}
      {theirs ? (
        <Paper withBorder p="sm" bg="gray.0" data-testid="their-version">
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>
              {t('conflict.theirVersion')}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => setTheirs(null)}>
              {t('actions.close')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {theirs.minutes || '—'}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lang="km">
              {theirs.minutesKm || '—'}
            </Text>
          </SimpleGrid>
        </Paper>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Textarea
          label={t('minutes.english')}
          autosize
          minRows={3}
          value={minutes}
          onChange={(event) => change({ minutes: event.currentTarget.value, minutesKm })}
          onBlur={() => void save()}
          data-testid="minutes-en"
        />
        <Textarea
          label={t('minutes.khmer')}
          autosize
          minRows={3}
          lang="km"
          value={minutesKm}
          onChange={(event) => change({ minutes, minutesKm: event.currentTarget.value })}
          onBlur={() => void save()}
          data-testid="minutes-km"
        />
      </SimpleGrid>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c={state.kind === 'error' ? 'red.8' : 'dimmed'} aria-live="polite" data-testid="save-state">
          {state.kind === 'saving' && t('minutes.saving')}
          {state.kind === 'dirty' && t('minutes.unsaved')}
          {state.kind === 'saved' && t('minutes.savedAt', { time: formatTime(state.at, language) })}
          {state.kind === 'error' && state.message}
          {state.kind === 'conflict' && t('minutes.notSaved')}
        </Text>
        {state.kind === 'dirty' || state.kind === 'error' ? (
          <Button size="compact-xs" variant="light" onClick={() => void save()}>
            {t('minutes.saveNow')}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
