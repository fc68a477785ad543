import { Anchor, Badge, Box, Group, Image, Paper, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAlertCircleFilled,
  IconCheck,
  IconChecks,
  IconClock,
  IconDownload,
  IconFile,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AttachmentFieldsFragment, MessageFieldsFragment } from '../gql/graphql';
import { formatBytes, formatChatTime, formatDateTime } from '../format';
import { ContactCard, EditedMark, LocationView, MessageActions, Quote, Reactions } from './RichParts';

export type ChatMessage = Omit<MessageFieldsFragment, 'attachment'> & { attachment?: Attachment | null };
export type Attachment = AttachmentFieldsFragment;

/** The tick(s) of an outbound message: clock, ✓, ✓✓, blue ✓✓, or a red "!". */
export function StatusTicks({ status }: { status: ChatMessage['status'] }) {
  const { t } = useTranslation();
  const label = t(`chat.status.${status}`);
  let icon;
  switch (status) {
    case 'QUEUED':
      icon = <IconClock size={14} color="var(--mantine-color-gray-6)" />;
      break;
    case 'SENT':
      icon = <IconCheck size={15} color="var(--mantine-color-gray-6)" />;
      break;
    case 'DELIVERED':
      icon = <IconChecks size={15} color="var(--mantine-color-gray-6)" />;
      break;
    case 'READ':
      icon = <IconChecks size={15} color="var(--mantine-color-blue-6)" />;
      break;
    case 'FAILED':
      icon = <IconAlertCircleFilled size={15} color="var(--mantine-color-red-7)" />;
      break;
    default:
      return null;
  }
  return (
    <Tooltip label={label} withArrow>
      <Box component="span" aria-label={label} role="img" data-testid="message-ticks" data-status={status} lh={0}>
        {icon}
      </Box>
    </Tooltip>
  );
}

export function isImage(a: Attachment): boolean {
  return !!a.mimeType && a.mimeType.toLowerCase().startsWith('image/');
}

