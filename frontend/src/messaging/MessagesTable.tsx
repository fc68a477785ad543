import { Link } from 'react-router-dom';
import { Anchor, Badge, Group, ScrollArea, Table, Text } from '@mantine/core';
import { IconArrowDownLeft, IconArrowUpRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { recordPath } from '../modules';
import { formatDateTime } from '../format';
import { StatusTicks } from './MessageBubble';
import Snippet from './Snippet';
import type { ListedMessage } from './useMessageList';
import { LoadingRow } from '../components/TableRows';

/** The customer's WhatsApp name, else the record's name, else the number. */
export function customerName(m: ListedMessage): string {
  const c = m.conversation;
  return c?.customerName || m.record?.displayName || (c ? `+${c.customerWaId}` : '');
}

/** In / out, as a small badge with an arrow. */
export function DirectionBadge({ direction }: { direction: ListedMessage['direction'] }) {
  const { t } = useTranslation();
  const inbound = direction === 'INBOUND';
  return (
    <Badge
      size="sm"
      variant="light"
      color={inbound ? 'blue' : 'teal'}
      tt="none"
      leftSection={inbound ? <IconArrowDownLeft size={12} /> : <IconArrowUpRight size={12} />}
      // A table cell would otherwise squeeze the label to "Incomi…".
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {t(`messageList.direction.${direction}`)}
    </Badge>
  );
}

/** Whether and when an inbound message was answered, and by whom. */
export function ReplyState({ message }: { message: ListedMessage }) {
  const { t, i18n } = useTranslation();
  if (message.direction !== 'INBOUND') return null;
  if (!message.repliedAt) {
    return (
      <Text size="xs" c="var(--mantine-color-orange-light-color)" data-testid="reply-state" data-replied="false">
        {t('messageList.notReplied')}
      </Text>
    );
  }
  const when = formatDateTime(message.repliedAt, i18n.language);
  return (
    <Text size="xs" c="dimmed" data-testid="reply-state" data-replied="true">
      {message.repliedBy ? t('messageList.repliedBy', { name: message.repliedBy.name, when }) : t('messageList.replied', { when })}
    </Text>
  );
}

/** The message's text, or the search snippet with the matches marked, or what it carries. */
export function MessageText({ message, lineClamp = 2 }: { message: ListedMessage; lineClamp?: number }) {
  const { t } = useTranslation();
  if (message.snippet) return <Snippet snippet={message.snippet} lineClamp={lineClamp} />;
  if (message.text) {
    return (
      <Text size="sm" className="pre-wrap" lineClamp={lineClamp} data-testid="message-text">
        {message.text}
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed" fs="italic" lineClamp={1}>
      {message.attachment?.fileName || t(`chat.types.${message.type}`, { defaultValue: message.type })}
    </Text>
  );
}

/**
 * The Messages module's list (F24): one row per message, newest first, with the customer
 * (to the conversation) and record (to the record), the record's owner, type, status and text.
 */
export default function MessagesTable({ rows, loading }: { rows: ListedMessage[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <ScrollArea viewportProps={{ tabIndex: 0 }}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="messages-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('messageList.columns.time')}</Table.Th>
            <Table.Th>{t('messageList.columns.direction')}</Table.Th>
            <Table.Th>{t('messageList.columns.customer')}</Table.Th>
            <Table.Th>{t('messageList.columns.owner')}</Table.Th>
            <Table.Th>{t('messageList.columns.type')}</Table.Th>
            <Table.Th>{t('messageList.columns.status')}</Table.Th>
            <Table.Th>{t('messageList.columns.text')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => (
            <Table.Tr
              key={m.id}
              data-testid="message-row"
              data-id={m.id}
              data-direction={m.direction}
              data-status={m.status}
              data-type={m.type}
            >
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(m.timestamp, lang)}</Text>
              </Table.Td>
              <Table.Td>
                <DirectionBadge direction={m.direction} />
              </Table.Td>
              <Table.Td maw={220}>
                {m.conversation ? (
                  <Anchor
                    component={Link}
                    to={`/messages/${encodeURIComponent(m.conversation.id)}`}
                    size="sm"
                    fw={500}
                    data-testid="message-conversation-link"
                  >
                    {m.customerSnippet ? (
                      // The search matched the customer's name: marked here, the text stays.
                      <Snippet snippet={m.customerSnippet} testId="customer-snippet" span fw={500} />
                    ) : (
                      customerName(m)
                    )}
                  </Anchor>
                ) : (
                  <Text size="sm">{customerName(m)}</Text>
                )}
                {m.record && (
                  <Anchor
                    component={Link}
                    to={recordPath(m.record.module, m.record.id)}
                    size="xs"
                    display="block"
                    data-testid="message-record-link"
                  >
                    {/* The record has the customer's name: not said twice, just "open it". */}
                    {m.record.displayName === customerName(m)
                      ? t('signals.openRecord', { name: t('messageList.record') })
                      : m.record.displayName}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{m.record?.owner?.name ?? t('common.none')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`chat.types.${m.type}`, { defaultValue: m.type })}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Group gap={4} wrap="nowrap">
                  {m.direction === 'OUTBOUND' && <StatusTicks status={m.status} />}
                  <Text size="sm">{t(`chat.status.${m.status}`)}</Text>
                </Group>
                <ReplyState message={m} />
              </Table.Td>
              <Table.Td maw={420}>
                <MessageText message={m} />
              </Table.Td>
            </Table.Tr>
          ))}
          {loading && rows.length === 0 && <LoadingRow colSpan={7} />}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
