import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconCalendarEvent, IconCheck, IconChecklist, IconPhone, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ActivitiesQuery, DeleteActivityMutation, UpdateActivityMutation } from '../graphql/operations';
import type { ActivityKind, ActivityStatus } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import { formatDateTime } from '../format';
import ConfirmButton from '../components/ConfirmButton';
import ActivityFormFields, { ACTIVITY_STATUSES, useActivityForm } from './ActivityFormFields';
import { EmptyRow, LoadingRow } from '../components/TableRows';

export const ACTIVITY_KINDS: ActivityKind[] = ['TASK', 'MEETING', 'CALL'];

export const KIND_ICONS = { TASK: IconChecklist, MEETING: IconCalendarEvent, CALL: IconPhone } as const;

export function ActivityKindIcon({ kind }: { kind: ActivityKind }) {
  const { t } = useTranslation();
  const Icon = KIND_ICONS[kind] ?? IconChecklist;
  return (
    <Tooltip label={t(`activities.kinds.${kind}`)}>
      <Icon size={18} stroke={1.6} aria-label={t(`activities.kinds.${kind}`)} data-testid={`activity-kind-${kind}`} />
    </Tooltip>
  );
}

/** The Activities tab of a record: its tasks, meetings and calls, with create, status change and delete. */
export default function ActivitiesPanel({ module, recordId }: { module: string; recordId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, fetching, error }, reload] = useQuery({
    query: ActivitiesQuery,
    variables: { module, recordId },
  });
  const [, updateActivity] = useMutation(UpdateActivityMutation);
  const [, deleteActivity] = useMutation(DeleteActivityMutation);
  const [creating, setCreating] = useState<ActivityKind | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const refresh = () => reload({ requestPolicy: 'network-only' });
  const activities = data?.activities ?? [];

  const setStatus = async (id: string, status: ActivityStatus) => {
    setActionError(null);
    const res = await updateActivity({ id, input: { status } });
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  const remove = async (id: string) => {
    setActionError(null);
    const res = await deleteActivity({ id });
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  return (
    <Stack data-testid="activities-panel">
      <Group justify="flex-end" gap="xs">
        {ACTIVITY_KINDS.map((kind) => {
          const Icon = KIND_ICONS[kind];
          return (
            <Button
              key={kind}
              variant="light"
              leftSection={<Icon size={16} />}
              onClick={() => setCreating(kind)}
              data-testid={`new-activity-${kind.toLowerCase()}`}
            >
              {t(`activities.new.${kind}`)}
            </Button>
          );
        })}
      </Group>
      {(error || actionError) && (
        <Alert color="red" className="pre-wrap" data-testid="activities-error">
          {actionError ?? errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder>
        <Table verticalSpacing="xs" data-testid="activities-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40} />
              <Table.Th>{t('activities.subject')}</Table.Th>
              <Table.Th>{t('activities.when')}</Table.Th>
              <Table.Th>{t('activities.status')}</Table.Th>
              <Table.Th>{t('activities.owner')}</Table.Th>
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {activities.map((a) => {
              const done = a.status === 'COMPLETED';
              const when =
                a.kind === 'TASK'
                  ? a.dueAt && t('activities.dueOn', { date: formatDateTime(a.dueAt, lang) })
                  : a.startAt &&
                    (a.endAt
                      ? `${formatDateTime(a.startAt, lang)} – ${formatDateTime(a.endAt, lang)}`
                      : formatDateTime(a.startAt, lang));
              return (
                <Table.Tr key={a.id} data-testid="activity-row" data-id={a.id} data-status={a.status}>
                  <Table.Td>
                    <ActivityKindIcon kind={a.kind} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500} td={done ? 'line-through' : undefined} data-testid="activity-subject">
                      {a.subject}
                    </Text>
                    {a.description && (
                      <Text size="xs" c="dimmed" className="pre-wrap">
                        {a.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{when || t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      w={150}
                      data={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activities.statuses.${s}`) }))}
                      value={a.status}
                      allowDeselect={false}
                      onChange={(v) => v && v !== a.status && void setStatus(a.id, v as ActivityStatus)}
                      aria-label={t('activities.status')}
                      data-testid="activity-status"
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.owner?.name ?? t('common.none')}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      {!done && (
                        <Tooltip label={t('activities.markCompleted')}>
                          <ActionIcon
                            variant="subtle"
                            color="teal"
                            onClick={() => void setStatus(a.id, 'COMPLETED')}
                            aria-label={t('activities.markCompleted')}
                            data-testid="activity-complete"
                          >
                            <IconCheck size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                      <ConfirmButton
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        question={t('activities.deleteConfirm', { subject: a.subject })}
                        onConfirm={() => remove(a.id)}
                        testId="activity-delete"
                        aria-label={t('common.delete')}
                      >
                        <IconTrash size={14} />
                      </ConfirmButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {data && activities.length === 0 && (
              <EmptyRow colSpan={6} testId="activities-empty" centered>
                {t('records.noActivities')}
              </EmptyRow>
            )}
            {!data && fetching && <LoadingRow colSpan={6} />}
          </Table.Tbody>
        </Table>
      </Paper>

      <Modal
        opened={creating !== null}
        onClose={() => setCreating(null)}
        title={creating ? t(`activities.new.${creating}`) : ''}
      >
        {creating && (
          <ActivityForm
            module={module}
            recordId={recordId}
            kind={creating}
            onDone={() => {
              setCreating(null);
              refresh();
            }}
            onCancel={() => setCreating(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function ActivityForm({
  module,
  recordId,
  kind,
  onDone,
  onCancel,
}: {
  module: string;
  recordId: string;
  kind: ActivityKind;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useActivityForm({
    module,
    recordId,
    kind,
    initial: { subject: '', description: '', due: '', start: '', end: '', status: 'PLANNED' },
    onCreated: onDone,
  });

  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate data-testid="activity-form">
      <Stack>
        {form.error && (
          <Alert color="red" className="pre-wrap" data-testid="activity-form-error">
            {form.error}
          </Alert>
        )}
        <ActivityFormFields form={form} testIdSuffix="-input" />
        <Group justify="flex-end" className="dialog-footer">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.fetching} data-testid="activity-form-submit">
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