/** An attachment: a preview for images, file name and size, and a download link once stored. */
export function AttachmentView({ attachment, compact = false }: { attachment: Attachment; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const name = attachment.fileName || (attachment.mimeType ? `${t('chat.attachment')} (${attachment.mimeType})` : t('chat.attachment'));
  const preview = attachment.previewUrl ?? attachment.url;
  return (
    <Stack gap={4} data-testid="attachment" data-file-name={attachment.fileName ?? ''}>
      {preview && isImage(attachment) && (
        <Anchor href={preview} target="_blank" rel="noopener noreferrer">
          <Image
            src={preview}
            alt={name}
            mah={compact ? 120 : 220}
            maw={compact ? 160 : 320}
            w="auto"
            fit="contain"
            radius="sm"
            data-testid="attachment-preview"
          />
        </Anchor>
      )}
      <Group gap={6} wrap="nowrap">
        <IconFile size={16} style={{ flexShrink: 0 }} />
        <Text size="xs" truncate="end" title={name} style={{ minWidth: 0 }}>
          {name}
        </Text>
        {attachment.size != null && (
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatBytes(attachment.size, i18n.language)}
          </Text>
        )}
        {attachment.previewUrl && !isImage(attachment) && (
          <Anchor
            href={attachment.previewUrl}
            target="_blank"
            rel="noopener noreferrer"
            size="xs"
            data-testid="attachment-open"
            style={{ flexShrink: 0 }}
          >
            {t('chat.open')}
          </Anchor>
        )}
        {attachment.url ? (
          <Anchor
            href={attachment.url}
            download={attachment.fileName ?? true}
            size="xs"
            data-testid="attachment-download"
            style={{ flexShrink: 0 }}
          >
            <Group gap={2} wrap="nowrap">
              <IconDownload size={14} />
              {t('chat.download')}
            </Group>
          </Anchor>
        ) : attachment.status === 'UNAVAILABLE' ? (
          <Text
            size="xs"
            c="red.8"
            style={{ flexShrink: 0 }}
            title={attachment.unavailableReason ?? undefined}
            data-testid="attachment-unavailable"
          >
            {t('chat.mediaUnavailable')}
          </Text>
        ) : (
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {t('chat.notStored')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/**
 * One chat message: inbound on the left, outbound on the right; the type for anything but
 * text; ticks for outbound; the error of a failed send. Customer text is rendered as text.
 */
export default function MessageBubble({
  message,
  onReply,
  onReact,
}: {
  message: ChatMessage;
  /** Offered while the 24-hour window is open. */
  onReply?: () => void;
  onReact?: (emoji: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const outbound = message.direction === 'OUTBOUND';
  const failed = message.status === 'FAILED';
  const deleted = !!message.deletedAt;
  const unreadable = message.direction === 'INBOUND' && !!message.errorMessage && !message.text && !message.attachment;

  return (
    <Box
      data-testid="chat-message"
      data-direction={message.direction}
      data-status={message.status}
      data-type={message.type}
      data-id={message.id}
      data-deleted={deleted ? 'true' : 'false'}
      style={{ alignSelf: outbound ? 'flex-end' : 'flex-start', maxWidth: '78%' }}
    >
      <Paper
        px="sm"
        py={6}
        radius="md"
        withBorder
        bg={failed ? 'red.0' : outbound ? 'teal.0' : 'white'}
        style={{ borderColor: failed ? 'var(--mantine-color-red-4)' : undefined }}
      >
        <Stack gap={4}>
          {message.type !== 'text' && (
            <Badge size="xs" variant="light" color={message.type === 'unsupported' ? 'orange' : 'gray'}>
              {t(`chat.types.${message.type}`, { defaultValue: message.type })}
            </Badge>
          )}
          {message.replyTo && message.type !== 'reaction' && <Quote message={message.replyTo} />}
          {deleted && (
            <Text size="sm" c="dimmed" fs="italic" data-testid="chat-message-deleted">
              {t('rich.deletedByCustomer')}
              {message.text ? ` — ${t('rich.originalForAdmins')}` : ''}
            </Text>
          )}
          {message.chosenOption && (
            <Text size="xs" c="dimmed" data-testid="chat-chosen">
              {t('rich.chose')}
            </Text>
          )}
          {message.text && !message.location && (
            <Text
              size="sm"
              className="pre-wrap"
              data-testid="chat-message-text"
              td={deleted ? 'line-through' : undefined}
              c={deleted ? 'dimmed' : undefined}
            >
              {message.text}
            </Text>
          )}
          {message.location && <LocationView location={message.location} />}
          {message.contacts.map((c, i) => (
            <ContactCard key={i} contact={c} />
          ))}
          {unreadable && (
            <Text size="sm" c="dimmed" fs="italic" data-testid="chat-message-unreadable">
              {t('rich.unreadable', { type: message.type })}
            </Text>
          )}
          {!message.text && !message.attachment && message.type === 'unsupported' && !unreadable && (
            <Text size="sm" c="dimmed" fs="italic">
              {t('chat.unsupported')}
            </Text>
          )}
          {message.attachment && <AttachmentView attachment={message.attachment} />}
          {unreadable && message.errorMessage && (
            <Text size="xs" c="var(--mantine-color-orange-light-color)" className="pre-wrap">
              {message.errorMessage}
            </Text>
          )}
          {failed && (
            <Text size="xs" c="red.8" className="pre-wrap" data-testid="chat-message-error">
              {t('chat.failed')}
              {message.errorCode != null ? ` (${message.errorCode})` : ''}
              {message.errorMessage ? `: ${message.errorMessage}` : ''}
            </Text>
          )}
          <Reactions reactions={message.reactions} />
          <Group gap={6} justify="flex-end" wrap="nowrap">
            {onReply && onReact && !deleted && (
              <MessageActions message={message} onReply={onReply} onReact={onReact} />
            )}
            <EditedMark message={message} />
            {outbound && message.sentBy && (
              <Text size="xs" c="dimmed" truncate="end">
                {message.sentBy.name}
              </Text>
            )}
            <Text size="xs" c="dimmed" title={formatDateTime(message.timestamp, lang)}>
              {formatChatTime(message.timestamp, lang)}
            </Text>
            {outbound && <StatusTicks status={message.status} />}
          </Group>
        </Stack>
      </Paper>
    </Box>
  );
}
