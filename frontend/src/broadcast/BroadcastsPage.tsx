import { Link, useNavigate } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { BroadcastsQuery } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { formatDateTime } from '../format';
import { formatCredits } from '../credits/money';

export const STATUS_COLORS: Record<string, string> = {
  RUNNING: 'blue',
  PAUSED: 'yellow',
  CANCELLED: 'gray',
  COMPLETED: 'green',
};

/** Broadcast history (N10): newest first, with counters. */
export default function BroadcastsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const [{ data, fetching, error }] = useQuery({
    query: BroadcastsQuery,
    variables: { first: 100 },
    requestPolicy: 'cache-and-network',
  });
  const rows = data?.broadcasts.edges ?? [];
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2} data-testid="page-title">
          {t('broadcast.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/broadcasts/new')} data-testid="new-broadcast">
          {t('broadcast.new')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" mb="md">
          {errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder>
        <Table striped data-testid="broadcasts-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('broadcast.name')}</Table.Th>
              <Table.Th>{t('broadcast.template')}</Table.Th>
              <Table.Th>{t('broadcast.status')}</Table.Th>
              <Table.Th>{t('broadcast.counters.recipients')}</Table.Th>
              <Table.Th>{t('broadcast.counters.sent')}</Table.Th>
              <Table.Th>{t('broadcast.counters.delivered')}</Table.Th>
              <Table.Th>{t('broadcast.counters.read')}</Table.Th>
              <Table.Th>{t('broadcast.counters.failed')}</Table.Th>
              <Table.Th>{t('broadcast.counters.skipped')}</Table.Th>
              <Table.Th>{t('broadcast.total')}</Table.Th>
              <Table.Th>{t('broadcast.createdAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ node: b }) => (
              <Table.Tr key={b.id} data-testid="broadcast-row">
                <Table.Td>
                  <Anchor component={Link} to={`/broadcasts/${b.id}`}>
                    {b.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{b.templateName ?? ''}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[b.status] ?? 'gray'}>{t(`broadcast.statuses.${b.status}`)}</Badge>
                </Table.Td>
                <Table.Td>{b.recipients}</Table.Td>
                <Table.Td>{b.sent}</Table.Td>
                <Table.Td>{b.delivered}</Table.Td>
                <Table.Td>{b.read}</Table.Td>
                <Table.Td>{b.failed}</Table.Td>
                <Table.Td>{b.skipped}</Table.Td>
                <Table.Td>{formatCredits(b.total, b.currency, lang)}</Table.Td>
                <Table.Td>{formatDateTime(b.createdAt, lang)}</Table.Td>
              </Table.Tr>
            ))}
            {!fetching && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={11}>
                  <Text c="dimmed" ta="center" py="md" data-testid="broadcasts-empty">
                    {t('broadcast.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        {fetching && <Loader size="xs" m="xs" />}
      </Paper>
    </>
  );
}
