import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictNotice } from '../../components/conflict.js';
import { useLanguage } from '../../components/text.js';
import type { AgendaItemFieldsFragment } from '../../graphql/generated.js';
import { formatTime } from '../../lib/format.js';
import { draftToOffer, loadDraft, removeDraft, saveDraft } from '../offline/drafts.js';
import type { Draft, OutboxEntry, TheirMinutes } from '../offline/offline-db.js';
import { outbox } from '../offline/outbox.js';
import { signedIn, submitChange } from '../offline/sync.js';
import { MarkdownText } from './markdown.js';

const AUTOSAVE_MS = 1000;

type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  /** In the outbox on this device, waiting for the connection. */
  | { kind: 'waiting' }
  | { kind: 'saved'; at: string }
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

type Texts = { minutes: string; minutesKm: string };

const sameText = (a: Texts, b: Texts) => a.minutes === b.minutes && a.minutesKm === b.minutesKm;
const serverText = (item: AgendaItemFieldsFragment): Texts => ({
  minutes: item.minutes ?? '',
  minutesKm: item.minutesKm ?? '',
});
const ofItem = (entry: OutboxEntry, itemId: string): entry is OutboxEntry & { kind: 'minutes' } =>
  entry.kind === 'minutes' && entry.itemId === itemId;

