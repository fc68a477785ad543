import { useEffect, useState } from 'react';
import { Badge, Button, Checkbox, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconList, IconPlayerPause, IconPlayerPlay, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreateWebhookSubscriptionMutation,
  DeleteWebhookSubscriptionMutation,
  SendTestWebhookMutation,
  SetWebhookSubscriptionActiveMutation,
  WebhookDeliveriesQuery,
  WebhookSubscriptionsQuery,
} from '../../graphql/operations';
import { errorMessage } from '../../graphql/errors';
import { formatDateTime } from '../../format';
import ConfirmButton from '../../components/ConfirmButton';
import Toast from '../../components/Toast';
import { ErrorAlert, FormDialog, NewButton, SettingsPage, SettingsTable, ShownOnceDialog, useAction } from '../../components/settings';

const STATUS_COLORS: Record<string, string> = { PENDING: 'yellow', SUCCEEDED: 'teal', FAILED: 'red' };

/** One attempt's outcome: the receiver's HTTP status, and the error when it says more. */
function attemptText(a: { statusCode?: number | null; error?: string | null }): string {
  const code = a.statusCode != null ? `HTTP ${a.statusCode}` : '';
  const error = a.error && a.error !== code ? a.error : '';
  return [code, error].filter(Boolean).join(' — ');
}

/**
 * Settings → Webhooks (administrators): outgoing webhook subscriptions. Create one (its signing
 * secret is shown once), switch it off and on, delete it, send a test event, and read each
 * subscription's delivery log with the receiver's response codes and every attempt.
 */
