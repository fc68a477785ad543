import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { RecordsQuery } from '../graphql/operations';

/** A searchable picker of records of another module, for LOOKUP fields. Value: record id. */
export default function LookupSelect({
  module,
  value,
  initialText,
  onChange,
  label,
  required,
  error,
  testId,
}: {
  module: string;
  value: string | null;
  initialText?: string;
  onChange: (value: string | null) => void;
  label: string;
  required?: boolean;
  error?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [{ data, fetching }] = useQuery({
    query: RecordsQuery,
    variables: { module, first: 20, search: debounced || undefined },
  });

  const options = useMemo(() => {
    const list = (data?.records.edges ?? []).map((e) => ({
      value: e.node.id,
      label: e.node.displayName || e.node.id,
    }));
    if (value && !list.some((o) => o.value === value)) {
      list.unshift({ value, label: initialText || value });
    }
    return list;
  }, [data, value, initialText]);

  return (
    <Select
      label={label}
      required={required}
      error={error}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      onSearchChange={setSearch}
      placeholder={t('records.lookupPlaceholder')}
      nothingFoundMessage={fetching ? t('app.loading') : t('records.empty')}
      filter={({ options: opts }) => opts}
      data-testid={testId}
    />
  );
}
