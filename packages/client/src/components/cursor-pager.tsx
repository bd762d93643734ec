import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatNumber } from '../lib/format.js';
import { useLanguage } from './text.js';

interface PagedConnection {
  nodes: readonly unknown[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** "Showing n of N" with First / Next buttons; the page cursor lives in the URL (`after`). */
export function CursorPager({ connection }: { connection: PagedConnection }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const go = (after: string | null) => {
    const next = new URLSearchParams(params);
    if (after) next.set('after', after);
    else next.delete('after');
    setParams(next);
  };
  return (
    <Group justify="space-between" mt="md">
      <Text size="sm" c="dimmed">
        {t('pager.showing', {
          shown: formatNumber(connection.nodes.length, language),
          total: formatNumber(connection.totalCount, language),
        })}
      </Text>
      <Group gap="xs">
        {params.get('after') ? (
          <Button variant="default" size="xs" onClick={() => go(null)}>
            {t('pager.first')}
          </Button>
        ) : null}
        {connection.pageInfo.hasNextPage ? (
          <Button variant="default" size="xs" onClick={() => go(connection.pageInfo.endCursor ?? '')}>
            {t('pager.next')}
          </Button>
        ) : null}
      </Group>
    </Group>
  );
}
