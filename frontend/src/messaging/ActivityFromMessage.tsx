import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ActivityFieldsFragment, ActivityKind } from '../gql/graphql';
import ActivityFormFields, { useActivityForm } from '../records/ActivityFormFields';
import { isoToLocalInput } from './filters';
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
  const form = useActivityForm({
    module: record.module,
    recordId: record.id,
    kind,
    initial: () => ({
      subject: t('signals.followUp', { name: customerName(message) }),
      description: message.text ?? '',
      due: nextHour(),
      start: nextHour(),
      end: nextHour(kind === 'CALL' ? 30 : 60),
    }),
    onCreated,
  });

  return (
    <form onSubmit={(e) => void form.submit(e)} noValidate data-testid="activity-from-message">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('signals.onRecord', { name: record.displayName })}
        </Text>
        {form.error && (
          <Alert color="red" className="pre-wrap" data-testid="activity-error">
            {form.error}
          </Alert>
        )}
        <ActivityFormFields form={form} subjectMaxLength={200} descriptionMaxRows={6} />
        <Group justify="flex-end" className="dialog-footer">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.fetching} data-testid="activity-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
