import { useMutation } from '@apollo/client/react';
import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconSend, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commitmentStatuses } from '../../components/badges.js';
import { ConflictNotice } from '../../components/conflict.js';
import { MutationError } from '../../components/states.js';
import {
  AddProgressUpdateDocument,
  type CommitmentDetailFragment,
  type CommitmentStatus,
} from '../../graphql/generated.js';
import { conflictVersion, errorCode, fieldErrors } from '../../lib/errors.js';
import { EvidenceDropZone } from '../files/evidence-drop-zone.js';
import { useUploads } from '../files/use-uploads.js';

// Only the secretariat verifies or cancels.
const reportable: readonly CommitmentStatus[] = commitmentStatuses.filter((s) => s !== 'VERIFIED' && s !== 'CANCELLED');

/**
 * A focal point's report: new status and progress, a note, and evidence (links, and files uploaded as they are picked). `bare` leaves out the frame
 * and heading (inside a dialog that has its own); `onDone` runs after each saved report.
 */
export function ProgressForm({
  commitment,
  onReload,
  onDone,
  bare = false,
}: {
  commitment: Pick<CommitmentDetailFragment, 'id' | 'status' | 'progress' | 'version'>;
  onReload: () => Promise<unknown>;
  onDone?: () => void;
  bare?: boolean;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CommitmentStatus>(
    reportable.includes(commitment.status) ? commitment.status : 'IN_PROGRESS',
  );
  const [progress, setProgress] = useState<number | string>(commitment.progress);
  const [note, setNote] = useState('');
  const [noteKm, setNoteKm] = useState('');
  const [evidence, setEvidence] = useState<{ url: string; title: string }[]>([{ url: '', title: '' }]);
  const [version, setVersion] = useState(commitment.version);
  const [reloading, setReloading] = useState(false);
  const [add, { loading, error, reset }] = useMutation(AddProgressUpdateDocument);
  const files = useUploads();
  const problems = fieldErrors(error);
  const links = evidence.filter((e) => e.url.trim() || e.title.trim());
  // Files follow the links in `evidence`, so a file's problem is at an index after them.
  const fileProblems = Object.entries(problems)
    .filter(([field]) => /^evidence\.\d+\.fileId$/.test(field))
    .map(([, message]) => message);
  const conflict = conflictVersion(error) !== undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await add({
        variables: {
          input: {
            commitmentId: commitment.id,
            version,
            status,
            progress: typeof progress === 'number' ? progress : Number(progress),
            note: note.trim() || null,
            noteKm: noteKm.trim() || null,
            evidence: [
              ...links.map((e) => ({ url: e.url.trim() || null, title: e.title.trim() || null })),
              ...files.fileIds.map((fileId) => ({ fileId })),
            ],
          },
        },
      });
      const updated = result.data?.addProgressUpdate.commitment;
      if (updated) {
        setVersion(updated.version);
        setProgress(updated.progress);
      }
      setNote('');
      setNoteKm('');
      setEvidence([{ url: '', title: '' }]);
      files.clear();
      onDone?.();
    } catch {
      // Shown beside the fields or as a conflict.
    }
  };

  const reload = async () => {
    setReloading(true);
    try {
      const result = (await onReload()) as { data?: { node?: { version?: number } | null } } | undefined;
      const current = result?.data?.node?.version;
      setVersion(typeof current === 'number' ? current : (conflictVersion(error) ?? version));
      reset();
    } finally {
      setReloading(false);
    }
  };

  const form = (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {bare ? null : (
          <Title order={2} size="h4" id="report-heading">
            {t('progress.report')}
          </Title>
        )}
        {conflict ? <ConflictNotice onReload={() => void reload()} reloading={reloading} /> : null}
        {error && !conflict && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        <Group grow align="flex-start">
          <NativeSelect
            label={t('commitments.fields.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as CommitmentStatus)}
            error={problems.status}
            data={reportable.map((value) => ({ value, label: t(`commitmentStatus.${value}`) }))}
            data-testid="progress-status"
          />
          <NumberInput
            label={t('commitments.fields.progress')}
            min={0}
            max={100}
            suffix=" %"
            value={progress}
            onChange={setProgress}
            error={problems.progress}
            data-testid="progress-value"
          />
        </Group>
        <Textarea
          label={t('progress.note')}
          autosize
          minRows={3}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={problems.note}
          data-testid="progress-note"
        />
        <Textarea
          label={t('progress.noteKm')}
          autosize
          minRows={2}
          value={noteKm}
          onChange={(e) => setNoteKm(e.currentTarget.value)}
          error={problems.noteKm}
          lang="km"
        />
        <Text size="sm" fw={600}>
          {t('progress.evidence')}
        </Text>
        {evidence.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity until saved
          <Group key={index} align="flex-start" wrap="nowrap">
            <TextInput
              label={t('progress.evidenceUrl')}
              placeholder="https://"
              type="url"
              value={item.url}
              onChange={(e) => {
                const url = e.currentTarget.value;
                setEvidence((list) => list.map((x, i) => (i === index ? { ...x, url } : x)));
              }}
              error={problems[`evidence.${index}.url`] ?? problems.evidence}
              style={{ flex: 2 }}
              data-testid="evidence-url"
            />
            <TextInput
              label={t('progress.evidenceTitle')}
              value={item.title}
              onChange={(e) => {
                const title = e.currentTarget.value;
                setEvidence((list) => list.map((x, i) => (i === index ? { ...x, title } : x)));
              }}
              error={problems[`evidence.${index}.title`]}
              style={{ flex: 1 }}
              data-testid="evidence-title"
            />
            <ActionIcon
              variant="default"
              mt={26}
              size="lg"
              aria-label={t('progress.removeEvidence')}
              onClick={() => setEvidence((list) => list.filter((_, i) => i !== index))}
              disabled={evidence.length === 1}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEvidence((list) => [...list, { url: '', title: '' }])}
          >
            {t('progress.addEvidence')}
          </Button>
        </Group>
        <EvidenceDropZone uploads={files.uploads} onAdd={files.add} onRemove={files.remove} />
        {fileProblems.length ? (
          <Text size="sm" c="red.9" role="alert">
            {fileProblems.join('; ')}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="sm">
          {files.busy ? (
            <Text size="xs" c="dimmed">
              {t('files.waitForUploads')}
            </Text>
          ) : null}
          <Button
            type="submit"
            loading={loading}
            disabled={files.busy}
            leftSection={<IconSend size={16} aria-hidden />}
            data-testid="progress-submit"
          >
            {t('progress.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
  if (bare) return form;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="report-heading">
      {form}
    </Paper>
  );
}
