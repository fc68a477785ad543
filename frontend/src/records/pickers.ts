import { useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from 'urql';
import { RecordsQuery } from '../graphql/operations';

type Option = { value: string; label: string };

/**
 * A picker's options with its current value kept pickable: a value the list does not hold
 * (beyond the first page, a deactivated owner) is shown first, by `text` or else by its id.
 */
export function withCurrent(options: Option[], value: string | null, text?: string): Option[] {
  return value && !options.some((o) => o.value === value) ? [{ value, label: text || value }, ...options] : options;
}

/**
 * The records of `module` matching what is typed into a searchable picker (the server
 * searches; typing waits 250 ms). Give `setSearch` to the Select's `onSearchChange`.
 */
export function useRecordSearch(module: string, first: number) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [{ data, fetching }] = useQuery({
    query: RecordsQuery,
    variables: { module, first, search: debounced || undefined },
  });
  return { records: data?.records.edges.map((e) => e.node), fetching, setSearch };
}
