import type { ReactNode } from 'react';
import { Group, Loader, Table, Text } from '@mantine/core';

/** A table's one row when it has nothing to list ("No activities yet."), across all columns. */
export function EmptyRow({
  colSpan,
  testId,
  centered,
  children,
}: {
  colSpan: number;
  testId?: string;
  /** Centred with some air (a record's tabs, the records list) rather than a plain line. */
  centered?: boolean;
  children: ReactNode;
}) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" size="sm" ta={centered ? 'center' : undefined} py={centered ? 'sm' : undefined} data-testid={testId}>
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** A table's one row while its first page loads. */
export function LoadingRow({ colSpan }: { colSpan: number }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Group justify="center" py="sm">
          <Loader size="sm" />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
