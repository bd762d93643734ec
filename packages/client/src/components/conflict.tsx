import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRefresh, IconUsers } from '@tabler/icons-react';
import { type Dispatch, type RefObject, type SetStateAction, useEffect, useRef, useState } from 'react';
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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The draft of a form over a versioned record (`theirs`: the record as a draft), for stale saves: `reloadTheirs`
 * fetches the record again; when the other person's version arrives it becomes the `base`, every field this user
 * changed is kept on top of it, and `onMerged` clears the conflict. Send only what differs from `base`.
 */
export function useMergingDraft<D extends object>(
  theirs: D,
  version: number,
  onReload: () => Promise<unknown>,
  onMerged: () => void,
): {
  draft: D;
  setDraft: Dispatch<SetStateAction<D>>;
  base: RefObject<{ draft: D; version: number }>;
  awaitingTheirs: boolean;
  reloadTheirs: () => void;
} {
  const base = useRef({ draft: theirs, version });
  const [draft, setDraft] = useState(theirs);
  const [awaitingTheirs, setAwaitingTheirs] = useState(false);

  useEffect(() => {
    if (!awaitingTheirs || version === base.current.version) return;
    setDraft((mine) => {
      const merged = { ...theirs };
      for (const key of Object.keys(mine) as (keyof D)[]) {
        if (!same(mine[key], base.current.draft[key])) merged[key] = mine[key];
      }
      return merged;
    });
    base.current = { draft: theirs, version };
    setAwaitingTheirs(false);
    onMerged();
  }, [awaitingTheirs, version, theirs, onMerged]);

  const reloadTheirs = () => {
    setAwaitingTheirs(true);
    void onReload();
  };
  return { draft, setDraft, base, awaitingTheirs, reloadTheirs };
}
