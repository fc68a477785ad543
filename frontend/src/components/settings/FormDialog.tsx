import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import ErrorAlert from './ErrorAlert';

/**
 * A modal form (create or edit dialogs on settings pages). `onSubmit` answers an error text to
 * show, or null when it is done (the caller then closes the dialog). The fields are the
 * caller's (`children`); they mount when the dialog opens, so they start fresh each time.
 */
export default function FormDialog({
  opened,
  title,
  onClose,
  onSubmit,
  submitLabel,
  children,
  testId,
  size,
}: {
  opened: boolean;
  title: ReactNode;
  onClose: () => void;
  onSubmit: () => Promise<string | null>;
  submitLabel?: ReactNode;
  children: ReactNode;
  /** The submit button gets `${testId}-submit`, the error `${testId}-error`. */
  testId?: string;
  size?: string;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setError(await onSubmit());
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    setError(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={title} size={size}>
      {opened && (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid={testId}>
          <Stack>
            <ErrorAlert error={error} testId={testId ? `${testId}-error` : undefined} />
            {children}
            <Group justify="flex-end" className="dialog-footer">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy} data-testid={testId ? `${testId}-submit` : undefined}>
                {submitLabel ?? t('common.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
