import { useMutation } from '@apollo/client/react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconCircleX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictNotice } from '../../components/conflict.js';
import { MutationError } from '../../components/states.js';
import { UpdateCommitmentDocument } from '../../graphql/generated.js';
import { conflictVersion, errorCode, fieldErrors } from '../../lib/errors.js';

/**
 * The secretariat closes a commitment that will not be done (e.g. replaced by another), saying why; it leaves
 * the matters arising and counts in no completion figure. It can be re-opened later from its page.
 */
export function CancelCommitmentForm({
  commitment,
  onDone,
  onCancel,
  onReload,
}: {
  commitment: { id: string; version: number };
  onDone: () => void;
  onCancel: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [update, { loading, error, reset }] = useMutation(UpdateCommitmentDocument);
  const problems = fieldErrors(error);
  const conflict = conflictVersion(error) !== undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    try {
      await update({
        variables: {
          input: { id: commitment.id, version: commitment.version, status: 'CANCELLED', statusReason: reason.trim() },
        },
      });
      onDone();
    } catch {
      // Shown below.
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('closeCommitment.explain')}</Text>
        {conflict ? <ConflictNotice onReload={() => void onReload().then(() => reset())} /> : null}
        {error && !conflict && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        <Textarea
          label={t('closeCommitment.reason')}
          description={t('closeCommitment.reasonHint')}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? t('forms.required') : (problems.statusReason ?? problems.status)}
          required
          data-autofocus
          data-testid="cancel-commitment-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('closeCommitment.keep')}
          </Button>
          <Button
            type="submit"
            color="red"
            loading={loading}
            disabled={conflict}
            leftSection={<IconCircleX size={16} aria-hidden />}
          >
            {t('closeCommitment.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
