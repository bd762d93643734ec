import { ActionIcon, Button, FileButton, Group, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconPaperclip, IconTrash, IconUpload, IconX } from '@tabler/icons-react';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_ACCEPT, formatSize, MAX_UPLOAD_BYTES, megabytes } from '../../lib/files.js';
import { useLanguage } from '../../components/text.js';
import { restErrorText } from '../../lib/rest.js';
import type { Upload } from './use-uploads.js';

/**
 * Where evidence files are dropped or chosen, several at once; each shows its progress and can be removed
 * before the update is posted. The list shows what `useUploads` holds.
 */
export function EvidenceDropZone({
  uploads,
  onAdd,
  onRemove,
  maxBytes = MAX_UPLOAD_BYTES,
}: {
  uploads: Upload[];
  onAdd: (files: File[]) => void;
  onRemove: (key: string) => void;
  maxBytes?: number;
}) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const dragging = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setOver(true);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length) onAdd(files);
  };

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        radius="md"
        p="md"
        onDragEnter={dragging}
        onDragOver={dragging}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: over ? 'var(--mantine-color-blue-filled)' : undefined,
          background: over ? 'var(--mantine-color-blue-light)' : undefined,
        }}
        data-testid="evidence-drop-zone"
      >
        <Group gap="sm" wrap="nowrap" align="center">
          <ThemeIcon variant="light" size="lg" radius="xl" aria-hidden>
            <IconUpload size={18} />
          </ThemeIcon>
          <Stack gap={2} style={{ flex: 1 }}>
            <Text size="sm">{t('files.dropHere')}</Text>
            <Text size="xs" c="dimmed">
              {t('files.allowed', { max: megabytes(maxBytes) })}
            </Text>
          </Stack>
          <FileButton onChange={(files) => onAdd(files)} accept={EVIDENCE_ACCEPT} multiple>
            {(props) => (
              <Button {...props} variant="default" size="xs" leftSection={<IconPaperclip size={14} aria-hidden />}>
                {t('files.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
      </Paper>
      {uploads.length ? (
        <Stack gap={6} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-live="polite">
          {uploads.map((upload) => (
            <UploadRow key={upload.key} upload={upload} maxBytes={maxBytes} onRemove={() => onRemove(upload.key)} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}

function UploadRow({ upload, maxBytes, onRemove }: { upload: Upload; maxBytes: number; onRemove: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const problem =
    upload.state === 'refused'
      ? t(`files.refused.${upload.refusal}`, { max: megabytes(maxBytes) })
      : upload.state === 'failed'
        ? upload.error.code === 'BAD_USER_INPUT' && upload.error.fields.length === 0
          ? t('files.serverRefused')
          : restErrorText(upload.error).join(' ')
        : null;
  return (
    <Paper component="li" withBorder radius="sm" p="xs" data-testid="upload" data-state={upload.state}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon
          variant="light"
          color={upload.state === 'done' ? 'green' : problem ? 'red' : 'blue'}
          size="sm"
          radius="xl"
          aria-hidden
        >
          {upload.state === 'done' ? <IconCheck size={12} /> : problem ? <IconX size={12} /> : <IconUpload size={12} />}
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Text size="sm" truncate="end">
              {upload.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flex: '0 0 auto' }}>
              {formatSize(upload.size, language)}
            </Text>
          </Group>
          {upload.state === 'uploading' ? (
            <Progress
              value={upload.progress}
              size="sm"
              animated
              aria-label={t('files.uploading', { name: upload.name, progress: upload.progress })}
            />
          ) : null}
          {upload.state === 'done' ? (
            <Text size="xs" c="dimmed">
              {t('files.ready')}
            </Text>
          ) : null}
          {problem ? (
            <Text size="xs" c="red.9" role="alert">
              {problem}
            </Text>
          ) : null}
        </Stack>
        <ActionIcon
          variant="subtle"
          color="gray"
          onClick={onRemove}
          aria-label={t('files.remove', { name: upload.name })}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Group>
    </Paper>
  );
}
