import type { FragmentType } from '@apollo/client';
import { useFragment, useMutation } from '@apollo/client/react';
import { ActionIcon, Button, Card, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  type DraggableAttributes,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { IconArrowDown, IconArrowUp, IconGripVertical, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MutationError } from '../../components/states.js';
import { Local, PersonName } from '../../components/text.js';
import {
  AddAgendaItemDocument,
  AgendaSectionMeetingFragmentDoc,
  type AgendaSectionMeetingFragment,
  ReorderAgendaItemsDocument,
  RemoveAgendaItemDocument,
} from '../../graphql/generated.js';
import { checkTexts, type FieldErrors, fieldErrors, hasProblems, TEXT_MAX } from '../../lib/errors.js';
import { AgendaItemEditModal } from './agenda-item-edit.js';
import { PersonPicker } from '../people/person-picker.js';
import { MinutesEditor } from './minutes-editor.js';
import { CorrectMinutesButton, MinutesRevisions } from './minutes-revisions.js';

/** The agenda in order, each item with its minutes; the secretariat adds, reorders and removes items. */
export function AgendaSection({
  meeting,
  ...props
}: { meeting: FragmentType<typeof AgendaSectionMeetingFragmentDoc> } & Omit<AgendaProps, 'meeting'>) {
  const { data, complete } = useFragment({
    fragment: AgendaSectionMeetingFragmentDoc,
    fragmentName: 'AgendaSectionMeeting',
    from: meeting,
  });
  return complete ? <Agenda meeting={data} {...props} /> : null;
}

interface AgendaProps {
  meeting: AgendaSectionMeetingFragment;
  editable: boolean;
  /** Approved minutes the secretariat may correct, with a reason, item by item. */
  revisable?: boolean;
  onReload: () => Promise<unknown>;
}

function Agenda({ meeting, editable, revisable = false, onReload }: AgendaProps) {
  const { t } = useTranslation();
  const items = [...meeting.agendaItems].sort((a, b) => a.position - b.position);
  const [move, moveState] = useMutation(ReorderAgendaItemsDocument);
  const [remove, removeState] = useMutation(RemoveAgendaItemDocument);

  const [editing, setEditing] = useState<string | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const numberOf = (id: UniqueIdentifier) => items.findIndex((item) => item.id === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => t('corrections.dragStart', { number: numberOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t('corrections.dragOver', { number: numberOf(active.id), position: numberOf(over.id) }) : '',
    onDragEnd: ({ active, over }) =>
      over ? t('corrections.dragEnd', { number: numberOf(active.id), position: numberOf(over.id) }) : '',
    onDragCancel: ({ active }) => t('corrections.dragCancel', { number: numberOf(active.id) }),
  };

  /** Moves the item at `from` to `to` and saves the whole order at once. */
  const moveItem = async (from: number, to: number) => {
    if (!items[from] || !items[to] || from === to) return;
    const order = arrayMove(
      items.map((item) => item.id),
      from,
      to,
    );
    try {
      await move({
        variables: { input: { meetingId: meeting.id, agendaItemIds: order } },
        optimisticResponse: {
          __typename: 'Mutation',
          reorderAgendaItems: {
            __typename: 'ReorderAgendaItemsPayload',
            meeting: {
              __typename: 'Meeting',
              id: meeting.id,
              agendaItems: order.map((id, position) => {
                const item = items.find((i) => i.id === id) ?? items[0];
                return { ...item, position: position + 1 };
              }),
            },
          },
        },
      });
    } catch {
      // Shown below.
    }
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    void moveItem(numberOf(active.id) - 1, numberOf(over.id) - 1);
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
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('corrections.dragInstructions') } }}
      >
        <SortableContext items={items.map((item) => item.id)} strategy={verticalListSortingStrategy}>
          <Stack gap="lg" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {items.map((item, index) => (
              <SortableAgendaItem key={item.id} id={item.id} sortable={editable}>
                {(handle) => (
                  <Stack gap="xs">
                    <Group justify="space-between" align="flex-start" wrap="nowrap">
                      <Group gap="xs" align="flex-start" wrap="nowrap">
                        {editable ? (
                          <Tooltip label={t('corrections.drag')}>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              className="no-print"
                              aria-label={t('corrections.dragItem', { number: index + 1 })}
                              style={{ cursor: 'grab', touchAction: 'none' }}
                              data-testid="agenda-drag"
                              {...handle}
                            >
                              <IconGripVertical size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                        ) : null}
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
                      </Group>
                      {editable ? (
                        <Group gap={4} wrap="nowrap" className="no-print">
                          <Tooltip label={t('corrections.edit')}>
                            <ActionIcon
                              variant="default"
                              aria-label={t('corrections.editAgendaItem', { number: index + 1 })}
                              onClick={() => setEditing(item.id)}
                              data-testid="edit-agenda-item"
                            >
                              <IconPencil size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('agenda.moveUp')}>
                            <ActionIcon
                              variant="default"
                              aria-label={t('agenda.moveUpItem', { number: index + 1 })}
                              disabled={index === 0 || moveState.loading}
                              onClick={() => void moveItem(index, index - 1)}
                            >
                              <IconArrowUp size={16} aria-hidden />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('agenda.moveDown')}>
                            <ActionIcon
                              variant="default"
                              aria-label={t('agenda.moveDownItem', { number: index + 1 })}
                              disabled={index === items.length - 1 || moveState.loading}
                              onClick={() => void moveItem(index, index + 1)}
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
                      {revisable ? (
                        <CorrectMinutesButton item={item} number={index + 1} onReloadMeeting={onReload} />
                      ) : null}
                    </Group>
                    <MinutesEditor item={item} editable={editable} onReloadMeeting={onReload} />
                    <MinutesRevisions revisions={item.revisions} />
                    {editable && editing === item.id ? (
                      <AgendaItemEditModal
                        item={item}
                        number={index + 1}
                        opened
                        onClose={() => setEditing(null)}
                        onReload={onReload}
                      />
                    ) : null}
                  </Stack>
                )}
              </SortableAgendaItem>
            ))}
          </Stack>
        </SortableContext>
      </DndContext>
      {editable ? <AddAgendaItemForm meetingId={meeting.id} /> : null}
    </Card>
  );
}

