import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconClockHour4, IconLock, IconTemplate } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  ConversationAttachmentsQuery,
  ConversationMessagesQuery,
  ConversationQuery,
  ReactToMessageMutation,
} from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { recordPath } from '../modules';
import { formatDateTime, remainingParts } from '../format';
import { concerns, useMessageEvents, useNow } from './live';
import MessageBubble, { AttachmentView, type ChatMessage } from './MessageBubble';
import Composer from './Composer';
import SendTemplateDialog from './SendTemplateDialog';
import { useViewer } from '../auth/session';
import { SimulatorQuery } from '../graphql/simulator';

const PAGE = 100;
const MAX = 500;

/** "5 h 12 min" (or "< 1 min") until `until`. */
export function useRemaining(until: string | null | undefined) {
  const { t } = useTranslation();
  const now = useNow(10_000);
  const { h, m, ms } = remainingParts(until, now);
  const text = ms < 60_000 ? t('chat.lessThanMinute') : h > 0 ? t('chat.hoursMinutes', { h, m }) : t('chat.minutes', { m });
  return { ms, text };
}

/** F17: whether the customer's 24-hour window is open, with a live countdown. */
export function WindowState({ windowOpen, windowExpiresAt }: { windowOpen: boolean; windowExpiresAt?: string | null }) {
  const { t, i18n } = useTranslation();
  const { ms, text } = useRemaining(windowExpiresAt);
  const open = windowOpen && ms > 0;
  return (
    <Badge
      size="lg"
      radius="sm"
      variant="light"
      color={open ? 'teal' : 'gray'}
      tt="none"
      fw={500}
      leftSection={open ? <IconClockHour4 size={14} /> : <IconLock size={14} />}
      data-testid="window-state"
      data-open={open ? 'true' : 'false'}
      title={windowExpiresAt ? formatDateTime(windowExpiresAt, i18n.language) : undefined}
    >
      {open ? t('chat.windowOpen', { time: text }) : t('chat.windowClosed')}
    </Badge>
  );
}

/**
 * One conversation: header (customer, record, profile, 24-hour window), tabs "Messages" and
 * "Attachments" (F23), and the composer while the window is open, else "Send template".
 * Kept live by `messageEvents`: any event of this conversation re-reads it from the server.
 */
