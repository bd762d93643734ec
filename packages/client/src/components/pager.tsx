import { Button, Group, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../lib/format.js';
import { useLanguage } from './text.js';

/** Cursor paging whose position lives in the URL (`after` / `before`), so a page can be shared and reloaded. */
export function usePageWindow(size: number) {
  const [params] = useSearchParams();
  const after = params.get('after');
  const before = params.get('before');
  return before ? { last: size, before, first: null, after: null } : { first: size, after, last: null, before: null };
}

/**
 * Previous and next page of a cursor connection, with how many are shown. A list that pages forward only
 * (no `last`/`before` in the API) passes `forwardOnly`, and its first button goes back to the first page.
 */
export function Pager({
  pageInfo,
  totalCount,
  shown,
  forwardOnly = false,
}: {
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage?: boolean;
    startCursor?: string | null;
    endCursor: string | null;
  };
  totalCount: number;
  shown: number;
  forwardOnly?: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const atStart = !params.get('after') && !params.get('before');
  const hasPrevious = params.get('before') ? (pageInfo.hasPreviousPage ?? false) : !atStart;
  const hasNext = params.get('before') ? true : pageInfo.hasNextPage;
  const go = (key: 'after' | 'before', cursor: string | null) => {
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    if (cursor) next.set(key, cursor);
    setParams(next);
  };
  return (
    <Group justify="space-between" mt="md" className="no-print">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('pager.showing', { shown: formatNumber(shown, language), total: formatNumber(totalCount, language) })}
      </Text>
      <Group gap="xs">
        <Button
          variant="default"
          size="xs"
          leftSection={<IconChevronLeft size={14} aria-hidden />}
          disabled={!hasPrevious}
          onClick={() => go('before', forwardOnly ? null : (pageInfo.startCursor ?? null))}
        >
          {forwardOnly ? t('pager.first') : t('pager.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          rightSection={<IconChevronRight size={14} aria-hidden />}
          disabled={!hasNext}
          onClick={() => go('after', pageInfo.endCursor)}
        >
          {t('pager.next')}
        </Button>
      </Group>
    </Group>
  );
}

/** Changes one filter in the URL and goes back to the first page. */
export function useFilterParams(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    next.delete('after');
    next.delete('before');
    setParams(next, { replace: true });
  };
  return [params, update];
}
