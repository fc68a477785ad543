import { Select } from '@mantine/core';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ModulesQuery } from '../graphql/operations';
import { labelOf } from '../records/meta';

/** Picks one of the organisation's modules (built-in and custom). */
export default function ModuleSelect({
  value,
  onChange,
  testId,
  disabled,
}: {
  value: string;
  onChange: (apiName: string) => void;
  testId: string;
  /** An existing definition's module cannot change. */
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: ModulesQuery });
  return (
    <Select
      label={t('automation.module')}
      data={(data?.modules ?? []).map((m) => ({ value: m.apiName, label: labelOf(m, i18n.language) }))}
      value={value || null}
      onChange={(v) => v && onChange(v)}
      allowDeselect={false}
      searchable
      disabled={disabled}
      data-testid={testId}
    />
  );
}
