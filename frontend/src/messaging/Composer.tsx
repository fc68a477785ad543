import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Image,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Tooltip,
} from '@mantine/core';
import { IconCornerUpLeft, IconFileTypePdf, IconPaperclip, IconSend, IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { PredefinedTextsQuery, ReplyPreviewQuery, SendReplyMutation } from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { formatBytes } from '../format';
import { ACCEPT, MAX_ATTACHMENTS, uploadFile } from './uploads';
import DocumentPicker, { type PickedDocument } from './DocumentPicker';
import Toast from '../components/Toast';
import type { ChatMessage } from './MessageBubble';

/** A file on its way into the reply: uploading, ready (with its id), or refused. */
interface Pending {
  key: string;
  name: string;
  size: number;
  mimeType: string;
  /** An object URL for images, for the preview. */
  preview: string | null;
  state: 'uploading' | 'ready' | 'error';
  uploadId?: string;
  documentId?: string;
  error?: string;
}

let pendingSeq = 0;

/**
 * F18: reply inside the 24-hour window with free text, or start from a predefined text of the
 * record's module: the server fills in its merge fields and the result lands in the reply box,
 * where it can be edited before sending. A sent reply is confirmed with a toast.
 */
export default function Composer({
  conversationId,
  module,
  record = null,
  replyTo = null,
  onClearReply,
  onSent,
}: {
  conversationId: string;
  /** The conversation record's module: its predefined texts are offered. */
  module: string | null;
  /** The conversation's record: CRM documents related to it can be attached. */
  record?: { id: string; module: string } | null;
  /** The message this reply quotes (Meta's context), if any. */
  replyTo?: ChatMessage | null;
  onClearReply?: () => void;
  onSent: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [predefinedId, setPredefinedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<Pending[]>([]);
  const [dragging, setDragging] = useState(false);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // Object URLs of previews are released when their files go.
  const previews = useRef(new Set<string>());
  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((u) => URL.revokeObjectURL(u));
  }, []);

  const update = (key: string, change: Partial<Pending>) =>
    setFiles((fs) => fs.map((f) => (f.key === key ? { ...f, ...change } : f)));

  const addFiles = (list: FileList | File[]) => {
    const incoming = Array.from(list);
    if (incoming.length === 0) return;
    setError(null);
    const room = MAX_ATTACHMENTS - files.length;
    if (incoming.length > room) setError(t('attach.tooMany', { max: MAX_ATTACHMENTS }));
    for (const file of incoming.slice(0, Math.max(room, 0))) {
      const key = `f${++pendingSeq}`;
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      if (preview) previews.current.add(preview);
      setFiles((fs) => [
        ...fs,
        { key, name: file.name, size: file.size, mimeType: file.type, preview, state: 'uploading' },
      ]);
      uploadFile(file).then(
        (u) => update(key, { state: 'ready', uploadId: u.id, name: u.fileName, mimeType: u.mimeType }),
        (e: Error) => update(key, { state: 'error', error: e.message, preview: null }),
      );
    }
  };

  const addDocument = (d: PickedDocument) => {
    setPickerOpen(false);
    if (files.length >= MAX_ATTACHMENTS) {
      setError(t('attach.tooMany', { max: MAX_ATTACHMENTS }));
      return;
    }
    setFiles((fs) => [
      ...fs,
      {
        key: `d${++pendingSeq}`,
        name: d.fileName,
        size: d.size,
        mimeType: 'application/pdf',
        preview: null,
        state: 'ready',
        documentId: d.documentId,
      },
    ]);
  };

  const remove = (key: string) =>
    setFiles((fs) => {
      const gone = fs.find((f) => f.key === key);
      if (gone?.preview) {
        URL.revokeObjectURL(gone.preview);
        previews.current.delete(gone.preview);
      }
      return fs.filter((f) => f.key !== key);
    });

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) addFiles(e.dataTransfer.files);
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (e.clipboardData.files.length) {
      e.preventDefault();
      addFiles(e.clipboardData.files);
    }
  };

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

  // The chosen predefined text, merge fields filled in, becomes the reply's editable text.
  const filled = predefinedId && previewData && !previewFetching ? previewData.replyPreview : null;
  useEffect(() => {
    if (filled == null) return;
    setText(filled);
    input.current?.focus();
  }, [filled]);
  useEffect(() => {
    if (previewError) setError(errorMessage(previewError, t));
  }, [previewError, t]);
  const loadingPreview = !!predefinedId && previewFetching;

  const ready = files.filter((f) => f.state === 'ready');
  const busy = files.some((f) => f.state === 'uploading');
  const hasText = text.trim() !== '';
  const canSend = !sending && !busy && !files.some((f) => f.state === 'error') && (hasText || ready.length > 0);

  const send = async () => {
    if (!canSend) return;
    setError(null);
    const attachments = ready.map((f) => (f.documentId ? { documentId: f.documentId } : { uploadId: f.uploadId }));
    const body = text.trim() ? { text: text.trim() } : {};
    const input = {
      conversationId,
      ...body,
      ...(attachments.length ? { attachments } : {}),
      ...(replyTo ? { replyToMessageId: replyTo.id } : {}),
    };
    const res = await sendReply({ input });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    setText('');
    setPredefinedId(null);
    files.forEach((f) => f.preview && URL.revokeObjectURL(f.preview));
    setFiles([]);
    onClearReply?.();
    setSent(true);
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
    <Stack
      gap="xs"
      data-testid="composer"
      data-dragging={dragging ? 'true' : 'false'}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      style={dragging ? { outline: '2px dashed var(--mantine-color-teal-5)', borderRadius: 6 } : undefined}
    >
      {error && (
        <Alert color="red" className="pre-wrap" withCloseButton onClose={() => setError(null)} data-testid="composer-error">
          {error}
        </Alert>
      )}
      {replyTo && (
        <Paper withBorder px="xs" py={4} bg="gray.0" data-testid="composer-reply-to">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
              <IconCornerUpLeft size={14} />
              <Text size="xs" c="dimmed" truncate="end">
                {t('attach.replyingTo')}: {replyTo.text ?? replyTo.attachment?.fileName ?? t(`chat.types.${replyTo.type}`, { defaultValue: replyTo.type })}
              </Text>
            </Group>
            <ActionIcon size="sm" variant="subtle" color="gray" onClick={onClearReply} aria-label={t('attach.cancelReply')}>
              <IconX size={14} />
            </ActionIcon>
          </Group>
        </Paper>
      )}
      {files.length > 0 && (
        <Group gap="xs" data-testid="composer-attachments">
          {files.map((f) => (
            <Paper
              key={f.key}
              withBorder
              p={4}
              w={150}
              data-testid="composer-attachment"
              data-state={f.state}
              style={{ borderColor: f.state === 'error' ? 'var(--mantine-color-red-5)' : undefined }}
            >
              <Group gap={4} wrap="nowrap" align="flex-start">
                {f.preview ? (
                  <Image src={f.preview} alt={f.name} w={40} h={40} fit="cover" radius="xs" />
                ) : (
                  <IconFileTypePdf size={32} style={{ flexShrink: 0 }} />
                )}
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Text size="xs" truncate="end" title={f.name}>
                    {f.name}
                  </Text>
                  <Text size="10px" c={f.state === 'error' ? 'red' : 'dimmed'} lineClamp={3} title={f.error}>
                    {f.state === 'uploading' ? t('attach.uploading') : f.state === 'error' ? f.error : formatBytes(f.size, i18n.language)}
                  </Text>
                </div>
                <ActionIcon
                  size="xs"
                  variant="subtle"
                  color="gray"
                  onClick={() => remove(f.key)}
                  aria-label={t('attach.remove')}
                  data-testid="composer-attachment-remove"
                >
                  {f.state === 'uploading' ? <Loader size={10} /> : <IconX size={12} />}
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </Group>
      )}
      <Group gap="xs" align="flex-end" wrap="wrap">
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
          style={{ flex: '1 1 160px', maxWidth: 260 }}
        />
        <Anchor component={Link} to="/settings/predefined-texts" size="xs" mb={8} data-testid="manage-predefined">
          {t('composer.manage')}
        </Anchor>
        <Group gap={4} ml="auto" wrap="nowrap">
          <Tooltip label={t('attach.files', { max: MAX_ATTACHMENTS })}>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPaperclip size={14} />}
              onClick={() => fileInput.current?.click()}
              disabled={files.length >= MAX_ATTACHMENTS}
              data-testid="composer-attach"
            >
              {t('attach.file')}
            </Button>
          </Tooltip>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconFileTypePdf size={14} />}
            onClick={() => setPickerOpen(true)}
            disabled={files.length >= MAX_ATTACHMENTS || !record}
            data-testid="composer-attach-document"
          >
            {t('attach.document')}
          </Button>
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={ACCEPT}
            hidden
            onChange={(e) => {
              if (e.currentTarget.files) addFiles(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
            data-testid="composer-file-input"
          />
        </Group>
      </Group>
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Textarea
          ref={input}
          placeholder={t('composer.placeholder')}
          aria-label={t('composer.placeholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          autosize
          minRows={1}
          maxRows={6}
          maxLength={4096}
          style={{ flex: 1 }}
          disabled={loadingPreview}
          rightSection={loadingPreview ? <Loader size="xs" /> : undefined}
          data-testid="composer-input"
          data-predefined={predefinedId ?? undefined}
        />
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
      <Toast opened={sent} onClose={() => setSent(false)} title={t('composer.sent')} testId="reply-sent-toast" autoCloseMs={6_000} />
      <DocumentPicker
        opened={pickerOpen}
        onClose={() => setPickerOpen(false)}
        conversationId={conversationId}
        record={record}
        onPick={addDocument}
      />
    </Stack>
  );
}
