import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RunFieldsFragment } from '../gql/graphql';
import { formatDateTime } from '../format';

/** The newest runs of a rule, blueprint or journey, failures in red. */
export default function RunHistory({ runs }: { runs: RunFieldsFragment[] }) {
  const { t, i18n } = useTranslation();
  if (runs.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="run-history-empty">
        {t('automation.noHistory')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table striped data-testid="run-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('automation.when')}</Table.Th>
            <Table.Th>{t('automation.recordId')}</Table.Th>
            <Table.Th>{t('automation.result')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((r) => (
            <Table.Tr key={r.id} data-testid="run-row" data-ok={r.ok ? 'true' : 'false'}>
              <Table.Td>{formatDateTime(r.at, i18n.language)}</Table.Td>
              <Table.Td>
                {r.module} {r.recordId}
              </Table.Td>
              <Table.Td>
                <Badge color={r.ok ? 'green' : 'red'} variant="light" mr="xs">
                  {r.ok ? t('automation.ok') : t('automation.failed')}
                </Badge>
                <Text span size="sm">
                  {r.detail}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
