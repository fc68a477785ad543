import { useMemo } from 'react';
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRecordSearch, withCurrent } from './pickers';

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
  const { records, fetching, setSearch } = useRecordSearch(module, 20);
  const options = useMemo(
    () => withCurrent((records ?? []).map((r) => ({ value: r.id, label: r.displayName || r.id })), value, initialText),
    [records, value, initialText],
  );

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
