import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ActionIcon, Anchor, Badge, Button, Group, Paper, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconCornerUpLeft, IconMapPin, IconMoodSmile, IconUserPlus } from '@tabler/icons-react';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { CreateRecordMutation } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { recordPath } from '../modules';
import { formatDateTime } from '../format';
import type { ChatMessage } from './MessageBubble';

export const REACTIONS = ['👍', '❤️', '😂', '😮', '🙏', '👎'];

/** The quoted message above a reply. */
export function Quote({ message }: { message: NonNullable<ChatMessage['replyTo']> }) {
  const { t } = useTranslation();
  const what =
    message.text ?? message.attachment?.fileName ?? t(`chat.types.${message.type}`, { defaultValue: message.type });
  return (
    <Paper
      px="xs"
      py={2}
      bg="gray.1"
      style={{ borderLeft: '3px solid var(--mantine-color-teal-5)' }}
      data-testid="chat-quote"
    >
      <Text size="xs" c="dimmed">
        {message.direction === 'INBOUND' ? t('chat.fromCustomer') : t('chat.fromBusiness')}
      </Text>
      <Text size="xs" lineClamp={2} className="pre-wrap">
        {what}
      </Text>
    </Paper>
  );
}

/** Reactions under a bubble: the customer's and ours. */
export function Reactions({ reactions }: { reactions: ChatMessage['reactions'] }) {
  const { t } = useTranslation();
  if (reactions.length === 0) return null;
  return (
    <Group gap={4} data-testid="chat-reactions">
      {reactions.map((r) => (
        <Tooltip key={`${r.fromCustomer}`} label={r.fromCustomer ? t('rich.reactedCustomer') : t('rich.reactedUs')}>
          <Badge
            variant="light"
            color={r.fromCustomer ? 'gray' : 'teal'}
            size="md"
            tt="none"
            data-testid="chat-reaction"
            data-from-customer={r.fromCustomer ? 'true' : 'false'}
          >
            {r.emoji}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** Reply to this message, or react to it (while the window is open). */
export function MessageActions({
  message,
  onReply,
  onReact,
}: {
  message: ChatMessage;
  onReply: () => void;
  onReact: (emoji: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const ours = message.reactions.find((r) => !r.fromCustomer)?.emoji;
  return (
    <Group gap={2} className="message-actions">
      <Tooltip label={t('rich.reply')}>
        <ActionIcon size="xs" variant="subtle" color="gray" onClick={onReply} aria-label={t('rich.reply')} data-testid="message-reply">
          <IconCornerUpLeft size={14} />
        </ActionIcon>
      </Tooltip>
      {message.wamid && (
        <Popover opened={open} onChange={setOpen} position="top" withArrow shadow="md">
          <Popover.Target>
            <ActionIcon
              size="xs"
              variant="subtle"
              color="gray"
              onClick={() => setOpen((o) => !o)}
              aria-label={t('rich.react')}
              data-testid="message-react"
            >
              <IconMoodSmile size={14} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown p={4}>
            <Group gap={2}>
              {REACTIONS.map((e) => (
                <ActionIcon
                  key={e}
                  variant={ours === e ? 'light' : 'subtle'}
                  onClick={() => {
                    setOpen(false);
                    onReact(ours === e ? '' : e);
                  }}
                  aria-label={e}
                  data-testid="reaction-option"
                >
                  {e}
                </ActionIcon>
              ))}
            </Group>
          </Popover.Dropdown>
        </Popover>
      )}
    </Group>
  );
}

/** A shared location with a link to the map. */
export function LocationView({ location }: { location: NonNullable<ChatMessage['location']> }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" data-testid="chat-location">
      <IconMapPin size={16} />
      <Anchor href={location.mapUrl} target="_blank" rel="noopener noreferrer" size="sm" data-testid="chat-location-link">
        {location.name || location.address || `${location.latitude}, ${location.longitude}`}
      </Anchor>
      <Text size="xs" c="dimmed">
        {t('rich.openMap')}
      </Text>
    </Group>
  );
}

/** A shared contact card with "Add as lead". */
export function ContactCard({ contact }: { contact: ChatMessage['contacts'][number] }) {
  const { t } = useTranslation();
  const [{ fetching }, createRecord] = useMutation(CreateRecordMutation);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    setError(null);
    const parts = contact.name.trim().split(/\s+/);
    const last = contact.lastName || (parts.length > 1 ? parts[parts.length - 1] : contact.name);
    const first = contact.firstName || (parts.length > 1 ? parts.slice(0, -1).join(' ') : undefined);
    const values: Record<string, string> = { Last_Name: last, Lead_Source: 'WhatsApp' };
    if (first) values.First_Name = first;
    if (contact.phones[0]) values.Mobile = contact.phones[0].phone;
    if (contact.emails[0]) values.Email = contact.emails[0];
    if (contact.company) values.Company = contact.company;
    const res = await createRecord({ module: 'Leads', values });
    if (res.error || !res.data) {
      setError(res.error ? errorMessage(res.error, t) : 'failed');
      return;
    }
    setCreated(res.data.createRecord.id);
  };
  return (
    <Paper withBorder p="xs" data-testid="chat-contact">
      <Stack gap={2}>
        <Text size="sm" fw={600}>
          {contact.name}
        </Text>
        {contact.company && (
          <Text size="xs" c="dimmed">
            {contact.company}
          </Text>
        )}
        {contact.phones.map((p) => (
          <Text key={p.phone} size="xs" dir="ltr">
            {p.phone}
            {p.type ? ` (${p.type})` : ''}
          </Text>
        ))}
        {contact.emails.map((e) => (
          <Text key={e} size="xs">
            {e}
          </Text>
        ))}
        {error && (
          <Text size="xs" c="red" className="pre-wrap">
            {error}
          </Text>
        )}
        {created ? (
          <Anchor component={Link} to={recordPath('Leads', created)} size="xs" data-testid="chat-contact-lead">
            {t('rich.leadCreated')}
          </Anchor>
        ) : (
          <Button
            size="compact-xs"
            variant="light"
            leftSection={<IconUserPlus size={12} />}
            loading={fetching}
            onClick={() => void add()}
            data-testid="chat-contact-add"
          >
            {t('rich.addAsLead')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** "Edited" with the earlier texts on hover. */
export function EditedMark({ message }: { message: ChatMessage }) {
  const { t, i18n } = useTranslation();
  if (!message.editedAt) return null;
  const history = message.edits
    .map((e) => `${formatDateTime(e.replacedAt, i18n.language)}: ${e.text ?? ''}`)
    .join('\n');
  return (
    <Tooltip label={<span className="pre-wrap">{history || t('rich.edited')}</span>} multiline w={260}>
      <Text size="xs" c="dimmed" fs="italic" data-testid="chat-edited">
        {t('rich.edited')}
      </Text>
    </Tooltip>
  );
}