/**
 * The notes for one agenda item, saved as the secretariat types (a second after the last key, and on leaving the
 * field). What is typed is kept on this device at once (a draft, offered back after a crash), and each save goes
 * through the outbox (IndexedDB) with the version it was based on, so it survives a lost connection, a closed
 * tab or a reload. If someone else saved meanwhile, saving stops, the text typed here stays, and the other
 * version is shown beside it to merge by hand.
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
  const [theirs, setTheirs] = useState<Texts | null>(null);
  const [offer, setOffer] = useState<Draft | null>(null);
  const [reloading, setReloading] = useState(false);
  const version = useRef(item.version);
  const latest = useRef<Texts>({ minutes, minutesKm });
  // What was last handed to the outbox (or loaded from the server): a save is needed when the text differs.
  const saved = useRef<Texts>(serverText(item));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const blocked = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const itemRef = useRef(item);
  itemRef.current = item;

  const show = useCallback((text: Texts) => {
    latest.current = text;
    setMinutes(text.minutes);
    setMinutesKm(text.minutesKm);
  }, []);

  const keepDraft = useCallback(
    (text: Texts) =>
      void saveDraft({ itemId: item.id, ...text, baseVersion: version.current, savedAt: new Date().toISOString() }),
    [item.id],
  );

  /** A change the server did not take: its text comes back into the editor (and the draft) and leaves the outbox. */
  const adopt = useCallback(
    async (entry: OutboxEntry & { kind: 'minutes' }, outcome: { theirs?: TheirMinutes; code?: string }) => {
      const mine = { minutes: entry.minutes, minutesKm: entry.minutesKm };
      await saveDraft({ itemId: item.id, ...mine, baseVersion: entry.baseVersion, savedAt: new Date().toISOString() });
      await outbox.remove(entry.key);
      show(mine);
      if (outcome.theirs) {
        const other = { minutes: outcome.theirs.minutes, minutesKm: outcome.theirs.minutesKm };
        version.current = outcome.theirs.version;
        saved.current = other;
        setTheirs(other);
        blocked.current = false;
        setState({ kind: 'conflict' });
      } else {
        // Refused for good (say, the minutes were approved meanwhile): shown, and "save now" may try again.
        saved.current = serverText(itemRef.current);
        setState({ kind: 'error', message: t(`errors.${outcome.code ?? 'NETWORK'}.body`) });
      }
    },
    [item.id, show, t],
  );

  // On opening: changes of this item still in the outbox, and a draft a crash left behind.
  useEffect(() => {
    let live = true;
    void (async () => {
      const owner = signedIn();
      const mine = (await outbox.entries()).filter((e) => ofItem(e, item.id) && (!owner || e.owner === owner));
      const stuck = mine.find((e) => e.status !== 'pending');
      const waiting = mine.filter((e) => e.status === 'pending').at(-1);
      if (!live) return;
      if (stuck?.kind === 'minutes') {
        await adopt(stuck, { theirs: stuck.theirs, code: stuck.error });
      } else if (waiting?.kind === 'minutes') {
        const text = { minutes: waiting.minutes, minutesKm: waiting.minutesKm };
        show(text);
        saved.current = text;
        setState({ kind: navigator.onLine ? 'saving' : 'waiting' });
      }
      const shown = latest.current;
      const draft = draftToOffer(await loadDraft(item.id), shown);
      if (live && draft) setOffer(draft);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [item.id, adopt, show]);

  // What the outbox makes of this item's saves, whichever tab or retry sent them.
  useEffect(
    () =>
      outbox.subscribe((event) => {
        if (!event || !ofItem(event.entry, item.id)) return;
        const { entry, outcome } = event;
        if (outcome.kind === 'offline') setState({ kind: 'waiting' });
        else if (outcome.kind === 'conflict') void adopt(entry, { theirs: outcome.theirs });
        else if (outcome.kind === 'refused') void adopt(entry, { code: outcome.code });
        else {
          if (outcome.version !== undefined) version.current = outcome.version;
          const text = { minutes: entry.minutes, minutesKm: entry.minutesKm };
          if (sameText(latest.current, text)) {
            setState({ kind: 'saved', at: new Date().toISOString() });
            void removeDraft(item.id, text);
          }
        }
      }),
    [item.id, adopt],
  );

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    if (blocked.current) return;
    const wanted = latest.current;
    if (sameText(wanted, saved.current)) {
      setState((s) => (s.kind === 'dirty' ? { kind: 'idle' } : s));
      return;
    }
    saved.current = wanted;
    setState({ kind: navigator.onLine ? 'saving' : 'waiting' });
    // The outbox's events say how it went (a refusal or a conflict comes back through adopt).
    const result = await submitChange({ kind: 'minutes', itemId: item.id, baseVersion: version.current, ...wanted });
    if (result.status === 'queued' && stateRef.current.kind === 'saving') setState({ kind: 'waiting' });
  }, [item.id]);

  // Nothing is sent as the page goes away (a write while unloading may not finish): the draft holds what was
  // typed since the last save, and is offered back when the item is opened again.
  useEffect(() => () => clearTimeout(timer.current), []);

  // A newer version from elsewhere (a reload, someone else's save) is shown when nothing typed here waits.
  useEffect(() => {
    const quiet = stateRef.current.kind === 'idle' || stateRef.current.kind === 'saved';
    if (item.version <= version.current || !quiet || !sameText(latest.current, saved.current)) return;
    version.current = item.version;
    saved.current = serverText(item);
    show(serverText(item));
  }, [item, show]);

  const change = (next: Texts) => {
    show(next);
    keepDraft(next);
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
      saved.current = serverText(item);
      setTheirs(serverText(item));
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
      {offer ? (
        <Alert color="blue" icon={<IconHistory aria-hidden />} data-testid="draft-offer">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{t('offline.draftFound', { time: formatTime(offer.savedAt, language) })}</Text>
            <Group gap="xs">
              <Button
                size="compact-sm"
                onClick={() => {
                  setOffer(null);
                  change({ minutes: offer.minutes, minutesKm: offer.minutesKm });
                }}
                data-testid="draft-restore"
              >
                {t('offline.restore')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() => {
                  setOffer(null);
                  void removeDraft(item.id);
                }}
              >
                {t('offline.discard')}
              </Button>
            </Group>
          </Group>
        </Alert>
      ) : null}
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
          {state.kind === 'waiting' && t('offline.minutesWaiting')}
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
