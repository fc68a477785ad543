import type { ReactNode } from 'react';
import { Group, Text } from '@mantine/core';

/** A settings page's first line: what the page is for, and its main action (a "New …" button). */
export default function PageIntro({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Text size="sm" c="dimmed" maw={680}>
        {children}
      </Text>
      {action}
    </Group>
  );
}
