import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Divider,
  Group,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowBackUp, IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useSubscription } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  MarkNotificationsReadMutation,
  NotificationsQuery,
  NotificationsSubscription,
} from '../graphql/operations';
import { formatDateTime } from '../format';
import QuickReply from '../messaging/QuickReply';
import Toast from './Toast';

/** The conversation a notification's link opens (`/messages/<id>`), if it is one. */
export function conversationOf(link: string | null | undefined): string | null {
  const m = link ? /^\/messages\/([^/?#]+)$/.exec(link) : null;
  return m ? decodeURIComponent(m[1]) : null;
}

const RECENT = 20;

/**
 * The bell in the top bar: unread count from `notifications { unreadCount }`, kept live by the
 * `notifications` subscription (each event re-reads the list, so the count always matches the
 * server), and a dropdown with recent notifications and "mark all read". Opening one marks
 * it read (on the server, so the count is right after a reload); a message's notification
 * has a quick-reply box.
 */
export default function NotificationBell() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [{ data }, reexecute] = useQuery({ query: NotificationsQuery, variables: { first: RECENT } });
  const [{ fetching: marking }, markRead] = useMutation(MarkNotificationsReadMutation);
  const [replying, setReplying] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  // After a quick reply is sent its box goes; focus returns to that item's Reply button (so
  // the keyboard stays in the dropdown and Escape still closes it).
  const dropdown = useRef<HTMLDivElement>(null);
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus) return;
    dropdown.current
      ?.querySelector<HTMLElement>(`[data-id="${CSS.escape(refocus)}"] [data-testid="notification-reply"]`)
      ?.focus();
    setRefocus(null);
  }, [refocus]);

  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);

  useSubscription({ query: NotificationsSubscription }, (_prev, event) => {
    reload();
    return event;
  });

  const unread = data?.notifications.unreadCount ?? 0;
  const items = data?.notifications.edges.map((e) => e.node) ?? [];

  const markAll = async () => {
    await markRead({});
    reload();
  };

  const markOne = async (id: string, read: boolean) => {
    if (read) return;
    await markRead({ ids: [id] });
    reload();
  };

  const open = (n: (typeof items)[number]) => {
    void markOne(n.id, n.read);
    if (n.link && n.link.startsWith('/')) {
      close();
      navigate(n.link);
    }
  };

  return (
    <>
      <Popover
        opened={opened}
        onChange={(o) => (o ? undefined : close())}
        position="bottom-end"
        width="min(360px, calc(100vw - 16px))"
        shadow="md"
        trapFocus
        returnFocus
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={toggle}
            aria-label={unread > 0 ? `${t('bell.label')}: ${t('bell.unread', { count: unread })}` : t('bell.label')}
            data-testid="bell"
            pos="relative"
            style={{ overflow: 'visible' }}
          >
            <IconBell size={22} stroke={1.6} />
            <Badge
              size="xs"
              color="red"
              variant="filled"
              circle={unread < 10}
              data-testid="bell-count"
              data-count={unread}
              aria-hidden
              style={{
                position: 'absolute',
                top: -2,
                right: -4,
                pointerEvents: 'none',
                display: unread > 0 ? undefined : 'none',
              }}
            >
              {unread > 99 ? '99+' : unread}
            </Badge>
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} data-testid="bell-dropdown" ref={dropdown}>
          <Group justify="space-between" px="sm" py="xs">
            <Text fw={600} size="sm">
              {t('bell.title')}
            </Text>
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => void markAll()}
              loading={marking}
              disabled={unread === 0}
              data-testid="bell-mark-read"
            >
              {t('bell.markAllRead')}
            </Button>
          </Group>
          <Divider />
          {items.length === 0 ? (
            <Text size="sm" c="dimmed" p="sm" data-testid="bell-empty">
              {t('bell.empty')}
            </Text>
          ) : (
            <ScrollArea.Autosize mah={360}>
              <Stack gap={0}>
                {items.map((n) => {
                  const conversationId = n.kind === 'message' ? conversationOf(n.link) : null;
                  return (
                    <Box
                      key={n.id}
                      data-testid="notification-item"
                      data-id={n.id}
                      data-read={n.read}
                      style={{
                        borderBottom: '1px solid var(--mantine-color-gray-2)',
                        background: n.read ? undefined : 'var(--mantine-color-teal-0)',
                      }}
                    >
                      <UnstyledButton
                        px="sm"
                        pt="xs"
                        pb={conversationId ? 4 : 'xs'}
                        w="100%"
                        onClick={() => open(n)}
                        data-testid="notification-open"
                        style={{ cursor: n.link ? 'pointer' : 'default' }}
                      >
                        <Text size="sm" fw={n.read ? 400 : 600}>
                          {n.title}
                        </Text>
                        {n.body && (
                          <Text size="xs" c="dimmed" className="pre-wrap" lineClamp={3}>
                            {n.body}
                          </Text>
                        )}
                        <Text size="xs" c="dimmed">
                          {formatDateTime(n.createdAt, i18n.language)}
                        </Text>
                      </UnstyledButton>
                      {conversationId && (
                        <Box px="sm" pb="xs">
                          {replying === n.id ? (
                            <QuickReply
                              conversationId={conversationId}
                              autoFocus
                              onNavigate={() => {
                                void markOne(n.id, n.read);
                                close();
                              }}
                              onSent={() => {
                                void markOne(n.id, n.read);
                                setReplying(null);
                                setRefocus(n.id);
                                setSent(true);
                              }}
                            />
                          ) : (
                            <Button
                              size="compact-xs"
                              variant="light"
                              leftSection={<IconArrowBackUp size={14} />}
                              onClick={() => setReplying(n.id)}
                              data-testid="notification-reply"
                            >
                              {t('signals.reply')}
                            </Button>
                          )}
                        </Box>
                      )}
                    </Box>
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </Popover.Dropdown>
      </Popover>
      <Toast
        opened={sent}
        onClose={() => setSent(false)}
        title={t('quickReply.sent')}
        testId="reply-sent-toast"
        autoCloseMs={6_000}
      />
    </>
  );
}
