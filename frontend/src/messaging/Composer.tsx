import { useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { ActionIcon, Alert, Anchor, Button, Group, Loader, Paper, Select, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconSend, IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { PredefinedTextsQuery, ReplyPreviewQuery, SendReplyMutation } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';

/**
 * F18: reply inside the 24-hour window with free text, or with a predefined text of the
 * record's module whose merge fields the server fills in (previewed before sending).
 */
export default function Composer({
  conversationId,
  module,
  onSent,
}: {
  conversationId: string;
  /** The conversation record's module: its predefined texts are offered. */
  module: string | null;
  onSent: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [predefinedId, setPredefinedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [{ data: textsData }] = useQuery({
    query: PredefinedTextsQuery,
    variables: { module: module ?? undefined },
    pause: !module,
    requestPolicy: 'cache-and-network',
  });
  const [{ data: previewData, fetching: previewFetching, error: previewError }] = useQuery({
    query: ReplyPreviewQuery,
    variables: { conversationId, predefinedTextId: predefinedId ?? '' },
    pause: !predefinedId,
    requestPolicy: 'network-only',
  });
  const [{ fetching: sending }, sendReply] = useMutation(SendReplyMutation);

  const canSend = !sending && (predefinedId ? !!previewData && !previewError : text.trim() !== '');

  const send = async () => {
    if (!canSend) return;
    setError(null);
    const input = predefinedId ? { conversationId, predefinedTextId: predefinedId } : { conversationId, text: text.trim() };
    const res = await sendReply({ input });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    setText('');
    setPredefinedId(null);
    onSent();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line (as in WhatsApp Web).
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  };

  const texts = textsData?.predefinedTexts ?? [];

  return (
    <Stack gap="xs" data-testid="composer">
      {error && (
        <Alert color="red" className="pre-wrap" withCloseButton onClose={() => setError(null)} data-testid="composer-error">
          {error}
        </Alert>
      )}
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          placeholder={t('composer.predefined')}
          aria-label={t('composer.predefined')}
          data={texts.map((p) => ({ value: p.id, label: p.name }))}
          value={predefinedId}
          onChange={(v) => {
            setPredefinedId(v);
            setError(null);
          }}
          searchable
          clearable
          disabled={!module}
          nothingFoundMessage={t('composer.noPredefined')}
          data-testid="predefined-select"
          w={220}
        />
        <Anchor component={Link} to="/settings/predefined-texts" size="xs" mb={8} data-testid="manage-predefined">
          {t('composer.manage')}
        </Anchor>
      </Group>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        {predefinedId ? (
          <Paper withBorder p="sm" bg="gray.0" style={{ flex: 1 }} data-testid="predefined-preview">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed">
                  {t('composer.preview')}
                </Text>
                {previewFetching && !previewData ? (
                  <Loader size="xs" />
                ) : previewError ? (
                  <Text size="sm" c="red" className="pre-wrap">
                    {errorMessage(previewError, t)}
                  </Text>
                ) : (
                  <Text size="sm" className="pre-wrap" data-testid="predefined-preview-text">
                    {previewData?.replyPreview ?? ''}
                  </Text>
                )}
              </div>
              <Tooltip label={t('composer.clearPredefined')}>
                <ActionIcon variant="subtle" color="gray" onClick={() => setPredefinedId(null)} aria-label={t('composer.clearPredefined')}>
                  <IconX size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Paper>
        ) : (
          <Textarea
            placeholder={t('composer.placeholder')}
            aria-label={t('composer.placeholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            autosize
            minRows={1}
            maxRows={6}
            maxLength={4096}
            style={{ flex: 1 }}
            data-testid="composer-input"
          />
        )}
        <Button
          onClick={() => void send()}
          disabled={!canSend}
          loading={sending}
          rightSection={<IconSend size={16} />}
          data-testid="composer-send"
        >
          {t('composer.send')}
        </Button>
      </Group>
    </Stack>
  );
}
