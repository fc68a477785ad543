import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Drawer,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowBackUp, IconMessages } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ActivityKind } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import { recordPath } from '../modules';
import { formatDateTime } from '../format';
import { ACTIVITY_KINDS, KIND_ICONS } from '../records/ActivitiesPanel';
import Toast from '../components/Toast';
import { useMessageEvents } from '../messaging/live';
import { useMessageList, type ListedMessage } from '../messaging/useMessageList';
import type { MessageFilter } from '../messaging/filters';
import { MessageText, ReplyState, customerName } from '../messaging/MessagesTable';
import ActivityFromMessage, { type CreatedActivity } from '../messaging/ActivityFromMessage';
import ConversationView from '../messaging/ConversationView';
import QuickReply from '../messaging/QuickReply';

const INBOUND: MessageFilter = { direction: 'INBOUND' };
const PAGE = 50;

interface Created {
  activity: CreatedActivity;
  record: NonNullable<ListedMessage['record']>;
}

/**
 * Signals (F15): what customers wrote lately, newest first and live, each with the next step
 * at hand: a quick reply right here (while the 24-hour window is open), read the conversation,
 * or plan a task, meeting or call on the record.
 */
export default function SignalsPage() {
  const { t } = useTranslation();
  const list = useMessageList(INBOUND, '', PAGE);
  useMessageEvents(() => void list.refresh());
  const [creating, setCreating] = useState<{ message: ListedMessage; kind: ActivityKind } | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [replying, setReplying] = useState<string | null>(null);
  const [sent, setSent] = useState(false);

  return (
    <Stack>
      <div>
        <Title order={2} data-testid="page-title">
          {t('signals.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('signals.intro')}
        </Text>
      </div>
      {list.error && (
        <Alert color="red" className="pre-wrap">
          {errorMessage(list.error, t)}
        </Alert>
      )}
      <Stack gap="xs" data-testid="signals">
        {list.rows.map((m) => (
          <SignalRow
            key={m.id}
            message={m}
            replying={replying === m.id}
            onReply={() => setReplying((r) => (r === m.id ? null : m.id))}
            onSent={() => {
              setReplying(null);
              setSent(true);
              void list.refresh();
            }}
            onView={() => m.conversation && setViewing(m.conversation.id)}
            onCreate={(kind) => setCreating({ message: m, kind })}
          />
        ))}
        {list.fetching && !list.loaded && (
          <Center py="md">
            <Loader size="sm" />
          </Center>
        )}
        {list.loaded && list.rows.length === 0 && (
          <Paper withBorder p="lg">
            <Text c="dimmed" ta="center" data-testid="signals-empty">
              {t('signals.empty')}
            </Text>
          </Paper>
        )}
        {list.hasMore && (
          <Center>
            <Button
              variant="subtle"
              size="xs"
              loading={list.loadingMore}
              onClick={() => void list.loadMore()}
              data-testid="signals-more"
            >
              {t('messageList.more', { count: list.total - list.rows.length })}
            </Button>
          </Center>
        )}
      </Stack>

      <ActivityFromMessage
        message={creating?.message ?? null}
        kind={creating?.kind ?? null}
        onClose={() => setCreating(null)}
        onCreated={(activity, message) => {
          setCreating(null);
          if (message.record) setCreated({ activity, record: message.record });
        }}
      />

      <Drawer
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        position="right"
        size="xl"
        title={t('signals.conversation')}
        data-testid="signal-drawer"
      >
        {viewing && <ConversationView key={viewing} conversationId={viewing} height="calc(100vh - 380px)" />}
      </Drawer>

      <Toast opened={sent} onClose={() => setSent(false)} title={t('quickReply.sent')} testId="reply-sent-toast" autoCloseMs={6_000} />

      <Toast
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={created ? t(`signals.created.${created.activity.kind}`) : ''}
        testId="activity-toast"
      >
        {created && (
          <Stack gap={2}>
            <Text size="sm">{created.activity.subject}</Text>
            <Anchor
              component={Link}
              to={`${recordPath(created.record.module, created.record.id)}?tab=activities`}
              size="sm"
              onClick={() => setCreated(null)}
              data-testid="activity-toast-link"
            >
              {t('signals.openRecord', { name: created.record.displayName })}
            </Anchor>
          </Stack>
        )}
      </Toast>
    </Stack>
  );
}

function SignalRow({
  message: m,
  replying,
  onReply,
  onSent,
  onView,
  onCreate,
}: {
  message: ListedMessage;
  replying: boolean;
  onReply: () => void;
  onSent: () => void;
  onView: () => void;
  onCreate: (kind: ActivityKind) => void;
}) {
  const { t, i18n } = useTranslation();
  const record = m.record;
  const name = customerName(m);
  // The record's name is a link; said once when it is also the customer's name.
  const sameName = !!record && record.displayName === name;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="signal-row"
      data-id={m.id}
      data-replied={m.repliedAt ? 'true' : 'false'}
      data-has-record={record ? 'true' : 'false'}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
            {sameName && record ? (
              <Anchor
                component={Link}
                to={recordPath(record.module, record.id)}
                size="sm"
                fw={600}
                data-testid="signal-record-link"
              >
                <span data-testid="signal-customer">{name}</span>
              </Anchor>
            ) : (
              <>
                <Text fw={600} size="sm" data-testid="signal-customer">
                  {name}
                </Text>
                {record && (
                  <Anchor component={Link} to={recordPath(record.module, record.id)} size="sm" data-testid="signal-record-link">
                    {record.displayName}
                  </Anchor>
                )}
              </>
            )}
            {record?.owner && (
              <Text size="xs" c="dimmed">
                {t('signals.owner', { name: record.owner.name })}
              </Text>
            )}
            {m.conversation && (
              <Badge size="xs" variant="outline" color="gray" tt="none">
                {m.conversation.profile.nickname}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatDateTime(m.timestamp, i18n.language)}
          </Text>
        </Group>
        <MessageText message={m} lineClamp={4} />
        <Group justify="space-between" wrap="wrap" gap="xs">
          <ReplyState message={m} />
          <Group gap={6} wrap="wrap">
            <Button
              size="compact-sm"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={onReply}
              disabled={!m.conversation}
              aria-expanded={replying}
              variant={replying ? 'light' : 'filled'}
              data-testid="signal-reply"
            >
              {t('signals.reply')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<IconMessages size={14} />}
              onClick={onView}
              disabled={!m.conversation}
              data-testid="signal-view"
            >
              {t('signals.view')}
            </Button>
            {ACTIVITY_KINDS.map((kind) => {
              const Icon = KIND_ICONS[kind];
              return (
                <Button
                  key={kind}
                  size="compact-sm"
                  variant="light"
                  leftSection={<Icon size={14} />}
                  onClick={() => onCreate(kind)}
                  disabled={!record}
                  title={record ? undefined : t('signals.noRecord')}
                  data-testid={`signal-create-${kind.toLowerCase()}`}
                >
                  {t(`signals.create.${kind}`)}
                </Button>
              );
            })}
          </Group>
        </Group>
        {replying && m.conversation && <QuickReply conversationId={m.conversation.id} autoFocus onSent={onSent} />}
      </Stack>
    </Paper>
  );
}
