import { Fragment, useState, type ReactNode } from 'react';
import { ActionIcon, Box, Group, Stack, Text } from '@mantine/core';
import { IconHistory, IconPencil } from '@tabler/icons-react';
import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import ConfirmButton from '../components/ConfirmButton';
import { ErrorAlert, NewButton } from '../components/settings';

/**
 * One automation tab (blueprints, rules, journeys): "New …" beside the empty note, the load
 * error, a card per item, and the editor for a new item or the one being edited.
 */
export function AutomationTab<T extends { id: string }>({
  testId,
  items,
  error,
  empty,
  newLabel,
  newTestId,
  card,
  editor,
  onSaved,
}: {
  testId: string;
  /** Undefined while loading (no empty note yet). */
  items: readonly T[] | undefined;
  error?: CombinedError;
  empty: string;
  newLabel: string;
  newTestId: string;
  card: (item: T, edit: () => void) => ReactNode;
  /** The editor for `item` (undefined: a new one); `saved` closes it and re-reads the list. */
  editor: (item: T | undefined, close: () => void, saved: () => void) => ReactNode;
  onSaved: () => void;
}) {
  // null: closed; 'new': a new item; an item: that one opened for editing.
  const [open, setOpen] = useState<T | 'new' | null>(null);
  const close = () => setOpen(null);
  return (
    <Stack data-testid={testId}>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {items && items.length === 0 ? empty : null}
        </Text>
        <NewButton onClick={() => setOpen('new')} testId={newTestId}>
          {newLabel}
        </NewButton>
      </Group>
      <ErrorAlert error={error} />
      {items?.map((item) => card(item, () => setOpen(item)))}
      {open && (
        <Fragment key={open === 'new' ? 'new' : open.id}>
          {editor(open === 'new' ? undefined : open, close, () => {
            close();
            onSaved();
          })}
        </Fragment>
      )}
    </Stack>
  );
}

/** A card's small icon button (edit, show history, show records). */
export function CardIcon({
  label,
  onClick,
  testId,
  children,
}: {
  label: string;
  onClick: () => void;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <ActionIcon variant="subtle" aria-label={label} title={label} onClick={onClick} data-testid={testId}>
      {children}
    </ActionIcon>
  );
}

/** The card's "edit" pencil. */
export function EditIcon({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  return (
    <CardIcon label={label} onClick={onClick} testId={testId}>
      <IconPencil size={18} />
    </CardIcon>
  );
}

/** The card's "show/hide history" toggle. */
export function HistoryIcon({ shown, onClick, testId }: { shown: boolean; onClick: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <CardIcon label={shown ? t('automation.hideHistory') : t('automation.showHistory')} onClick={onClick} testId={testId}>
      <IconHistory size={18} />
    </CardIcon>
  );
}

/** Delete behind "are you sure?"; the list is re-read once it went through. */
export function DeleteItem({
  question,
  remove,
  onDeleted,
  testId,
}: {
  question: string;
  remove: () => Promise<{ error?: CombinedError }>;
  onDeleted: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmButton
      size="xs"
      color="red"
      variant="subtle"
      question={question}
      onConfirm={async () => {
        const res = await remove();
        if (!res.error) onDeleted();
      }}
      testId={testId}
    >
      {t('common.delete')}
    </ConfirmButton>
  );
}

/** Under a card: the item's last run error and a failed action's error. */
export function CardErrors({
  lastError,
  lastErrorTestId,
  error,
}: {
  lastError?: string | null;
  lastErrorTestId?: string;
  error?: CombinedError;
}) {
  const { t } = useTranslation();
  return (
    <>
      {lastError && (
        <Text size="sm" c="red" mt="xs" data-testid={lastErrorTestId}>
          {t('automation.lastError')}: {lastError}
        </Text>
      )}
      {error && (
        <Box mt="xs">
          <ErrorAlert error={error} />
        </Box>
      )}
    </>
  );
}