export default function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, error }, reload] = useQuery({ query: WebhookSubscriptionsQuery, requestPolicy: 'cache-and-network' });
  const [, create] = useMutation(CreateWebhookSubscriptionMutation);
  const [, remove] = useMutation(DeleteWebhookSubscriptionMutation);
  const [, setActive] = useMutation(SetWebhookSubscriptionActiveMutation);
  const [, sendTest] = useMutation(SendTestWebhookMutation);
  const [creating, setCreating] = useState(false);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const allEvents = data?.webhookEvents ?? [];
  const eventLabel = (e: string) => t(`webhooks.events.${e.replace(/\./g, '_')}`, { defaultValue: e });

  const action = useAction(refresh);

  const submit = async () => {
    if (!url.trim()) return t('webhooks.urlRequired');
    if (events.length === 0) return t('webhooks.eventsRequired');
    const res = await create({ url: url.trim(), events });
    if (res.error || !res.data) return errorMessage(res.error, t);
    setCreating(false);
    setSecret(res.data.createWebhookSubscription.secret ?? '');
    refresh();
    return null;
  };
  const openCreate = () => {
    setUrl('');
    setEvents([]);
    setCreating(true);
  };

  return (
    <SettingsPage
      intro={t('webhooks.intro')}
      action={
        <NewButton onClick={openCreate} testId="create-webhook">
          {t('webhooks.create')}
        </NewButton>
      }
      error={[action.error, error]}
    >
      <SettingsTable
        rows={data?.webhookSubscriptions}
        rowKey={(s) => s.id}
        testId="webhooks-table"
        rowTestId="webhook-row"
        rowProps={(s) => ({ 'data-url': s.url, 'data-active': s.active ? 'true' : 'false' })}
        empty={t('webhooks.empty')}
        expanded={(s) => (open === s.id ? <DeliveryLog subscriptionId={s.id} /> : null)}
        columns={[
          {
            key: 'url',
            header: t('webhooks.url'),
            render: (s) => (
              <Stack gap={4}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="webhook-url">
                  {s.url}
                </Text>
                <Group gap={4}>
                  {s.events.map((e) => (
                    <Badge key={e} variant="light" size="xs" tt="none">
                      {e}
                    </Badge>
                  ))}
                </Group>
              </Stack>
            ),
          },
          {
            key: 'status',
            header: t('webhooks.status'),
            nowrap: true,
            render: (s) =>
              s.active ? (
                <Badge color="teal" variant="light" data-testid="webhook-status">
                  {t('webhooks.active')}
                </Badge>
              ) : (
                <Tooltip label={s.disabledReason ?? t('webhooks.disabledByHand')} multiline w={280}>
                  <Badge color="red" variant="light" data-testid="webhook-status">
                    {t('webhooks.disabled')}
                  </Badge>
                </Tooltip>
              ),
          },
          {
            key: 'failures',
            header: t('webhooks.failures'),
            render: (s) => <Text size="sm">{s.consecutiveFailures}</Text>,
          },
          {
            key: 'created',
            header: t('webhooks.createdAt'),
            nowrap: true,
            render: (s) => formatDateTime(s.createdAt, lang),
          },
          {
            key: 'actions',
            header: '',
            nowrap: true,
            render: (s) => (
              <Group gap={4} wrap="nowrap">
                <Button
                  size="compact-xs"
                  variant={open === s.id ? 'light' : 'subtle'}
                  leftSection={<IconList size={14} />}
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                  data-testid="webhook-deliveries"
                >
                  {t('webhooks.deliveries')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={<IconSend size={14} />}
                  onClick={() =>
                    void action.run(() => sendTest({ id: s.id })).then((sent) => {
                      if (!sent) return;
                      setOpen(s.id);
                      setNotice(t('webhooks.testQueued'));
                    })
                  }
                  data-testid="webhook-test"
                >
                  {t('webhooks.sendTest')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={s.active ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
                  onClick={() => void action.run(() => setActive({ id: s.id, active: !s.active }))}
                  data-testid="webhook-toggle"
                >
                  {s.active ? t('webhooks.disable') : t('webhooks.enable')}
                </Button>
                <ConfirmButton
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  question={t('webhooks.deleteConfirm', { url: s.url })}
                  onConfirm={() => action.run(() => remove({ id: s.id }))}
                  testId="webhook-delete"
                >
                  {t('common.delete')}
                </ConfirmButton>
              </Group>
            ),
          },
        ]}
      />

      <FormDialog
        opened={creating}
        title={t('webhooks.createTitle')}
        onClose={() => setCreating(false)}
        onSubmit={submit}
        testId="webhook-form"
        size="lg"
      >
        <TextInput
          label={t('webhooks.url')}
          placeholder="https://example.com/parley-events"
          description={t('webhooks.urlHelp')}
          required
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          data-testid="webhook-url-input"
        />
        <Checkbox.Group label={t('webhooks.events.label')} value={events} onChange={setEvents} required>
          <Stack gap={6} mt={6}>
            {allEvents.map((e) => (
              <Checkbox key={e} value={e} label={`${eventLabel(e)} (${e})`} data-testid={`webhook-event-${e}`} />
            ))}
          </Stack>
        </Checkbox.Group>
      </FormDialog>

      <ShownOnceDialog
        value={secret}
        title={t('webhooks.secretTitle')}
        warning={t('webhooks.secretShownOnce')}
        onClose={() => setSecret(null)}
        valueTestId="webhook-secret"
        copyTestId="copy-webhook-secret"
        closeTestId="close-webhook-secret"
      >
        <Text size="sm">{t('webhooks.secretHelp')}</Text>
      </ShownOnceDialog>
      <Toast opened={notice !== null} onClose={() => setNotice(null)} title={notice ?? ''} testId="webhook-notice" />
    </SettingsPage>
  );
}

/** A subscription's newest deliveries with every attempt, refreshed every 2 s while open. */
function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, error }, reload] = useQuery({
    query: WebhookDeliveriesQuery,
    variables: { first: 50 },
    requestPolicy: 'network-only',
  });
  useEffect(() => {
    const id = window.setInterval(() => reload({ requestPolicy: 'network-only' }), 2000);
    return () => window.clearInterval(id);
  }, [reload]);
  const deliveries = data?.webhookSubscriptions.find((s) => s.id === subscriptionId)?.deliveries;

  return (
    <Stack gap="xs" data-testid="delivery-log">
      <Text size="sm" fw={600}>
        {t('webhooks.deliveryLog')}
      </Text>
      <ErrorAlert error={error} />
      <SettingsTable
        rows={deliveries}
        rowKey={(d) => d.id}
        rowTestId="delivery-row"
        rowProps={(d) => ({
          'data-event': d.event,
          'data-status': d.status,
          'data-code': d.statusCode != null ? String(d.statusCode) : undefined,
        })}
        empty={t('webhooks.noDeliveries')}
        columns={[
          { key: 'at', header: t('webhooks.queuedAt'), nowrap: true, render: (d) => formatDateTime(d.createdAt, lang) },
          { key: 'event', header: t('webhooks.event'), render: (d) => <Text size="sm">{d.event}</Text> },
          {
            key: 'status',
            header: t('webhooks.status'),
            nowrap: true,
            render: (d) => {
              // A pending delivery that was tried already is waiting for its retry.
              const shown = d.status === 'PENDING' && d.attempts.length > 0 ? 'RETRYING' : d.status;
              return (
                <Badge color={STATUS_COLORS[d.status] ?? 'gray'} variant="light" data-testid="delivery-status">
                  {t(`webhooks.deliveryStatus.${shown}`, { defaultValue: d.status })}
                </Badge>
              );
            },
          },
          {
            key: 'code',
            header: t('webhooks.responseCode'),
            render: (d) => (
              <Text size="sm" data-testid="delivery-code">
                {d.statusCode ?? t('common.none')}
              </Text>
            ),
          },
          {
            key: 'attempts',
            header: t('webhooks.attempts'),
            render: (d) => (
              <Stack gap={2}>
                {d.attempts.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('webhooks.notYetTried')}
                  </Text>
                ) : (
                  d.attempts.map((a, i) => (
                    <Text size="xs" key={i} data-testid="delivery-attempt">
                      {i + 1}. {formatDateTime(a.at, lang)} — {attemptText(a)}
                    </Text>
                  ))
                )}
              </Stack>
            ),
          },
        ]}
      />
    </Stack>
  );
}
