import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconUser, IconUsers } from '@tabler/icons-react';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { SaveMessageViewMutation } from '../graphql/operations';
import type { MessageViewFieldsFragment } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import { cleanFilter, type MessageFilter } from './filters';

export type MessageView = MessageViewFieldsFragment;

/** The picker's value for "no view": every message. */
export const ALL_VIEW = '__all__';

/**
 * Picks a saved view (F26): "All messages", the viewer's own views, then the views others
 * shared. Shared views carry a people icon, others' views their owner's name.
 */
export function ViewPicker({
  views,
  value,
  modified,
  onChange,
}: {
  views: MessageView[];
  value: string;
  modified: boolean;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const byId = new Map(views.map((v) => [v.id, v]));
  const mine = views.filter((v) => v.mine);
  const others = views.filter((v) => !v.mine);
  const data = [
    { value: ALL_VIEW, label: t('messageList.allMessages') },
    ...(mine.length ? [{ group: t('messageList.views.mine'), items: mine.map((v) => ({ value: v.id, label: v.name })) }] : []),
    ...(others.length
      ? [{ group: t('messageList.views.shared'), items: others.map((v) => ({ value: v.id, label: v.name })) }]
      : []),
  ];
  return (
    <Select<string>
      aria-label={t('messageList.views.label')}
      data={data}
      value={value}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      searchable
      w={260}
      description={modified ? t('messageList.views.modified') : undefined}
      renderOption={({ option }) => {
        const view = byId.get(option.value);
        return (
          <Group gap={6} wrap="nowrap" data-shared={view?.shared ? 'true' : undefined}>
            {view?.shared ? (
              <IconUsers size={14} aria-label={t('messageList.views.sharedMark')} />
            ) : view ? (
              <IconUser size={14} />
            ) : null}
            <Text size="sm">{option.label}</Text>
            {view && !view.mine && view.owner && (
              <Text size="xs" c="dimmed">
                {view.owner.name}
              </Text>
            )}
          </Group>
        );
      }}
      data-testid="view-picker"
    />
  );
}

/**
 * "Save as view": a name and whether everyone may use it. With a view of the viewer's own
 * selected it updates that view, unless "save as a new view" is ticked.
 */
export function SaveViewModal({
  opened,
  onClose,
  current,
  filter,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  /** The selected view when it is the viewer's own (it can be updated). */
  current: MessageView | null;
  filter: MessageFilter;
  onSaved: (view: MessageView) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('messageList.views.saveTitle')}>
      {opened && <SaveViewForm current={current} filter={filter} onSaved={onSaved} onCancel={onClose} />}
    </Modal>
  );
}

function SaveViewForm({
  current,
  filter,
  onSaved,
  onCancel,
}: {
  current: MessageView | null;
  filter: MessageFilter;
  onSaved: (view: MessageView) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(current?.name ?? '');
  const [shared, setShared] = useState(current?.shared ?? false);
  const [asNew, setAsNew] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [{ fetching }, save] = useMutation(SaveMessageViewMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) {
      setNameError(t('records.required'));
      return;
    }
    const id = current && !asNew ? current.id : undefined;
    const res = await save({ input: { id, name: name.trim(), shared, filter: cleanFilter(filter) } });
    if (res.error || !res.data) {
      setError(errorMessage(res.error, t));
      return;
    }
    onSaved(res.data.saveMessageView);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="save-view-form">
      <Stack>
        {error && (
          <Alert color="red" className="pre-wrap" data-testid="save-view-error">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('messageList.views.name')}
          placeholder={t('messageList.views.namePlaceholder')}
          required
          value={name}
          error={nameError}
          maxLength={100}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setNameError(null);
          }}
          data-testid="save-view-name"
          data-autofocus
        />
        <Checkbox
          label={t('messageList.views.sharedLabel')}
          description={t('messageList.views.sharedHint')}
          checked={shared}
          onChange={(e) => setShared(e.currentTarget.checked)}
          data-testid="save-view-shared"
        />
        {current && (
          <Checkbox
            label={t('messageList.views.asNew', { name: current.name })}
            checked={asNew}
            onChange={(e) => setAsNew(e.currentTarget.checked)}
            data-testid="save-view-as-new"
          />
        )}
        <Group justify="flex-end" className="dialog-footer">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={fetching} data-testid="save-view-submit">
            {current && !asNew ? t('messageList.views.update') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
