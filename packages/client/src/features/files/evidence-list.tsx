import { Anchor, Group, Image, Stack, Text } from '@mantine/core';
import { IconDownload, IconFile, IconFileTypePdf, IconLink, IconPhoto } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateTimeText, useLanguage } from '../../components/text.js';
import type { ProgressUpdateItemFragment } from '../../graphql/generated.js';
import { fileKind, formatSize } from '../../lib/files.js';

/** One piece of evidence as a progress update carries it. */
type EvidenceItem = ProgressUpdateItemFragment['evidence'][number];

/** The evidence of one progress update: links open in a new tab; files show name, type, size and date, and download. */
export function EvidenceList({ evidence }: { evidence: EvidenceItem[] }) {
  if (evidence.length === 0) return null;
  return (
    <Stack gap={6} mt={4} data-testid="evidence-list">
      {evidence.map((item) =>
        item.kind === 'FILE' ? <EvidenceFile key={item.id} item={item} /> : <EvidenceLink key={item.id} item={item} />,
      )}
    </Stack>
  );
}

function EvidenceLink({ item }: { item: EvidenceItem }) {
  if (!item.url) return null;
  return (
    <Anchor href={item.url} target="_blank" rel="noopener noreferrer nofollow" size="sm">
      <Group gap={4} wrap="nowrap">
        <IconLink size={14} aria-hidden />
        {item.title || item.url}
      </Group>
    </Anchor>
  );
}

function EvidenceFile({ item }: { item: EvidenceItem }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kind = fileKind(item.contentType);
  const name = item.title || item.fileName || t('files.unnamed');
  const Icon = kind === 'pdf' ? IconFileTypePdf : kind === 'image' ? IconPhoto : IconFile;
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-testid="evidence-file">
      {item.thumbnailUrl ? (
        <Anchor href={item.downloadUrl ?? undefined} download={item.fileName ?? true} aria-hidden tabIndex={-1}>
          <Image
            src={item.thumbnailUrl}
            alt=""
            w={64}
            h={64}
            fit="cover"
            radius="sm"
            style={{ border: '1px solid var(--mantine-color-default-border)' }}
            data-testid="evidence-thumbnail"
          />
        </Anchor>
      ) : (
        <Icon size={20} aria-hidden style={{ flex: '0 0 auto', marginTop: 2 }} />
      )}
      <Stack gap={0} style={{ minWidth: 0 }}>
        {item.downloadUrl ? (
          <Anchor
            href={item.downloadUrl}
            download={item.fileName ?? true}
            size="sm"
            aria-label={t('files.download', { name })}
            data-testid="evidence-download"
          >
            <Group gap={4} wrap="nowrap">
              <IconDownload size={14} aria-hidden />
              <span>{name}</span>
            </Group>
          </Anchor>
        ) : (
          <Text size="sm">{name}</Text>
        )}
        <Text size="xs" c="dimmed">
          {t(`files.kind.${kind}`)}
          {item.size !== null ? ` · ${formatSize(item.size, language)}` : ''}
          {' · '}
          <DateTimeText value={item.at} />
          {item.title && item.fileName && item.title !== item.fileName ? ` · ${item.fileName}` : ''}
        </Text>
      </Stack>
    </Group>
  );
}
