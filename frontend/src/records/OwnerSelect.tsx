import { Select } from '@mantine/core';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { UsersQuery } from '../graphql/operations';
import { withCurrent } from './pickers';

/** Owner picker for administrators (the `users` query is admin-only). Value: user id. */
export default function OwnerSelect({
  value,
  onChange,
  label,
  error,
  testId,
  initialText,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  label: string;
  error?: string;
  testId: string;
  initialText?: string;
}) {
  const { t } = useTranslation();
  const [{ data }] = useQuery({ query: UsersQuery, variables: { first: 100 } });
  const users = (data?.users.edges ?? []).map((e) => e.node).filter((u) => u.active || u.id === value);
  const options = withCurrent(
    users.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` })),
    value,
    initialText,
  );
  return (
    <Select
      label={label}
      error={error}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable
      placeholder={t('records.ownerDefault')}
      data-testid={testId}
    />
  );
}
