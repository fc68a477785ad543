import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Stack, type MantineColor } from '@mantine/core';
import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../graphql/errors';
import ErrorAlert from './ErrorAlert';

/**
 * What a page gives the form in its dialog: what to do once saved (close, re-read the list),
 * and Cancel. The form spreads them onto its `DialogForm`.
 */
export type DialogActions = { onDone: () => void; onCancel: () => void };

/** What a form's submit answers: an error text, a mutation's result, or nothing more to show. */
export type SubmitOutcome = string | null | void | { error?: CombinedError };

/**
 * The body of every create/edit dialog on the settings pages: the caller's fields, the error
 * (translated, just above the buttons so it shows beside them in a tall form) and the footer
 * (Cancel + the submit button) that stays in view while the dialog scrolls (`.dialog-footer`).
 *
 * `onSubmit` answers an error text to show (a required field is empty), or the mutation's
 * result: its error is shown translated, or else `onDone` runs (the page closes the dialog and
 * re-reads its list). Nothing (null): the caller has done what follows itself. Busy meanwhile.
 */
export default function DialogForm({
  onSubmit,
  onDone,
  onCancel,
  children,
  submitLabel,
  submitColor,
  submitIcon,
  testId,
  submitTestId,
  errorTestId,
  error,
  busy,
  note,
}: {
  onSubmit: () => Promise<SubmitOutcome> | SubmitOutcome;
  onDone?: () => void;
  /** Without it there is no Cancel button (a form on a page rather than in a dialog). */
  onCancel?: () => void;
  children: ReactNode;
  submitLabel?: ReactNode;
  submitColor?: MantineColor;
  submitIcon?: ReactNode;
  /** The form's test id; the submit button and error default to `${testId}-submit`/`-error`. */
  testId?: string;
  submitTestId?: string;
  errorTestId?: string;
  /** An error the fields found themselves (a failed upload), shown like a submit error. */
  error?: string | null;
  /** Extra busy state (an upload running) on top of the submit's own. */
  busy?: boolean;
  /** A line at the footer's start (what submitting will do). */
  note?: ReactNode;
}) {
  const { t } = useTranslation();
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitError(null);
    setSubmitting(true);
    try {
      const outcome = await onSubmit();
      if (typeof outcome === 'string') setSubmitError(outcome);
      else if (outcome?.error) setSubmitError(errorMessage(outcome.error, t));
      else if (outcome) onDone?.();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid={testId}>
      <Stack>
        {children}
        <ErrorAlert
          error={[submitError, error]}
          testId={errorTestId ?? (testId ? `${testId}-error` : undefined)}
        />
        <Group
          justify={note ? 'space-between' : 'flex-end'}
          wrap="nowrap"
          className={onCancel ? 'dialog-footer' : undefined}
        >
          {note}
          <Group gap="sm" justify="flex-end" wrap="nowrap">
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
            <Button
              type="submit"
              color={submitColor}
              leftSection={submitIcon}
              loading={submitting || busy}
              data-testid={submitTestId ?? (testId ? `${testId}-submit` : undefined)}
            >
              {submitLabel ?? t('common.create')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
