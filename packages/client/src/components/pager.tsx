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

/** What a pager reads of a cursor connection: its nodes (counted), total and page info. */
export interface PagedConnection {
  nodes: readonly unknown[];
  totalCount: number;
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage?: boolean;
    startCursor?: string | null;
    endCursor?: string | null;
  };
}

/**
 * The one pager of the app: "Showing n of N" with previous and next page of a cursor connection; the position
 * lives in the URL (`after` / `before`, read by `usePageWindow`). A list that pages forward only (no
 * `last`/`before` in the API) passes `forwardOnly`, and its first button goes back to the first page.
 */
export function Pager({ connection, forwardOnly = false }: { connection: PagedConnection; forwardOnly?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const { pageInfo } = connection;
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
        {t('pager.showing', {
          shown: formatNumber(connection.nodes.length, language),
          total: formatNumber(connection.totalCount, language),
        })}
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
          onClick={() => go('after', pageInfo.endCursor ?? null)}
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
