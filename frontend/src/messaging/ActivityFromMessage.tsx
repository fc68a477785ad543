import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { CreateActivityMutation } from '../graphql/operations';
import type { ActivityFieldsFragment, ActivityKind } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import { isoToLocalInput, localInputToIso } from './filters';
import { customerName } from './MessagesTable';
import type { ListedMessage } from './useMessageList';

export type CreatedActivity = ActivityFieldsFragment;

/** The next full hour from now (a follow-up's default time), plus `minutes`. */
function nextHour(minutes = 0): string {
  const d = new Date();
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  d.setMinutes(minutes);
  return isoToLocalInput(d.toISOString());
}

/**
 * F15: a task, meeting or call on the record of a customer's message, prefilled as a
 * follow-up ("Follow up: <customer>", the message as description, the next full hour).
 */
export default function ActivityFromMessage({
  message,
  kind,
  onClose,
  onCreated,
}: {
  message: ListedMessage | null;
  kind: ActivityKind | null;
  onClose: () => void;
  onCreated: (activity: CreatedActivity, message: ListedMessage) => void;
}) {
  const { t } = useTranslation();
  const opened = !!message && !!kind && !!message.record;
  return (
    <Modal opened={opened} onClose={onClose} title={kind ? t(`activities.new.${kind}`) : ''}>
      {message && kind && message.record && (
        <ActivityForm
          key={`${message.id}-${kind}`}
          message={message}
          kind={kind}
          onCancel={onClose}
          onCreated={(a) => onCreated(a, message)}
        />
      )}
    </Modal>
  );
}

function ActivityForm({
  message,
  kind,
  onCancel,
  onCreated,
}: {
  message: ListedMessage;
  kind: ActivityKind;
  onCancel: () => void;
  onCreated: (activity: CreatedActivity) => void;
}) {
  const { t } = useTranslation();
  const record = message.record!;
  const [subject, setSubject] = useState(() => t('signals.followUp', { name: customerName(message) }));
  const [description, setDescription] = useState(message.text ?? '');
  const [due, setDue] = useState(() => nextHour());
  const [start, setStart] = useState(() => nextHour());
  const [end, setEnd] = useState(() => nextHour(kind === 'CALL' ? 30 : 60));
  const [error, setError] = useState<string | null>(null);
  const [subjectError, setSubjectError] = useState<string | null>(null);
  const [{ fetching }, createActivity] = useMutation(CreateActivityMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!subject.trim()) {
      setSubjectError(t('records.required'));
      return;
    }
    const startAt = localInputToIso(start);
    const endAt = localInputToIso(end);
    if (startAt && endAt && endAt < startAt) {
      setError(t('activities.endBeforeStart'));
      return;
    }
    const res = await createActivity({
      module: record.module,
      recordId: record.id,
      input: {
        kind,
        subject: subject.trim(),
        description: description.trim() || undefined,
        ...(kind === 'TASK' ? { dueAt: localInputToIso(due) } : { startAt, endAt }),
      },
    });
    if (res.error || !res.data) {
      setError(errorMessage(res.error, t));
      return;
    }
    onCreated(res.data.createActivity);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="activity-from-message">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('signals.onRecord', { name: record.displayName })}
        </Text>
        {error && (
          <Alert color="red" className="pre-wrap" data-testid="activity-error">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('activities.subject')}
          required
          value={subject}
          error={subjectError}
          maxLength={200}
          onChange={(e) => {
            setSubject(e.currentTarget.value);
            setSubjectError(null);
          }}
          data-testid="activity-subject"
          data-autofocus
        />
        <Textarea
          label={t('activities.description')}
          autosize
          minRows={2}
          maxRows={6}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          data-testid="activity-description"
        />
        {kind === 'TASK' ? (
          <TextInput
            type="datetime-local"
            label={t('activities.dueAt')}
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            data-testid="activity-due"
          />
        ) : (
          <Group grow>
            <TextInput
              type="datetime-local"
              label={t('activities.startAt')}
              value={start}
              onChange={(e) => setStart(e.currentTarget.value)}
              data-testid="activity-start"
            />
            <TextInput
              type="datetime-local"
              label={t('activities.endAt')}
              value={end}
              onChange={(e) => setEnd(e.currentTarget.value)}
              data-testid="activity-end"
            />
          </Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={fetching} data-testid="activity-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
