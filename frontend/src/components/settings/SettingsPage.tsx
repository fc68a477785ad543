import type { ReactNode } from 'react';
import { Group, Stack } from '@mantine/core';
import type { CombinedError } from 'urql';
import ErrorAlert from './ErrorAlert';
import PageIntro from './PageIntro';

/**
 * A settings page's frame: the first line (what the page is for, or its filters, and its main
 * action), the page's error (a failed load or row action), then the page's table and dialogs.
 */
export default function SettingsPage({
  intro,
  filters,
  action,
  error,
  errorTestId,
  testId,
  children,
}: {
  intro?: ReactNode;
  filters?: ReactNode;
  action?: ReactNode;
  error?: CombinedError | string | null | Array<CombinedError | string | null | undefined>;
  errorTestId?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Stack data-testid={testId}>
      {intro ? (
        <PageIntro action={action}>{intro}</PageIntro>
      ) : (
        <Group justify={filters ? 'space-between' : 'flex-end'}>
          {filters}
          {action}
        </Group>
      )}
      <ErrorAlert error={error} testId={errorTestId} />
      {children}
    </Stack>
  );
}
