import { Alert, Anchor, Button, Card, FileButton, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDownload,
  IconFileSpreadsheet,
  IconLock,
  IconUpload,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../components/page.js';
import { useLanguage } from '../components/text.js';
import { formatNumber } from '../lib/format.js';
import { isStaff, useViewer } from '../features/session/session.js';
import {
  groupProblems,
  IMPORT_ACCEPT,
  type ImportKind,
  type ImportResult,
  importUrl,
  isImportFile,
  previewState,
  rowsWithProblems,
  templateUrl,
} from '../lib/imports.js';
import { type RestError, RestRequestError, restErrorText, sendFile } from '../lib/rest.js';

type Step =
  | { state: 'idle' }
  | { state: 'wrongFile'; name: string }
  | { state: 'sending'; file: File; dryRun: boolean; progress: number; preview?: ImportResult }
  | { state: 'previewed'; file: File; result: ImportResult; language: string }
  | { state: 'imported'; file: File; result: ImportResult }
  | { state: 'failed'; file: File; dryRun: boolean; error: RestError; preview?: ImportResult };

/** Where the page lives and what it goes back to. */
const pages = {
  commitments: { back: '/commitments', backLabel: 'commitments.title' },
  directory: { back: '/organizations', backLabel: 'organizations.title' },
} as const;

/**
 * The secretariat's spreadsheet import: download the template, upload the filled-in file for a preview that lists
 * every problem by row and column (in the reader's language), then import all its rows at once, or none.
 */
export function ImportPage({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const language = useLanguage();
  const [step, setStep] = useState<Step>({ state: 'idle' });
  const page = pages[kind];

  const send = async (file: File, dryRun: boolean, preview?: ImportResult) => {
    setStep({ state: 'sending', file, dryRun, progress: 0, preview });
    try {
      const result = await sendFile<ImportResult>(importUrl(kind, dryRun), file, {
        language,
        onProgress: (fraction) =>
          setStep((s) => (s.state === 'sending' ? { ...s, progress: Math.round(fraction * 100) } : s)),
      });
      setStep(
        dryRun || result.created === 0
          ? { state: 'previewed', file, result, language }
          : { state: 'imported', file, result },
      );
    } catch (error) {
      if (error instanceof RestRequestError) setStep({ state: 'failed', file, dryRun, error: error.details, preview });
    }
  };

  // The problems come in the language they were asked in: check the same file again when the reader switches.
  useEffect(() => {
    if (step.state === 'previewed' && step.language !== language) void send(step.file, true);
  });

  const pick = (file: File | null) => {
    if (!file) return;
    if (!isImportFile(file.name)) setStep({ state: 'wrongFile', name: file.name });
    else void send(file, true);
  };

  if (!isStaff(viewer)) {
    return (
      <>
        <PageHeader title={t(`imports.${kind}.title`)} crumbs={[{ label: t(page.backLabel), to: page.back }]} />
        <Alert color="orange" icon={<IconLock aria-hidden />} title={t('errors.FORBIDDEN.title')}>
          {t('imports.staffOnly')}
        </Alert>
      </>
    );
  }

  const preview =
    step.state === 'previewed'
      ? step.result
      : step.state === 'sending' || step.state === 'failed'
        ? step.preview
        : undefined;

  return (
    <>
      <PageHeader title={t(`imports.${kind}.title`)} crumbs={[{ label: t(page.backLabel), to: page.back }]}>
        <Text c="dimmed" maw={720}>
          {t(`imports.${kind}.intro`)}
        </Text>
      </PageHeader>
      <Stack gap="lg" maw={960}>
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="template-heading">
          <Title order={2} size="h4" id="template-heading" mb="xs">
            {t('imports.templateHeading')}
          </Title>
          <Text size="sm" mb="sm">
            {t(`imports.${kind}.templateHint`)}
          </Text>
          <Group>
            <Button
              component="a"
              href={templateUrl(kind)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              data-testid="import-template"
            >
              {t('imports.downloadTemplate')}
            </Button>
          </Group>
        </Card>

        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="upload-heading">
          <Title order={2} size="h4" id="upload-heading" mb="xs">
            {t('imports.uploadHeading')}
          </Title>
          <Text size="sm" mb="sm">
            {t('imports.uploadHint')}
          </Text>
          <Group gap="sm">
            <FileButton onChange={pick} accept={IMPORT_ACCEPT}>
              {(props) => (
                <Button
                  {...props}
                  leftSection={<IconUpload size={16} aria-hidden />}
                  disabled={step.state === 'sending'}
                  data-testid="import-choose"
                >
                  {step.state === 'idle' || step.state === 'wrongFile'
                    ? t('imports.choose')
                    : t('imports.chooseAnother')}
                </Button>
              )}
            </FileButton>
            {'file' in step ? (
              <Group gap={6}>
                <IconFileSpreadsheet size={16} aria-hidden />
                <Text size="sm">{step.file.name}</Text>
              </Group>
            ) : null}
          </Group>
          {step.state === 'wrongFile' ? (
            <Text size="sm" c="red.9" mt="sm" role="alert">
              {t('imports.wrongFile', { name: step.name })}
            </Text>
          ) : null}
          {step.state === 'sending' ? (
            <Stack gap={4} mt="sm" role="status">
              <Text size="sm" c="dimmed">
                {step.dryRun ? t('imports.checking') : t('imports.importing')}
              </Text>
              <Progress value={step.progress} animated aria-label={t('imports.sent', { progress: step.progress })} />
            </Stack>
          ) : null}
        </Card>

        {step.state === 'failed' ? <FailedNotice error={step.error} dryRun={step.dryRun} /> : null}

        {step.state === 'imported' ? (
          <Alert
            color="green"
            icon={<IconCircleCheck aria-hidden />}
            title={t(`imports.${kind}.imported`, { count: step.result.created })}
            role="status"
            data-testid="import-done"
          >
            <Stack gap="xs" align="flex-start">
              {step.result.references?.length ? (
                <Text size="sm">
                  {t('imports.references')} {step.result.references.join(', ')}
                </Text>
              ) : null}
              <Anchor component={Link} to={page.back} size="sm">
                {t(`imports.${kind}.seeThem`)}
              </Anchor>
            </Stack>
          </Alert>
        ) : null}

        {preview ? (
          <Preview
            kind={kind}
            result={preview}
            sending={step.state === 'sending'}
            onImport={() => {
              if (step.state === 'previewed' || step.state === 'failed') void send(step.file, false, preview);
            }}
          />
        ) : null}
      </Stack>
    </>
  );
}

function FailedNotice({ error, dryRun }: { error: RestError; dryRun: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle aria-hidden />}
      title={dryRun ? t('imports.previewFailed') : t('imports.importFailed')}
      role="alert"
      data-testid="import-failed"
    >
      {restErrorText(error).map((sentence) => (
        <Text size="sm" key={sentence}>
          {sentence}
        </Text>
      ))}
    </Alert>
  );
}

function Preview({
  kind,
  result,
  sending,
  onImport,
}: {
  kind: ImportKind;
  result: ImportResult;
  sending: boolean;
  onImport: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const state = previewState(result);
  const groups = groupProblems(result.problems);
  const withSheets = groups.some((g) => g.sheet);
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby="preview-heading"
      data-testid="import-preview"
    >
      <Title order={2} size="h4" id="preview-heading" mb="xs">
        {t('imports.previewHeading')}
      </Title>
      <Text size="sm" mb="sm" data-testid="import-rows">
        {t('imports.rowsRead', { count: result.rows })}
      </Text>
      {state === 'empty' ? (
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {t('imports.noRows')}
        </Alert>
      ) : null}
      {state === 'ready' ? (
        <Stack gap="sm" align="flex-start">
          <Alert color="green" icon={<IconCircleCheck aria-hidden />} w="100%">
            {t(`imports.${kind}.wouldCreate`, { count: result.rows })}
          </Alert>
          <Button
            onClick={onImport}
            loading={sending}
            leftSection={<IconUpload size={16} aria-hidden />}
            data-testid="import-commit"
          >
            {t(`imports.${kind}.commit`, { count: result.rows })}
          </Button>
        </Stack>
      ) : null}
      {state === 'problems' ? (
        <Stack gap="sm">
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} data-testid="import-problems-summary">
            {t('imports.problemsSummary', {
              count: result.problems.length,
              rows: rowsWithProblems(result.problems),
            })}
          </Alert>
          <Table.ScrollContainer minWidth={560}>
            <Table striped withTableBorder verticalSpacing={6} data-testid="import-problems">
              <Table.Thead>
                <Table.Tr>
                  {withSheets ? <Table.Th>{t('imports.sheet')}</Table.Th> : null}
                  <Table.Th>{t('imports.row')}</Table.Th>
                  <Table.Th>{t('imports.column')}</Table.Th>
                  <Table.Th>{t('imports.problem')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.flatMap((group) =>
                  group.problems.map((problem, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; their order is the server's
                    <Table.Tr key={`${group.sheet ?? ''}-${group.row}-${index}`} data-testid="import-problem">
                      {withSheets ? <Table.Td>{group.sheet ?? '—'}</Table.Td> : null}
                      <Table.Td>
                        {group.row === 0 ? t('imports.wholeFile') : formatNumber(group.row, language)}
                      </Table.Td>
                      <Table.Td>
                        <code>{problem.column || '—'}</code>
                      </Table.Td>
                      <Table.Td>{problem.message}</Table.Td>
                    </Table.Tr>
                  )),
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : null}
    </Card>
  );
}

export function CommitmentImportPage() {
  return <ImportPage kind="commitments" />;
}

export function DirectoryImportPage() {
  return <ImportPage kind="directory" />;
}
