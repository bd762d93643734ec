import { useMutation } from '@apollo/client/react';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowBackUp, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConflictNotice } from '../../components/conflict.js';
import { MutationError } from '../../components/states.js';
import { type CommitmentDetailFragment, VerifyCommitmentDocument } from '../../graphql/generated.js';
import { conflictVersion, errorCode, fieldErrors } from '../../lib/errors.js';

/** The secretariat accepts a completed commitment as verified, or returns it to the focal point with a reason. */
export function VerifyPanel({
  commitment,
  onReload,
  onDone,
}: {
  commitment: Pick<CommitmentDetailFragment, 'id' | 'version'>;
  onReload: () => Promise<unknown>;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [verify, { loading, error, reset }] = useMutation(VerifyCommitmentDocument);
  const problems = fieldErrors(error);
  const conflict = conflictVersion(error) !== undefined;

  const decide = async (accept: boolean) => {
    try {
      await verify({
        variables: { input: { id: commitment.id, version: commitment.version, accept, reason: reason.trim() || null } },
      });
      setReason('');
      onDone?.();
    } catch {
      // Shown below.
    }
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="verify-heading" bg="teal.0">
      <Stack gap="sm">
        <Title order={2} size="h4" id="verify-heading">
          {t('verify.title')}
        </Title>
        <Text size="sm">{t('verify.body')}</Text>
        {conflict ? (
          <ConflictNotice
            onReload={() => {
              void onReload().then(() => reset());
            }}
          />
        ) : null}
        {error && !conflict && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        <Textarea
          label={t('verify.reason')}
          description={t('verify.reasonHint')}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problems.reason}
        />
        <Group justify="flex-end">
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={16} aria-hidden />}
            onClick={() => void decide(false)}
            loading={loading}
          >
            {t('verify.return')}
          </Button>
          <Button
            color="#1f6f35"
            leftSection={<IconShieldCheck size={16} aria-hidden />}
            onClick={() => void decide(true)}
            loading={loading}
          >
            {t('verify.accept')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
