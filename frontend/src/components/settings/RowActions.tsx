import type { ReactNode } from 'react';
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import ConfirmButton from '../ConfirmButton';

/**
 * A settings row's last cell: Edit (when `onEdit` is given), whatever the page adds, and
 * Delete behind an "are you sure?" (when `onDelete` is given).
 */
export default function RowActions({
  onEdit,
  editLabel,
  editTestId,
  onDelete,
  deleteQuestion,
  deleteLabel,
  deleteTestId,
  children,
}: {
  onEdit?: () => void;
  editLabel?: ReactNode;
  editTestId?: string;
  onDelete?: () => Promise<unknown> | void;
  deleteQuestion?: string;
  deleteLabel?: ReactNode;
  deleteTestId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      {onEdit && (
        <Button size="compact-xs" variant="subtle" onClick={onEdit} data-testid={editTestId}>
          {editLabel ?? t('common.edit')}
        </Button>
      )}
      {children}
      {onDelete && (
        <ConfirmButton
          size="compact-xs"
          variant="subtle"
          color="red"
          question={deleteQuestion ?? ''}
          onConfirm={async () => {
            await onDelete();
          }}
          testId={deleteTestId}
        >
          {deleteLabel ?? t('common.delete')}
        </ConfirmButton>
      )}
    </Group>
  );
}
