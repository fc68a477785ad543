import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/settings';

/**
 * The dialog every automation editor (blueprint, rule, journey) is: the save error, the name,
 * the editor's own parts, and a footer that stays in view while the dialog scrolls, with Save
 * (`canSave` false: nothing to save yet) and Cancel; `footerStart` goes at the footer's start.
 */
export default function EditorModal({
  opened,
  onClose,
  title,
  testId,
  error,
  name,
  onName,
  onSave,
  saving,
  canSave,
  footerStart,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** The editor's `testId`; its parts get `${testId}-error`, `-name` and `-save` from its first word. */
  testId: string;
  error?: CombinedError;
  name: string;
  onName: (name: string) => void;
  onSave: () => void;
  saving: boolean;
  canSave: boolean;
  footerStart?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const kind = testId.split('-')[0];
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl">
      <Stack data-testid={testId}>
        <ErrorAlert error={error} testId={`${kind}-error`} />
        <TextInput
          label={t('common.name')}
          value={name}
          onChange={(e) => onName(e.currentTarget.value)}
          required
          data-testid={`${kind}-name`}
        />
        {children}
        <Group justify={footerStart ? 'space-between' : 'flex-end'} className="dialog-footer">
          {footerStart}
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={onSave} loading={saving} disabled={!canSave} data-testid={`${kind}-save`}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "Add …" under a list in an editor (a transition, an action, a step). */
export function AddButton({ onClick, testId, children }: { onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <Group>
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={onClick} data-testid={testId}>
        {children}
      </Button>
    </Group>
  );
}