type DragHandle = DraggableAttributes & Record<string, unknown>;

/** One agenda item that can be dragged by its handle (mouse, touch, or keyboard: space, arrows, space). */
function SortableAgendaItem({
  id,
  sortable,
  children,
}: {
  id: string;
  sortable: boolean;
  children: (handle: DragHandle) => ReactNode;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id,
    disabled: !sortable,
  });
  return (
    <li
      ref={setNodeRef}
      data-testid="agenda-item"
      data-agenda-item-id={id}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        position: 'relative',
        zIndex: isDragging ? 1 : undefined,
        opacity: isDragging ? 0.85 : undefined,
      }}
    >
      {children({ ...attributes, ...listeners, ref: setActivatorNodeRef } as DragHandle)}
    </li>
  );
}

function AddAgendaItemForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [titleKm, setTitleKm] = useState('');
  const [presenterId, setPresenterId] = useState('');
  const [add, { loading, error }] = useMutation(AddAgendaItemDocument);
  const [checked, setChecked] = useState<FieldErrors>({});
  const problems = { ...fieldErrors(error), ...checked };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkTexts(
      { title: { value: title, max: TEXT_MAX.title }, titleKm: { value: titleKm, max: TEXT_MAX.titleKm } },
      { either: [['title', 'titleKm']] },
    );
    setChecked(found);
    if (hasProblems(found)) return;
    // Once saved, only what was sent is emptied: what was typed meanwhile stays.
    const sent = { title, titleKm, presenterId };
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
      setTitle((current) => (current === sent.title ? '' : current));
      setTitleKm((current) => (current === sent.titleKm ? '' : current));
      setPresenterId((current) => (current === sent.presenterId ? '' : current));
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
        <MutationError error={error} fields={['title', 'titleKm', 'presenterId']} />
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
          <PersonPicker
            label={t('agenda.presenter')}
            value={presenterId || null}
            onChange={(id) => setPresenterId(id ?? '')}
            error={problems.presenterId}
            placeholder={t('forms.none')}
            clearable
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