export default function ConversationView({
  conversationId,
  height = 520,
  showRecordLink = true,
  openTemplate = false,
}: {
  conversationId: string;
  height?: number | string;
  showRecordLink?: boolean;
  /** Opens "Send template" at once (a quick reply's link when the window is closed). */
  openTemplate?: boolean;
}) {
  const me = useViewer();
  // The demo's simulated phone, to see the customer's side of this conversation.
  const [{ data: simData }] = useQuery({ query: SimulatorQuery, requestPolicy: 'cache-first' });
  const demoPhone = !!simData?.simulator;
  const { t, i18n } = useTranslation();
  const [count, setCount] = useState(PAGE);
  const [tab, setTab] = useState<string | null>('messages');
  const [templateOpen, setTemplateOpen] = useState(openTemplate);

  const [{ data: convData, error: convError, fetching: convFetching }, reloadConv] = useQuery({
    query: ConversationQuery,
    variables: { id: conversationId },
  });
  const [{ data: msgData, error: msgError }, reloadMsgs] = useQuery({
    query: ConversationMessagesQuery,
    variables: { conversationId, first: count },
  });

  const [{ data: attData }, reloadAtts] = useQuery({
    query: ConversationAttachmentsQuery,
    variables: { id: conversationId },
  });
  const [, react] = useMutation(ReactToMessageMutation);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    reloadConv({ requestPolicy: 'network-only' });
    reloadMsgs({ requestPolicy: 'network-only' });
    reloadAtts({ requestPolicy: 'network-only' });
  }, [reloadConv, reloadMsgs, reloadAtts]);

  useMessageEvents((events) => {
    if (concerns(events, conversationId)) refresh();
  });

  const conv = convData?.conversation;
  // The query answers newest first; a chat reads oldest first.
  const all: ChatMessage[] = [...(msgData?.messages.nodes ?? [])].reverse();
  // A reaction shows on the message it is on; only one whose message is not here stands alone.
  const messages = all.filter((m) => !(m.type === 'reaction' && m.replyTo));
  const total = msgData?.messages.totalCount ?? 0;
  const attachments = attData?.conversation?.attachments ?? [];
  const { ms } = useRemaining(conv?.windowExpiresAt);
  // With WhatsApp off for the profile nothing can be sent: no reply box, no template.
  const channelOn = conv?.channelActive !== false;
  const windowOpen = channelOn && !!conv?.windowOpen && ms > 0;

  // Keep the newest message in view when one arrives and on first load, also while images and
  // fonts still change the height after the first layout (the view used to stop short of the
  // bottom); once the user scrolls up, leave them there.
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const lastId = messages.length ? messages[messages.length - 1].id : '';
  const lastStatus = messages.length ? messages[messages.length - 1].status : '';
  useLayoutEffect(() => {
    const el = scroller.current;
    stick.current = true;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lastId, lastStatus, tab]);
  const hasContent = !!conv && tab === 'messages';
  useEffect(() => {
    const el = scroller.current;
    const inner = content.current;
    if (!el || !inner || typeof ResizeObserver === 'undefined') return;
    const onScroll = () => {
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    };
    const ro = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(inner);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', onScroll);
    };
  }, [hasContent]);

  const onReact = async (m: ChatMessage, emoji: string) => {
    setActionError(null);
    const res = await react({ messageId: m.id, emoji });
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  if (!conv) {
    if (convFetching || (!convData && !convError)) {
      return (
        <Center py="xl">
          <Loader />
        </Center>
      );
    }
    return (
      <Alert color="red" data-testid="conversation-not-found">
        {convError ? errorMessage(convError, t) : t('chat.notFound')}
      </Alert>
    );
  }

  const record = conv.record;
  // The customer's WhatsApp name, else the record's name (a conversation begun with a
  // template has no WhatsApp name yet), else the number.
  const name = conv.customerName || record?.displayName || `+${conv.customerWaId}`;

  return (
    <Paper withBorder p="sm" data-testid="conversation" data-id={conv.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Title order={4} data-testid="conversation-name">
              {showRecordLink && record && record.displayName === name ? (
                // The record has the customer's name: the name is the link, said once.
                <Anchor component={Link} to={recordPath(record.module, record.id)} inherit data-testid="conversation-record-link">
                  {name}
                </Anchor>
              ) : (
                name
              )}
            </Title>
            <Group gap="xs">
              <Text size="sm" c="dimmed" dir="ltr">
                +{conv.customerWaId}
              </Text>
              {showRecordLink && record && record.displayName !== name && (
                <Anchor
                  component={Link}
                  to={recordPath(record.module, record.id)}
                  size="sm"
                  data-testid="conversation-record-link"
                >
                  {record.displayName}
                </Anchor>
              )}
              <Badge size="sm" variant="outline" color="gray" tt="none" data-testid="conversation-profile">
                {conv.profile.nickname}
              </Badge>
              {demoPhone && channelOn && (
                <Anchor
                  component={Link}
                  to={`/simulator?wa=${encodeURIComponent(conv.customerWaId)}&name=${encodeURIComponent(conv.customerName ?? '')}`}
                  size="xs"
                  data-testid="conversation-open-phone"
                >
                  {t('profileAdmin.openOnPhone')}
                </Anchor>
              )}
            </Group>
          </div>
          {channelOn ? (
            <WindowState windowOpen={conv.windowOpen} windowExpiresAt={conv.windowExpiresAt} />
          ) : (
            <Badge color="gray" variant="filled" data-testid="channel-off">
              {t('profileAdmin.channelOff')}
            </Badge>
          )}
        </Group>

        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="messages" data-testid="conv-tab-messages">
              {t('chat.tabs.messages')}
            </Tabs.Tab>
            <Tabs.Tab value="attachments" data-testid="conv-tab-attachments">
              {t('chat.tabs.attachments')} {attachments.length > 0 && `(${attachments.length})`}
            </Tabs.Tab>
          </Tabs.List>

          <Tabs.Panel value="messages" pt="xs">
            <Box
              ref={scroller}
              h={height}
              p="xs"
              bg="gray.0"
              style={{ overflowY: 'auto', borderRadius: 'var(--mantine-radius-sm)' }}
              data-testid="chat"
            >
              {msgError && (
                <Alert color="red" className="pre-wrap">
                  {errorMessage(msgError, t)}
                </Alert>
              )}
              <Stack gap={6} ref={content}>
                {actionError && (
                  <Alert color="red" className="pre-wrap" withCloseButton onClose={() => setActionError(null)}>
                    {actionError}
                  </Alert>
                )}
                {total > all.length && count < MAX && (
                  <Center>
                    <Button size="compact-xs" variant="subtle" onClick={() => setCount((c) => Math.min(c + PAGE, MAX))}>
                      {t('chat.older')}
                    </Button>
                  </Center>
                )}
                {msgData && messages.length === 0 && (
                  <Text c="dimmed" size="sm" ta="center" py="md">
                    {t('chat.empty')}
                  </Text>
                )}
                {messages.map((m) => (
                  <MessageBubble
                    key={m.id}
                    message={m}
                    onReply={windowOpen ? () => setReplyTo(m) : undefined}
                    onReact={windowOpen ? (e) => void onReact(m, e) : undefined}
                  />
                ))}
              </Stack>
            </Box>
          </Tabs.Panel>

          <Tabs.Panel value="attachments" pt="xs">
            <Box h={height} style={{ overflowY: 'auto' }} data-testid="attachments">
              {attachments.length === 0 ? (
                <Text c="dimmed" size="sm" ta="center" py="md">
                  {t('chat.noAttachments')}
                </Text>
              ) : (
                <Table verticalSpacing="xs">
                  <Table.Tbody>
                    {attachments.map((a) => (
                      <Table.Tr
                        key={a.messageId}
                        data-testid="attachment-item"
                        data-id={a.messageId}
                        data-direction={a.direction}
                        data-file-name={a.fileName ?? ''}
                      >
                        <Table.Td>
                          <AttachmentView attachment={a} compact />
                          {a.failed && (
                            <Text size="xs" c="red.8" data-testid="attachment-failed">
                              {t('attach.sendFailed')}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                          <Text size="xs" c="dimmed">
                            {a.direction === 'INBOUND' ? t('chat.fromCustomer') : t('chat.fromBusiness')}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {formatDateTime(a.at, i18n.language)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Box>
          </Tabs.Panel>
        </Tabs>

        {!channelOn ? (
          <Alert color="gray" data-testid="channel-off-hint" title={t('profileAdmin.channelOff')}>
            <Text size="sm">{t('profileAdmin.channelOffHint')}</Text>
            {me.isAdmin && (
              <Anchor component={Link} to="/settings/whatsapp" size="sm" data-testid="channel-off-settings">
                {t('profileAdmin.channelOffAdmin')}
              </Anchor>
            )}
          </Alert>
        ) : windowOpen ? (
          <Composer
            conversationId={conv.id}
            module={record?.module ?? null}
            record={record ? { id: record.id, module: record.module } : null}
            replyTo={replyTo}
            onClearReply={() => setReplyTo(null)}
            onSent={refresh}
          />
        ) : (
          <Group
            justify="space-between"
            p="xs"
            bg="yellow.0"
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            data-testid="window-closed"
          >
            <Text size="sm">{t('chat.windowClosedHint')}</Text>
            <Button
              size="xs"
              leftSection={<IconTemplate size={14} />}
              onClick={() => setTemplateOpen(true)}
              disabled={!record}
              data-testid="composer-send-template"
            >
              {t('chat.sendTemplate')}
            </Button>
          </Group>
        )}
      </Stack>

      {record && (
        <SendTemplateDialog
          opened={templateOpen}
          onClose={() => setTemplateOpen(false)}
          target={{ module: record.module, id: record.id, displayName: record.displayName, values: record.values }}
          onSent={() => {
            setTemplateOpen(false);
            setTab('messages');
            refresh();
          }}
        />
      )}
    </Paper>
  );
}
