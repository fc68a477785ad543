import { useState } from 'react';
import { Badge, Button, Code, Group, List, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconPlugConnected, IconTrash } from '@tabler/icons-react';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { ConnectWhatsappMutation, DeactivateWhatsappMutation } from '../../../graphql/operations';
import { DialogForm, SettingsDialog } from '../../../components/settings';

/** F1: the WhatsApp Business account's credentials, entered once to connect. */
export function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const { t } = useTranslation();
  const [wabaId, setWabaId] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [appSecret, setAppSecret] = useState('');
  const [verifyToken, setVerifyToken] = useState('');
  const [, connect] = useMutation(ConnectWhatsappMutation);

  const submit = () =>
    !wabaId.trim() || !accessToken || !appSecret || !verifyToken
      ? t('whatsapp.account.allRequired')
      : connect({ input: { wabaId: wabaId.trim(), accessToken, appSecret, verifyToken } });

  return (
    <DialogForm
      onSubmit={submit}
      onDone={onConnected}
      submitLabel={t('whatsapp.account.connect')}
      submitIcon={<IconPlugConnected size={16} />}
      testId="wa-connect-form"
      submitTestId="wa-connect-submit"
      errorTestId="wa-connect-error"
    >
      <Text size="sm" c="dimmed">
        {t('whatsapp.account.intro')}
      </Text>
      <TextInput
        label={t('whatsapp.account.wabaId')}
        required
        value={wabaId}
        onChange={(e) => setWabaId(e.currentTarget.value)}
        autoComplete="off"
        data-testid="wa-connect-waba"
      />
      <PasswordInput
        label={t('whatsapp.account.accessToken')}
        required
        value={accessToken}
        onChange={(e) => setAccessToken(e.currentTarget.value)}
        autoComplete="new-password"
        data-testid="wa-connect-token"
      />
      <PasswordInput
        label={t('whatsapp.account.appSecret')}
        required
        value={appSecret}
        onChange={(e) => setAppSecret(e.currentTarget.value)}
        autoComplete="new-password"
        data-testid="wa-connect-secret"
      />
      <PasswordInput
        label={t('whatsapp.account.verifyToken')}
        description={t('whatsapp.account.verifyTokenHint')}
        required
        value={verifyToken}
        onChange={(e) => setVerifyToken(e.currentTarget.value)}
        autoComplete="new-password"
        data-testid="wa-connect-verify"
      />
    </DialogForm>
  );
}

/** The connected account: its id, the webhook URL to give Meta, and F3 (deactivate). */
export function ConnectedAccount({
  wabaId,
  webhookPath,
  onDeactivated,
}: {
  wabaId: string;
  webhookPath: string;
  onDeactivated: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [, deactivate] = useMutation(DeactivateWhatsappMutation);
  const webhookUrl = `${window.location.origin}${webhookPath}`;

  const deactivated = () => {
    setConfirming(false);
    onDeactivated();
  };

  return (
    <Stack>
      <Group gap="xs">
        <Badge color="teal" variant="light" data-testid="wa-connected">
          {t('whatsapp.account.connected')}
        </Badge>
      </Group>
      <Group gap="md" align="flex-start">
        <Text size="sm" c="dimmed" w={200}>
          {t('whatsapp.account.wabaId')}
        </Text>
        <Text size="sm" data-testid="wa-waba-id">
          {wabaId}
        </Text>
      </Group>
      <Group gap="md" align="flex-start">
        <Text size="sm" c="dimmed" w={200}>
          {t('whatsapp.account.webhook')}
        </Text>
        <div>
          <Code data-testid="wa-webhook">{webhookUrl}</Code>
          <Text size="xs" c="dimmed" mt={4}>
            {t('whatsapp.account.webhookHint')}
          </Text>
        </div>
      </Group>
      <Group justify="flex-end">
        <Button color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirming(true)} data-testid="wa-deactivate">
          {t('whatsapp.account.deactivate')}
        </Button>
      </Group>
      <SettingsDialog opened={confirming} onClose={() => setConfirming(false)} title={t('whatsapp.account.deactivateTitle')}>
        <DialogForm
          onSubmit={() => deactivate({})}
          onDone={deactivated}
          onCancel={() => setConfirming(false)}
          submitLabel={t('whatsapp.account.yesDelete')}
          submitColor="red"
          submitTestId="wa-deactivate-confirm"
        >
          <Text size="sm">{t('whatsapp.account.deactivateIntro')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('whatsapp.account.deactivateStops')}</List.Item>
            <List.Item>{t('whatsapp.account.deactivateCredentials')}</List.Item>
            <List.Item>{t('whatsapp.account.deactivateHistory')}</List.Item>
          </List>
        </DialogForm>
      </SettingsDialog>
    </Stack>
  );
}
