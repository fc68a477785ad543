import { useEffect, useLayoutEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Image,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconFileText,
  IconMapPin,
  IconMoodSmile,
  IconPhoto,
  IconSend,
  IconSquareRoundedCheck,
} from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  SimulateCustomerMessageMutation,
  SimulatorQuery,
  SimulatorThreadQuery,
  type SimulateMessageInput,
  type SimulatedMessage,
} from '../graphql/simulator';
import { errorMessage } from '../graphql/errors';
import { formatChatTime } from '../format';

const POLL_MS = 1000;
const REACTIONS = ['👍', '❤️', '😂', '😮', '🙏', '👎'];

/** A WhatsApp id: digits with the country code, no "+" (e.g. 4915123456789). */
export function normaliseWaId(raw: string): string {
  return raw.replace(/\D/g, '');
}
const validWaId = (waId: string) => /^\d{8,15}$/.test(waId);

/** A picked file as base64 (without the data: prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/**
 * Demo only: a simulated customer's phone talking to the business number of `parley demo`.
 * Everything the customer sends goes through the simulator like a real webhook delivery; the
 * thread is re-read every second while the page is open.
 */
export default function SimulatorPage() {
  const { t } = useTranslation();
  const [{ data: infoData, fetching: infoFetching, error: infoError }] = useQuery({
    query: SimulatorQuery,
    requestPolicy: 'cache-first',
  });
  const info = infoData?.simulator ?? null;

  // `?wa=…&name=…` opens a customer's thread (links from a conversation and the start page).
  const [params] = useSearchParams();
  const [waIdInput, setWaIdInput] = useState(params.get('wa') ?? '');
  const [name, setName] = useState(params.get('name') ?? '');
  const waId = normaliseWaId(waIdInput);
  const ready = validWaId(waId);

  const [{ data: threadData, error: threadError }, reloadThread] = useQuery({
    query: SimulatorThreadQuery,
    variables: { waId },
    pause: !ready || !info,
    requestPolicy: 'network-only',
  });
  useEffect(() => {
    if (!ready || !info) return;
    const id = window.setInterval(() => reloadThread({ requestPolicy: 'network-only' }), POLL_MS);
    return () => window.clearInterval(id);
  }, [ready, info, reloadThread]);

  const [{ fetching: sending }, simulate] = useMutation(SimulateCustomerMessageMutation);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [caption, setCaption] = useState('');
  const [latitude, setLatitude] = useState<number | string>(52.52);
  const [longitude, setLongitude] = useState<number | string>(13.405);
  const [emoji, setEmoji] = useState<string | null>(REACTIONS[0]);
  const [buttonText, setButtonText] = useState('');
  const imageInput = useRef<HTMLInputElement>(null);
  const documentInput = useRef<HTMLInputElement>(null);

  const thread: SimulatedMessage[] = threadData?.simulatorThread ?? [];
  const lastBusiness = [...thread].reverse().find((m) => m.direction === 'out' && m.type !== 'reaction') ?? null;

  const send = async (input: Omit<SimulateMessageInput, 'waId' | 'name'>): Promise<boolean> => {
    setError(null);
    if (!ready) {
      setError(t('simulator.waIdInvalid'));
      return false;
    }
    const res = await simulate({ input: { waId, name: name.trim(), ...input } });
    reloadThread({ requestPolicy: 'network-only' });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return false;
    }
    return true;
  };

  const sendText = async () => {
    if (!text.trim()) return;
    if (await send({ type: 'text', text: text.trim() })) setText('');
  };

  const sendFile = async (kind: 'image' | 'document', e: ChangeEvent<HTMLInputElement>) => {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (!file) return;
    try {
      const dataBase64 = await readBase64(file);
      const ok = await send({
        type: kind,
        fileName: file.name,
        mimeType: file.type || (kind === 'image' ? 'image/jpeg' : 'application/octet-stream'),
        dataBase64,
        caption: caption.trim() || null,
      });
      if (ok) setCaption('');
    } catch {
      setError(t('simulator.readFailed'));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void sendText();
    }
  };

  // Keep the newest message in view.
  const scroller = useRef<HTMLDivElement>(null);
  const lastKey = thread.length ? `${thread[thread.length - 1].wamid}:${thread.length}` : '';
  useLayoutEffect(() => {
    if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [lastKey]);

  if (!info) {
    return (
      <>
        <Title order={2} mb="md" data-testid="page-title">
          {t('simulator.title')}
        </Title>
        <Alert color={infoError ? 'red' : 'gray'} data-testid="simulator-unavailable">
          {infoFetching ? t('app.loading') : t('simulator.unavailable')}
        </Alert>
      </>
    );
  }

  return (
    <>
      <Title order={2} mb="xs" data-testid="page-title">
        {t('simulator.title')}
      </Title>
      <Text c="dimmed" size="sm" mb="md">
        {t('simulator.intro', { number: info.displayPhoneNumber })}
      </Text>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Paper
          withBorder
          shadow="md"
          radius={28}
          p={10}
          w="100%"
          maw={400}
          bg="dark.7"
          data-testid="sim-phone"
          style={{ flexShrink: 0 }}
        >
          <Stack gap={0} bg="white" style={{ borderRadius: 20, overflow: 'hidden' }}>
            <Box bg="teal.9" px="md" py="sm">
              <Text c="white" fw={600} size="sm">
                {t('simulator.business')}
              </Text>
              <Text c="white" size="xs" dir="ltr">
                {info.displayPhoneNumber}
              </Text>
            </Box>
            <Stack gap={6} px="sm" py="xs" bg="gray.1">
              <TextInput
                size="xs"
                label={t('simulator.waId')}
                placeholder="4915123456789"
                value={waIdInput}
                onChange={(e) => setWaIdInput(e.currentTarget.value)}
                error={waIdInput && !ready ? t('simulator.waIdInvalid') : undefined}
                inputMode="tel"
                data-testid="sim-wa-id"
              />
              <TextInput
                size="xs"
                label={t('simulator.name')}
                placeholder={t('simulator.namePlaceholder')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-testid="sim-name"
              />
            </Stack>
            <Box ref={scroller} h={420} p="xs" bg="#efeae2" style={{ overflowY: 'auto' }} data-testid="sim-thread">
              <Stack gap={6}>
                {!ready && (
                  <Text size="xs" c="dimmed" ta="center" py="md">
                    {t('simulator.enterNumber')}
                  </Text>
                )}
                {ready && threadData && thread.length === 0 && (
                  <Text size="xs" c="dimmed" ta="center" py="md" data-testid="sim-thread-empty">
                    {t('simulator.noMessages')}
                  </Text>
                )}
                {threadError && (
                  <Text size="xs" c="red" className="pre-wrap">
                    {errorMessage(threadError, t)}
                  </Text>
                )}
                {thread
                  .filter((m) => m.type !== 'reaction')
                  .map((m) => (
                    <SimBubble key={`${m.wamid}-${m.direction}`} message={m} />
                  ))}
              </Stack>
            </Box>
            <Stack gap={6} p="xs" bg="gray.1">
              {error && (
                <Text size="xs" c="red" className="pre-wrap" data-testid="sim-error">
                  {error}
                </Text>
              )}
              <Group gap={6} wrap="nowrap">
                <TextInput
                  size="sm"
                  radius="xl"
                  placeholder={t('simulator.message')}
                  aria-label={t('simulator.message')}
                  value={text}
                  onChange={(e) => setText(e.currentTarget.value)}
                  onKeyDown={onKeyDown}
                  style={{ flex: 1 }}
                  data-testid="sim-text"
                />
                <Tooltip label={t('simulator.send')}>
                  <ActionIcon
                    size="lg"
                    radius="xl"
                    color="teal"
                    variant="filled"
                    onClick={() => void sendText()}
                    loading={sending}
                    disabled={!ready || !text.trim()}
                    aria-label={t('simulator.send')}
                    data-testid="sim-send"
                  >
                    <IconSend size={18} />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Stack>
          </Stack>
        </Paper>

        <Stack gap="md" w="100%" maw={360} data-testid="sim-actions">
          <Paper withBorder p="sm">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('simulator.media')}
              </Text>
              <TextInput
                size="xs"
                label={t('simulator.caption')}
                value={caption}
                onChange={(e) => setCaption(e.currentTarget.value)}
                data-testid="sim-caption"
              />
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPhoto size={14} />}
                  onClick={() => imageInput.current?.click()}
                  disabled={!ready || sending}
                  data-testid="sim-image"
                >
                  {t('simulator.sendImage')}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconFileText size={14} />}
                  onClick={() => documentInput.current?.click()}
                  disabled={!ready || sending}
                  data-testid="sim-document"
                >
                  {t('simulator.sendDocument')}
                </Button>
              </Group>
              <input
                ref={imageInput}
                type="file"
                accept="image/*"
                hidden
                onChange={(e) => void sendFile('image', e)}
                data-testid="sim-image-input"
              />
              <input
                ref={documentInput}
                type="file"
                hidden
                onChange={(e) => void sendFile('document', e)}
                data-testid="sim-document-input"
              />
            </Stack>
          </Paper>

          <Paper withBorder p="sm">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('simulator.location')}
              </Text>
              <Group gap="xs" grow>
                <NumberInput
                  size="xs"
                  label={t('simulator.latitude')}
                  value={latitude}
                  onChange={setLatitude}
                  min={-90}
                  max={90}
                  decimalScale={6}
                  data-testid="sim-latitude"
                />
                <NumberInput
                  size="xs"
                  label={t('simulator.longitude')}
                  value={longitude}
                  onChange={setLongitude}
                  min={-180}
                  max={180}
                  decimalScale={6}
                  data-testid="sim-longitude"
                />
              </Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconMapPin size={14} />}
                disabled={!ready || sending || typeof latitude !== 'number' || typeof longitude !== 'number'}
                onClick={() =>
                  void send({ type: 'location', latitude: Number(latitude), longitude: Number(longitude) })
                }
                data-testid="sim-location"
              >
                {t('simulator.sendLocation')}
              </Button>
            </Stack>
          </Paper>

          <Paper withBorder p="sm">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('simulator.reaction')}
              </Text>
              <Text size="xs" c="dimmed" className="pre-wrap" lineClamp={2}>
                {lastBusiness
                  ? t('simulator.reactTo', { text: lastBusiness.text ?? lastBusiness.type })
                  : t('simulator.noBusinessMessage')}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Select
                  size="xs"
                  data={REACTIONS}
                  value={emoji}
                  onChange={setEmoji}
                  allowDeselect={false}
                  w={90}
                  aria-label={t('simulator.emoji')}
                  data-testid="sim-emoji"
                />
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconMoodSmile size={14} />}
                  disabled={!ready || sending || !lastBusiness || !emoji}
                  onClick={() =>
                    lastBusiness && emoji && void send({ type: 'reaction', emoji, reactToWamid: lastBusiness.wamid })
                  }
                  data-testid="sim-react"
                >
                  {t('simulator.sendReaction')}
                </Button>
              </Group>
            </Stack>
          </Paper>

          <Paper withBorder p="sm">
            <Stack gap="xs">
              <Text fw={600} size="sm">
                {t('simulator.button')}
              </Text>
              <Group gap="xs" wrap="nowrap">
                <TextInput
                  size="xs"
                  placeholder={t('simulator.buttonPlaceholder')}
                  value={buttonText}
                  onChange={(e) => setButtonText(e.currentTarget.value)}
                  style={{ flex: 1 }}
                  aria-label={t('simulator.button')}
                  data-testid="sim-button-text"
                />
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconSquareRoundedCheck size={14} />}
                  disabled={!ready || sending || !buttonText.trim()}
                  onClick={async () => {
                    if (await send({ type: 'button', buttonText: buttonText.trim(), text: buttonText.trim() }))
                      setButtonText('');
                  }}
                  data-testid="sim-button-send"
                >
                  {t('simulator.sendButton')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Stack>
      </Group>
    </>
  );
}

