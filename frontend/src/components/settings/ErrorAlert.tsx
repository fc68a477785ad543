import { Alert } from '@mantine/core';
import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../graphql/errors';

/**
 * A failed load or action, translated by its error code (see graphql/errors.ts); renders
 * nothing when there is no error. Several errors: the first given wins.
 */
export default function ErrorAlert({
  error,
  testId = 'error-alert',
}: {
  error: CombinedError | string | null | undefined | Array<CombinedError | string | null | undefined>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const first = (Array.isArray(error) ? error : [error]).find((e) => e);
  if (!first) return null;
  const text = typeof first === 'string' ? first : errorMessage(first, t);
  if (!text) return null;
  return (
    <Alert color="red" className="pre-wrap" data-testid={testId}>
      {text}
    </Alert>
  );
}
