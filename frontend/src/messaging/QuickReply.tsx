import { useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Button, Group, Loader, Stack, Text, Textarea } from '@mantine/core';
import { IconLock, IconSend, IconTemplate } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { ConversationQuery, SendReplyMutation } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { useRemaining } from './ConversationView';

/**
 * A short free-text reply where a message is announced (a bell item, a signal), without
 * opening the conversation. While the customer's 24-hour window is open it sends a WhatsApp
 * reply into the conversation; otherwise it says why it cannot and links to the conversation
 * with the template dialog open.
 */
export default function QuickReply({
  conversationId,
  onSent,
  onNavigate,
  autoFocus = false,
}: {
  conversationId: string;
  /** After a successful send (the caller shows its confirmation). */
  onSent: () => void;
  /** Before following the "send a template" link (e.g. to close a popover). */
  onNavigate?: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ data, fetching, error: loadError }] = useQuery({
    query: ConversationQuery,
    variables: { id: conversationId },
    requestPolicy: 'cache-and-network',
  });
  const [{ fetching: sending }, sendReply] = useMutation(SendReplyMutation);
  const conv = data?.conversation;
  const { ms } = useRemaining(conv?.windowExpiresAt);

  if (!conv) {
    if (fetching || (!data && !loadError)) return <Loader size="xs" />;
    return (
      <Alert color="red" p="xs" data-testid="quick-reply-error">
        {loadError ? errorMessage(loadError, t) : t('chat.notFound')}
      </Alert>
    );
  }

  const windowOpen = conv.windowOpen && ms > 0;
  const templateLink = `/messages/${encodeURIComponent(conv.id)}?template=1`;
  if (!windowOpen) {
    return (
      <Stack gap={4} data-testid="quick-reply" data-window="closed">
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconLock size={14} style={{ flexShrink: 0, marginTop: 3 }} aria-hidden />
          <Text size="sm" data-testid="quick-reply-closed">
            {t('quickReply.closed')}
          </Text>
        </Group>
        <Anchor
          component={Link}
          to={templateLink}
          size="sm"
          onClick={onNavigate}
          data-testid="quick-reply-template-link"
        >
          <Group gap={4} wrap="nowrap" component="span">
            <IconTemplate size={14} aria-hidden />
            {t('chat.sendTemplate')}
          </Group>
        </Anchor>
      </Stack>
    );
  }

  const send = async () => {
    const body = text.trim();
    if (!body || sending) return;
    setError(null);
    const res = await sendReply({ input: { conversationId: conv.id, text: body } });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    setText('');
    onSent();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <Stack gap={4} data-testid="quick-reply" data-window="open">
      {error && (
        <Alert color="red" p="xs" className="pre-wrap" data-testid="quick-reply-error">
          {error}
        </Alert>
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Textarea
          placeholder={t('quickReply.placeholder', { name: conv.customerName || conv.record?.displayName || `+${conv.customerWaId}` })}
          aria-label={t('quickReply.label')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          autosize
          minRows={1}
          maxRows={4}
          maxLength={4096}
          autoFocus={autoFocus}
          style={{ flex: 1 }}
          data-testid="quick-reply-input"
        />
        <Button
          size="sm"
          onClick={() => void send()}
          disabled={!text.trim()}
          loading={sending}
          rightSection={<IconSend size={14} />}
          data-testid="quick-reply-send"
        >
          {t('composer.send')}
        </Button>
      </Group>
    </Stack>
  );
}
