import { useFragment, useQuery } from '@apollo/client/react';
import { Anchor, Card, Group, NativeSelect, Stack, Text, TextInput, Timeline, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { CommitmentStatusBadges } from '../features/commitments/commitment-badges.js';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { commitmentStatuses, OverdueBadge, Tag } from '../components/badges.js';
import { Pager } from '../components/pager.js';
import { EmptyState, ErrorState, LoadingState, QueryStates } from '../components/states.js';
import { DateText, DateTimeText, Local, OrganizationName, useLocalText } from '../components/text.js';
import { useDigits } from '../features/plans/digits.js';
import { PublicCommitmentList, PublicFact, PublicProgress } from '../features/public/public-commitment-list.js';
import { PublicHeading } from '../features/public/public-layout.js';
import { errorCode } from '../lib/errors.js';
import {
  type CommitmentStatus,
  PublicCommitmentDocument,
  PublicCommitmentRowFragmentDoc,
  PublicCommitmentsDocument,
} from '../graphql/generated.js';

/** /public/commitments: every PUBLIC commitment, soonest due first, searchable and filterable by status. */
export function PublicCommitmentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const status = params.get('status') as CommitmentStatus | null;
  const [typed, setTyped] = useState(search);
  const { data, loading, error, refetch } = useQuery(PublicCommitmentsDocument, {
    variables: {
      after: params.get('after'),
      search: search || null,
      status: status && commitmentStatuses.includes(status) ? [status] : null,
    },
  });
  const apply = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    next.delete('after');
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply({ search: typed.trim() });
  };

  return (
    <>
      <PublicHeading title={t('public.commitments.title')} intro={t('public.commitments.intro')} />
      <form onSubmit={submit} aria-label={t('public.commitments.searchLabel')}>
        <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
          <TextInput
            label={t('public.commitments.search')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            onBlur={() => typed.trim() !== search && apply({ search: typed.trim() })}
            leftSection={<IconSearch size={16} aria-hidden />}
            style={{ flex: '1 1 14rem' }}
          />
          <NativeSelect
            label={t('public.commitments.status')}
            value={status ?? ''}
            onChange={(e) => apply({ status: e.currentTarget.value })}
            data={[
              { value: '', label: t('public.commitments.anyStatus') },
              ...commitmentStatuses.map((s) => ({ value: s, label: t(`commitmentStatus.${s}`) })),
            ]}
            style={{ flex: '0 1 12rem' }}
          />
        </Group>
      </form>
      <QueryStates loading={loading} error={error} data={data} refetch={refetch} />
      {data && data.commitments.nodes.length === 0 ? (
        <EmptyState
          title={search || status ? t('public.commitments.noMatch') : t('public.commitments.empty')}
          description={search || status ? t('public.commitments.noMatchHint') : t('public.commitments.emptyHint')}
        />
      ) : null}
      {data && data.commitments.nodes.length > 0 ? (
        <>
          <PublicCommitmentList commitments={data.commitments.nodes} />
          <Pager connection={data.commitments} forwardOnly />
        </>
      ) : null}
    </>
  );
}

