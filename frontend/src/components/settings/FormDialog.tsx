import type { ReactNode } from 'react';
import DialogForm from './DialogForm';
import SettingsDialog from './SettingsDialog';

/**
 * A settings dialog whose fields' state lives in the page (a one-field "new token" dialog):
 * {@link SettingsDialog} around a {@link DialogForm}. `onSubmit` answers an error text to
 * show, or null when it is done (the caller then closes the dialog). A form with state of its
 * own is a component rendering a `DialogForm`, placed in a `SettingsDialog`.
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
  return (
    <SettingsDialog opened={opened} onClose={onClose} title={title} size={size}>
      <DialogForm onSubmit={onSubmit} onCancel={onClose} submitLabel={submitLabel} testId={testId}>
        {children}
      </DialogForm>
    </SettingsDialog>
  );
}
