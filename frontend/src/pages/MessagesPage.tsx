import { useCallback, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconList, IconMessages, IconSearch } from '@tabler/icons-react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ConversationsQuery } from '../graphql/operations';
import type { ConversationsQuery as ConversationsQueryResult } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import { formatChatTime } from '../format';
import { useMessageEvents } from '../messaging/live';
import ConversationView from '../messaging/ConversationView';
import { StatusTicks } from '../messaging/MessageBubble';
import AllMessages from '../messaging/AllMessages';
import Snippet from '../messaging/Snippet';

const PAGE = 50;

type ConversationItem = ConversationsQueryResult['conversations']['edges'][number]['node'];

/**
 * The Messages module, in two tabs. "Conversations": every conversation the viewer may see
 * (most recent first, searchable) on the left, the selected one (/messages/:conversationId)
 * on the right. "All messages" (/messages?tab=all): every message in a filtered, searchable
 * table with saved views. Both are kept live by `messageEvents`. On a phone-sized screen the
 * list and the open conversation take turns, with a back button from the conversation.
 */
export default function MessagesPage() {
  const { t } = useTranslation();
  const { conversationId } = useParams();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // An open conversation always shows the conversations tab (notification links go there).
  const tab = !conversationId && params.get('tab') === 'all' ? 'all' : 'conversations';

  return (
    <>
      <Title order={2} mb="md" data-testid="page-title">
        {t('messages.title')}
      </Title>
      <Tabs
        value={tab}
        onChange={(v) => navigate(v === 'all' ? '/messages?tab=all' : '/messages')}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="conversations" leftSection={<IconMessages size={16} />} data-testid="messages-tab-conversations">
            {t('messages.tabs.conversations')}
          </Tabs.Tab>
          <Tabs.Tab value="all" leftSection={<IconList size={16} />} data-testid="messages-tab-all">
            {t('messages.tabs.all')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="conversations">
          <Conversations conversationId={conversationId} openTemplate={params.get('template') === '1'} />
        </Tabs.Panel>
        <Tabs.Panel value="all">
          <AllMessages />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/** The conversation list with the open conversation next to it. */
function Conversations({ conversationId, openTemplate }: { conversationId: string | undefined; openTemplate: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Below Mantine's `md` breakpoint the two columns would stack: show one at a time instead.
  const narrow = useMediaQuery('(max-width: 61.99em)') ?? false;
  const showList = !narrow || !conversationId;
  const showConversation = !narrow || !!conversationId;
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [first, setFirst] = useState(PAGE);

  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ConversationsQuery,
    variables: { search: debounced || undefined, first },
  });
  const refresh = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useMessageEvents(() => refresh());

  const items = data?.conversations.edges.map((e) => e.node) ?? [];
  const total = data?.conversations.totalCount ?? 0;

  return (
    <Grid gap="md">
      {showList && (
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="xs">
            <Stack gap="xs">
              <TextInput
                placeholder={t('messages.search')}
                aria-label={t('messages.search')}
                leftSection={<IconSearch size={16} />}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                data-testid="conversations-search"
              />
              {error && (
                <Alert color="red" className="pre-wrap">
                  {errorMessage(error, t)}
                </Alert>
              )}
              <ScrollArea.Autosize mah="calc(100vh - 300px)">
                <Stack gap={0} data-testid="conversation-list">
                  {items.map((c) => (
                    <ConversationRow
                      key={c.id}
                      conversation={c}
                      active={c.id === conversationId}
                      onClick={() => navigate(`/messages/${encodeURIComponent(c.id)}`)}
                    />
                  ))}
                  {!fetching && data && items.length === 0 && (
                    <Text c="dimmed" size="sm" ta="center" py="md" data-testid="conversations-empty">
                      {debounced ? t('messages.noMatches') : t('messages.empty')}
                    </Text>
                  )}
                  {fetching && !data && (
                    <Center py="md">
                      <Loader size="sm" />
                    </Center>
                  )}
                </Stack>
              </ScrollArea.Autosize>
              {total > items.length && (
                <Button variant="subtle" size="xs" onClick={() => setFirst((f) => f + PAGE)} data-testid="conversations-more">
                  {t('messages.more', { count: total - items.length })}
                </Button>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      )}
      {showConversation && (
        <Grid.Col span={{ base: 12, md: 8 }}>
          {narrow && conversationId && (
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconArrowLeft size={16} />}
              onClick={() => navigate('/messages')}
              mb="xs"
              data-testid="conversation-back"
            >
              {t('messages.back')}
            </Button>
          )}
          {conversationId ? (
            <ConversationView
              key={conversationId}
              conversationId={conversationId}
              openTemplate={openTemplate}
              height={narrow ? 'max(240px, calc(100dvh - 520px))' : 'max(260px, calc(100vh - 480px))'}
            />
          ) : (
            <Paper withBorder p="xl">
              <Text c="dimmed" data-testid="conversation-placeholder">
                {t('messages.pick')}
              </Text>
            </Paper>
          )}
        </Grid.Col>
      )}
    </Grid>
  );
}

function ConversationRow({
  conversation: c,
  active,
  onClick,
}: {
  conversation: ConversationItem;
  active: boolean;
  onClick: () => void;
}) {
  const { t, i18n } = useTranslation();
  const last = c.lastMessage;
  // The customer's WhatsApp name, else the record's name, else the number.
  const name = c.customerName || c.record?.displayName || `+${c.customerWaId}`;
  const preview = last ? last.text || t(`chat.types.${last.type}`, { defaultValue: last.type }) : '';
  return (
    <UnstyledButton
      onClick={onClick}
      px="sm"
      py="xs"
      data-testid="conversation-item"
      data-id={c.id}
      data-active={active ? 'true' : undefined}
      aria-current={active ? 'true' : undefined}
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: active ? 'var(--mantine-color-teal-0)' : undefined,
        borderRadius: 'var(--mantine-radius-sm)',
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600} truncate="end" style={{ minWidth: 0 }}>
          {name}
        </Text>
        <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
          {formatChatTime(c.lastMessageAt ?? last?.timestamp, i18n.language)}
        </Text>
      </Group>
      <Group gap={6} wrap="nowrap">
        {c.record && c.record.displayName !== name && (
          <Text size="xs" c="teal.9" truncate="end" style={{ minWidth: 0 }}>
            {c.record.displayName}
          </Text>
        )}
        <Badge size="xs" variant="outline" color="gray" tt="none" style={{ flexShrink: 0 }}>
          {c.profile.nickname}
        </Badge>
      </Group>
      {c.snippet && <Snippet snippet={c.snippet} size="xs" c="dimmed" lineClamp={2} testId="conversation-snippet" />}
      {last && !c.snippet && (
        <Group gap={4} wrap="nowrap">
          {last.direction === 'OUTBOUND' && (
            <Box style={{ flexShrink: 0 }}>
              <StatusTicks status={last.status} />
            </Box>
          )}
          <Text size="xs" c="dimmed" truncate="end" style={{ minWidth: 0 }} data-testid="conversation-last">
            {preview}
          </Text>
        </Group>
      )}
    </UnstyledButton>
  );
}
