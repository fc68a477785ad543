import { useState } from 'react';
import type { CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../graphql/errors';

/**
 * A row action on a settings page (delete, switch off, sync): runs the mutation, keeps its
 * translated error for the page's `ErrorAlert`, then re-reads the list (`after`), also after
 * a failure, since the failure may mean the list is stale. `run` answers whether it went
 * through.
 */
export function useAction(after?: () => void) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<{ error?: CombinedError }>): Promise<boolean> => {
    setError(null);
    const res = await action();
    if (res.error) setError(errorMessage(res.error, t));
    after?.();
    return !res.error;
  };
  return { error, run, clear: () => setError(null) };
}
