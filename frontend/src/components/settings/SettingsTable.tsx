import { Fragment, type ReactNode } from 'react';
import { Paper, ScrollArea, Table } from '@mantine/core';
import { EmptyRow } from '../TableRows';

/** One column of a {@link SettingsTable}: a header and how a row shows in it. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Keeps the cell on one line (times, buttons). */
  nowrap?: boolean;
  /** A cap on the cell's width (long texts wrap and clamp inside it). */
  maw?: number;
}

/**
 * The table every settings page lists its items in: a bordered, horizontally scrolling table
 * with a header row, one row per item and an "empty" line once loaded with nothing to show.
 * `rows` undefined means "still loading" (no empty line yet).
 */
export default function SettingsTable<T>({
  rows,
  columns,
  rowKey,
  empty,
  testId,
  rowTestId,
  rowProps,
  expanded,
  bare,
  emptyTestId,
  loading,
}: {
  rows: readonly T[] | undefined;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  empty: ReactNode;
  testId?: string;
  rowTestId?: string;
  /** Extra attributes for a row (data-* for tests, a highlight). */
  rowProps?: (row: T) => Record<string, string | undefined>;
  /** Content shown under a row across all columns (a detail panel), when it returns some. */
  expanded?: (row: T) => ReactNode;
  /** Without its own border: the table sits in a section that has one. */
  bare?: boolean;
  emptyTestId?: string;
  /** A re-read is running: no "empty" line until it answers. */
  loading?: boolean;
}) {
  const table = (
    <ScrollArea viewportProps={{ tabIndex: 0 }}>
      <Table verticalSpacing="xs" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key}>{c.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows?.map((row) => {
            const more = expanded?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <Table.Tr data-testid={rowTestId} {...rowProps?.(row)}>
                  {columns.map((c) => (
                    <Table.Td key={c.key} maw={c.maw} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                      {c.render(row)}
                    </Table.Td>
                  ))}
                </Table.Tr>
                {more ? (
                  <Table.Tr>
                    <Table.Td colSpan={columns.length}>{more}</Table.Td>
                  </Table.Tr>
                ) : null}
              </Fragment>
            );
          })}
          {rows && rows.length === 0 && !loading && (
            <EmptyRow colSpan={columns.length} testId={emptyTestId}>
              {empty}
            </EmptyRow>
          )}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
  return bare ? table : <Paper withBorder>{table}</Paper>;
}
