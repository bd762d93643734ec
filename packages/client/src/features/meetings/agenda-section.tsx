import { useMutation } from '@apollo/client/react';
import { ActionIcon, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import { Local, PersonName, useLocalText } from '../../components/text.js';
import {
  AddAgendaItemDocument,
  type MeetingDetailFragment,
  type MinutesRevisionFieldsFragment,
  ReorderAgendaItemsDocument,
  RemoveAgendaItemDocument,
} from '../../graphql/generated.js';
import { errorCode, fieldErrors } from '../../lib/errors.js';
import type { Directory } from './directory.js';
import { MinutesEditor } from './minutes-editor.js';
import { CorrectMinutesButton, MinutesRevisions } from './minutes-revisions.js';

/** The agenda in order, each item with its minutes; the secretariat adds, reorders and removes items. */
export function AgendaSection({
  meeting,
  directory,
  editable,
  revisable = false,
  revisions,
  onReload,
}: {
  meeting: MeetingDetailFragment;
  directory: Directory;
  editable: boolean;
  /** Approved minutes the secretariat may correct, with a reason, item by item. */
  revisable?: boolean;
  /** Recorded corrections of approved minutes, by agenda item id. */
  revisions?: ReadonlyMap<string, readonly MinutesRevisionFieldsFragment[]>;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const items = [...meeting.agendaItems].sort((a, b) => a.position - b.position);
  const [move, moveState] = useMutation(ReorderAgendaItemsDocument);
  const [remove, removeState] = useMutation(RemoveAgendaItemDocument);

  const moveItem = async (index: number, by: -1 | 1) => {
    if (!items[index] || !items[index + by]) return;
    const order = items.map((item) => item.id);
    [order[index], order[index + by]] = [order[index + by], order[index]];
    try {
      await move({ variables: { input: { meetingId: meeting.id, agendaItemIds: order } } });
    } catch {
      // Shown below.
    }
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="agenda-heading">
      <Title order={2} size="h3" id="agenda-heading" mb="md">
        {t('agenda.title')}
      </Title>
      <MutationError error={moveState.error ?? removeState.error} />
      {items.length === 0 ? (
        <Text c="dimmed" size="sm" mb="md">
          {t('agenda.empty')}
        </Text>
      ) : null}
      <Stack gap="lg" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((item, index) => (
          <li key={item.id} data-testid="agenda-item">
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Title order={3} size="h5">
                    {index + 1}. <Local en={item.title} km={item.titleKm} />
                  </Title>
                  {item.presenter ? (
                    <Text size="xs" c="dimmed">
                      {t('agenda.presenter')}: <PersonName person={item.presenter} />
                    </Text>
                  ) : null}
                </div>
                {editable ? (
                  <Group gap={4} wrap="nowrap" className="no-print">
                    <Tooltip label={t('agenda.moveUp')}>
                      <ActionIcon
                        variant="default"
                        aria-label={t('agenda.moveUpItem', { number: index + 1 })}
                        disabled={index === 0 || moveState.loading}
                        onClick={() => void moveItem(index, -1)}
                      >
                        <IconArrowUp size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('agenda.moveDown')}>
                      <ActionIcon
                        variant="default"
                        aria-label={t('agenda.moveDownItem', { number: index + 1 })}
                        disabled={index === items.length - 1 || moveState.loading}
                        onClick={() => void moveItem(index, 1)}
                      >
                        <IconArrowDown size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('agenda.remove')}>
                      <ActionIcon
                        variant="default"
                        color="red"
                        aria-label={t('agenda.removeItem', { number: index + 1 })}
                        onClick={() => {
                          if (window.confirm(t('agenda.confirmRemove'))) {
                            void remove({ variables: { input: { id: item.id } } }).catch(() => undefined);
                          }
                        }}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                ) : null}
                {revisable ? <CorrectMinutesButton item={item} number={index + 1} onReloadMeeting={onReload} /> : null}
              </Group>
              <MinutesEditor item={item} editable={editable} onReloadMeeting={onReload} />
              <MinutesRevisions revisions={revisions?.get(item.id) ?? []} />
            </Stack>
          </li>
        ))}
      </Stack>
      {editable ? <AddAgendaItemForm meetingId={meeting.id} directory={directory} /> : null}
    </Card>
  );
}

function AddAgendaItemForm({ meetingId, directory }: { meetingId: string; directory: Directory }) {
  const { t } = useTranslation();
  const local = useLocalText();
  const [title, setTitle] = useState('');
  const [titleKm, setTitleKm] = useState('');
  const [presenterId, setPresenterId] = useState('');
  const [add, { loading, error }] = useMutation(AddAgendaItemDocument);
  const problems = fieldErrors(error);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await add({
        variables: {
          input: {
            meetingId,
            title: title.trim() || null,
            titleKm: titleKm.trim() || null,
            presenterId: presenterId || null,
          },
        },
      });
      setTitle('');
      setTitleKm('');
      setPresenterId('');
    } catch {
      // Shown beside the fields.
    }
  };

  return (
    <form onSubmit={submit} noValidate className="no-print" aria-label={t('agenda.add')}>
      <Stack gap="xs" mt="lg" p="md" bg="gray.0" style={{ borderRadius: 8 }}>
        <Text fw={600} size="sm">
          {t('agenda.add')}
        </Text>
        {error && errorCode(error) !== 'BAD_USER_INPUT' ? <MutationError error={error} /> : null}
        <Group align="flex-start" grow>
          <TextInput
            label={t('agenda.itemTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={problems.title}
            data-testid="agenda-title"
          />
          <TextInput
            label={t('agenda.itemTitleKm')}
            value={titleKm}
            onChange={(e) => setTitleKm(e.currentTarget.value)}
            error={problems.titleKm}
            lang="km"
          />
          <NativeSelect
            label={t('agenda.presenter')}
            value={presenterId}
            onChange={(e) => setPresenterId(e.currentTarget.value)}
            error={problems.presenterId}
            data={[
              { value: '', label: t('forms.none') },
              ...directory.people.map((p) => ({ value: p.id, label: local(p.fullName, p.fullNameKm) })),
            ]}
          />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={loading} leftSection={<IconPlus size={16} aria-hidden />}>
            {t('agenda.addButton')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
