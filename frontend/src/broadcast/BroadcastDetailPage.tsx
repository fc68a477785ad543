import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  BroadcastQuery,
  CancelBroadcastMutation,
  PauseBroadcastMutation,
  ResumeBroadcastMutation,
} from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { formatCredits } from '../credits/money';
import { formatDateTime } from '../format';
import { recordPath } from '../modules';
import { STATUS_COLORS } from './BroadcastsPage';
import QualityBadge from './QualityBadge';

const COUNTERS = ['recipients', 'pending', 'queued', 'sent', 'delivered', 'read', 'failed', 'skipped', 'cancelled'] as const;

/** One broadcast: live counters, pause / resume / cancel, each recipient's status. */
export default function BroadcastDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, error, fetching }, reload] = useQuery({
    query: BroadcastQuery,
    variables: { id, first: 500 },
    requestPolicy: 'cache-and-network',
  });
  const b = data?.broadcast;
  const live = b?.status === 'RUNNING' || (b?.queued ?? 0) > 0;
  // Live counters: poll once a second while it runs.
  useEffect(() => {
    if (!live) return;
    const timer = window.setInterval(() => reload({ requestPolicy: 'network-only' }), 1000);
    return () => window.clearInterval(timer);
  }, [live, reload]);
  const [pauseState, pause] = useMutation(PauseBroadcastMutation);
  const [resumeState, resume] = useMutation(ResumeBroadcastMutation);
  const [cancelState, cancel] = useMutation(CancelBroadcastMutation);
  const actionError = pauseState.error ?? resumeState.error ?? cancelState.error;

  if (!b) {
    return fetching ? <Loader /> : <Alert color="red">{error ? errorMessage(error, t) : t('broadcast.notFound')}</Alert>;
  }
  const after = () => reload({ requestPolicy: 'network-only' });
  return (
    <Stack data-testid="broadcast-detail">
      <Anchor component={Link} to="/broadcasts" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('broadcast.title')}
        </Group>
      </Anchor>
      <Group justify="space-between">
        <Title order={2} data-testid="page-title">
          {b.name}
        </Title>
        <Badge size="lg" color={STATUS_COLORS[b.status] ?? 'gray'} data-testid="broadcast-status" data-status={b.status}>
          {t(`broadcast.statuses.${b.status}`)}
        </Badge>
      </Group>
      <Group gap="xl">
        <Text size="sm">
          {t('broadcast.template')}: <b>{b.templateName}</b>
        </Text>
        {b.profile && (
          <Text size="sm">
            {t('sendTemplate.profile')}: {b.profile.nickname} ({b.profile.displayPhoneNumber})
          </Text>
        )}
        <Text size="sm">
          {t('broadcast.total')}: {formatCredits(b.total, b.currency, lang)}
        </Text>
        <Text size="sm" c="dimmed">
          {formatDateTime(b.createdAt, lang)}
        </Text>
      </Group>
      {b.profile && <QualityBadge qualityRating={b.profile.qualityRating} messagingLimit={b.profile.messagingLimit} />}
      {b.pauseReason && (
        <Alert color="yellow" data-testid="broadcast-pause-reason">
          {b.pauseReason}
        </Alert>
      )}
      {actionError && <Alert color="red">{errorMessage(actionError, t)}</Alert>}
      <SimpleGrid cols={{ base: 3, sm: 9 }}>
        {COUNTERS.map((c) => (
          <Paper withBorder p="xs" key={c}>
            <Text size="xs" c="dimmed">
              {t(`broadcast.counters.${c}`)}
            </Text>
            <Text fw={700} size="lg" data-testid={`counter-${c}`}>
              {b[c]}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group>
        {b.status === 'RUNNING' && (
          <Button variant="default" onClick={() => pause({ id }).then(after)} data-testid="broadcast-pause">
            {t('broadcast.pause')}
          </Button>
        )}
        {b.status === 'PAUSED' && (
          <Button variant="default" onClick={() => resume({ id }).then(after)} data-testid="broadcast-resume">
            {t('broadcast.resume')}
          </Button>
        )}
        {(b.status === 'RUNNING' || b.status === 'PAUSED') && (
          <Button color="red" variant="light" onClick={() => cancel({ id }).then(after)} data-testid="broadcast-cancel">
            {t('broadcast.cancel')}
          </Button>
        )}
      </Group>
      <Paper withBorder>
        <Table striped data-testid="broadcast-recipients">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('broadcast.recipient')}</Table.Th>
              <Table.Th>{t('broadcast.number')}</Table.Th>
              <Table.Th>{t('broadcast.country')}</Table.Th>
              <Table.Th>{t('broadcast.price')}</Table.Th>
              <Table.Th>{t('broadcast.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {b.recipientList.edges.map(({ node: r }) => (
              <Table.Tr key={r.recordId} data-testid="broadcast-recipient" data-status={r.status}>
                <Table.Td>
                  <Anchor component={Link} to={recordPath(b.module, r.recordId)}>
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.waId ? `+${r.waId}` : '—'}</Table.Td>
                <Table.Td>{r.country}</Table.Td>
                <Table.Td>{formatCredits(r.price, b.currency, lang)}</Table.Td>
                <Table.Td>
                  {t(`broadcast.recipientStatuses.${r.status}`)}
                  {r.skipReason && ` — ${t(`broadcast.reasons.${r.skipReason}`, { defaultValue: r.skipReason })}`}
                  {r.errorCode != null && ` — ${t('broadcast.metaCode', { code: r.errorCode })}`}
                  {r.errorMessage && !r.errorCode && ` — ${r.errorMessage}`}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {b.recipientList.pageInfo.hasNextPage && (
          <Text size="xs" c="dimmed" p="xs">
            {t('broadcast.firstRecipients', { count: b.recipientList.edges.length, total: b.recipientList.totalCount })}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