/** One message on the simulated phone: the customer's own on the right, the business's left. */
function SimBubble({ message: m }: { message: SimulatedMessage }) {
  const { t, i18n } = useTranslation();
  const mine = m.direction === 'in';
  return (
    <Box
      data-testid="sim-message"
      data-direction={m.direction}
      data-status={m.status}
      data-type={m.type}
      data-wamid={m.wamid}
      style={{ alignSelf: mine ? 'flex-end' : 'flex-start', maxWidth: '82%' }}
    >
      <Paper px="xs" py={4} radius="md" bg={mine ? '#d9fdd3' : 'white'} shadow="xs">
        {m.type !== 'text' && (
          <Badge size="xs" variant="light" color="gray" mb={2}>
            {t(`chat.types.${m.type}`, { defaultValue: m.type })}
          </Badge>
        )}
        {m.quotedText && (
          <Box
            px={6}
            py={2}
            mb={4}
            bg="gray.1"
            style={{ borderLeft: '3px solid var(--mantine-color-teal-5)', borderRadius: 4 }}
            data-testid="sim-message-quote"
          >
            <Text size="xs" lineClamp={2}>
              {m.quotedText}
            </Text>
          </Box>
        )}
        {m.previewDataUrl && (
          <Image
            src={m.previewDataUrl}
            alt={m.fileName ?? m.type}
            maw={260}
            mah={200}
            w="auto"
            fit="contain"
            radius="sm"
            mb={4}
            data-testid="sim-message-image"
          />
        )}
        {!m.previewDataUrl && m.mimeType && (
          <Group gap={4} mb={4} wrap="nowrap" data-testid="sim-message-file">
            <IconFileText size={18} />
            <Text size="xs" truncate="end">
              {m.fileName ?? m.mimeType}
            </Text>
          </Group>
        )}
        {m.text && (
          <Text size="sm" className="pre-wrap">
            {m.text}
          </Text>
        )}
        {m.reactions.length > 0 && (
          <Group gap={2} data-testid="sim-message-reactions">
            {m.reactions.map((r, i) => (
              <Badge key={i} size="sm" variant="light" color="gray" tt="none">
                {r}
              </Badge>
            ))}
          </Group>
        )}
        <Group gap={4} justify="flex-end">
          <Text size="10px" c="dimmed">
            {formatChatTime(m.at, i18n.language)}
          </Text>
          <Text size="10px" c="dimmed" data-testid="sim-message-status">
            {t(`simulator.status.${m.status.toLowerCase()}`, { defaultValue: m.status })}
          </Text>
        </Group>
      </Paper>
    </Box>
  );
}