/** /public/commitments/:id: one PUBLIC commitment with its progress reports (a missing one reads as not found). */
export function PublicCommitmentPage() {
  const { t } = useTranslation();
  const local = useLocalText();
  const digits = useDigits();
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(PublicCommitmentDocument, { variables: { id } });
  const node = data?.node;
  const c = node && node.__typename === 'Commitment' ? node : null;
  // What the list's card shows is read through the card's fragment; the rest is this page's own.
  const { data: row, complete } = useFragment({
    fragment: PublicCommitmentRowFragmentDoc,
    fragmentName: 'PublicCommitmentRow',
    from: c,
  });

  if (loading && !data) return <LoadingState />;
  // A malformed address reads like a record that does not exist, as does one that is not PUBLIC.
  if (error && !data && !['NOT_FOUND', 'BAD_USER_INPUT'].includes(errorCode(error) ?? ''))
    return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!c) return <PublicNotFound />;
  if (!complete) return null;
  const updates = [...c.updates.nodes].reverse();
  return (
    <>
      <Anchor component={Link} to="/public/commitments" size="sm">
        {t('public.commitments.back')}
      </Anchor>
      <PublicHeading title={local(row.title, row.titleKm)} intro={row.reference} />
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Group gap={6}>
              <CommitmentStatusBadges status={row.status} completionLevel={row.completionLevel} />
              {row.isOverdue ? <OverdueBadge /> : null}
            </Group>
            <PublicProgress progress={row.progress} />
            {c.description || c.descriptionKm ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                <Local en={c.description} km={c.descriptionKm} />
              </Text>
            ) : null}
            <Stack gap={6} component="dl" m={0}>
              <PublicFact label={t('public.fields.lead')}>
                <OrganizationName organization={row.leadOrganization} full />
              </PublicFact>
              {c.supportingOrganizations.length ? (
                <PublicFact label={t('public.fields.supporting')}>
                  {c.supportingOrganizations.map((o) => o.acronym).join(', ')}
                </PublicFact>
              ) : null}
              <PublicFact label={t('public.fields.dueDate')}>
                <DateText value={row.dueDate} />
                {c.originalDueDate && c.originalDueDate !== row.dueDate ? (
                  <>
                    {' '}
                    ({t('public.fields.originalDueDate')}: <DateText value={c.originalDueDate} />)
                  </>
                ) : null}
              </PublicFact>
              <PublicFact label={t('public.fields.lastUpdate')}>
                {row.lastUpdateAt ? <DateTimeText value={row.lastUpdateAt} /> : t('public.noUpdateYet')}
              </PublicFact>
              {c.meeting ? (
                <PublicFact label={t('public.fields.meeting')}>
                  <Anchor component={Link} to={`/public/meetings/${encodeURIComponent(c.meeting.id)}`} size="sm">
                    <Local en={c.meeting.title} km={c.meeting.titleKm} />
                  </Anchor>
                </PublicFact>
              ) : null}
              <PublicFact label={t('public.fields.plan')}>
                {c.planObjectives.length ? (
                  <Group gap={4}>
                    {c.planObjectives.map((o) => (
                      <Tag key={o.id} tone="cyan">
                        {o.code} <Local en={o.title} km={o.titleKm} />
                      </Tag>
                    ))}
                  </Group>
                ) : (
                  t('plan.notLinked')
                )}
              </PublicFact>
              {c.gcmObjectives.length ? (
                <PublicFact label={t('public.fields.gcm')}>
                  <Stack gap={2}>
                    {c.gcmObjectives.map((g) => (
                      <span key={g.number}>
                        {digits(g.number)}. <Local en={g.title} km={g.titleKm} />
                      </span>
                    ))}
                  </Stack>
                </PublicFact>
              ) : null}
            </Stack>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="public-updates">
          <Title order={2} size="h4" id="public-updates" mb="sm">
            {t('public.commitments.updates')}
          </Title>
          {updates.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('public.commitments.noUpdates')}
            </Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2}>
              {updates.map((u) => (
                <Timeline.Item key={u.id} data-testid="public-update">
                  <Text size="xs" c="dimmed">
                    <DateTimeText value={u.createdAt} />
                    {u.progress !== null ? ` · ${digits(u.progress)}%` : ''}
                    {u.status ? ` · ${t(`commitmentStatus.${u.status}`)}` : ''}
                  </Text>
                  {u.note || u.noteKm ? (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      <Local en={u.note} km={u.noteKm} />
                    </Text>
                  ) : null}
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </Card>
      </Stack>
    </>
  );
}

/** What a missing record and one that is not PUBLIC both look like. */
export function PublicNotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t('public.notFound.title')}
      description={t('public.notFound.body')}
      action={
        <Anchor component={Link} to="/public">
          {t('public.notFound.back')}
        </Anchor>
      }
    />
  );
}
