import { useState, type FormEvent } from 'react';
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconCheck, IconCopy, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  ApiTokensQuery,
  CreateApiTokenMutation,
  RevokeApiTokenMutation,
} from '../../graphql/operations';
import { errorMessage } from '../../graphql/errors';
import { formatDateTime } from '../../format';
import ConfirmButton from '../../components/ConfirmButton';

/** The viewer's own API tokens: list, create (token shown once), revoke. */
export default function ApiTokensPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, error }, reload] = useQuery({ query: ApiTokensQuery });
  const [, revoke] = useMutation(RevokeApiTokenMutation);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const tokens = data?.apiTokens ?? [];

  const remove = async (id: string) => {
    setActionError(null);
    const res = await revoke({ id });
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          {t('tokens.intro')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="create-token">
          {t('tokens.create')}
        </Button>
      </Group>
      {(error || actionError) && (
        <Alert color="red" className="pre-wrap">
          {actionError ?? errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder>
        <ScrollArea>
          <Table verticalSpacing="xs" data-testid="tokens-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tokens.name')}</Table.Th>
                <Table.Th>{t('tokens.createdAt')}</Table.Th>
                <Table.Th>{t('tokens.lastUsedAt')}</Table.Th>
                <Table.Th>{t('tokens.expiresAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.map((tok) => (
                <Table.Tr key={tok.id} data-testid="token-row">
                  <Table.Td>{tok.name}</Table.Td>
                  <Table.Td>{formatDateTime(tok.createdAt, lang)}</Table.Td>
                  <Table.Td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, lang) : t('tokens.never')}</Table.Td>
                  <Table.Td>{tok.expiresAt ? formatDateTime(tok.expiresAt, lang) : t('tokens.never')}</Table.Td>
                  <Table.Td>
                    <ConfirmButton
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      question={t('tokens.revokeConfirm', { name: tok.name })}
                      onConfirm={() => remove(tok.id)}
                      testId="revoke-token"
                    >
                      {t('tokens.revoke')}
                    </ConfirmButton>
                  </Table.Td>
                </Table.Tr>
              ))}
              {data && tokens.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('tokens.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('tokens.createTitle')}>
        {creating && (
          <CreateTokenForm
            onCreated={(token) => {
              setCreating(false);
              setCreated(token);
              refresh();
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>

      <Modal
        opened={created !== null}
        onClose={() => setCreated(null)}
        title={t('tokens.createdTitle')}
        closeOnClickOutside={false}
        size="lg"
      >
        {created && (
          <Stack>
            <Alert color="yellow">{t('tokens.shownOnce')}</Alert>
            <Code block className="token-box" data-testid="created-token">
              {created}
            </Code>
            <Group justify="flex-end">
              <CopyButton value={created}>
                {({ copied, copy }) => (
                  <Button
                    variant={copied ? 'filled' : 'default'}
                    color={copied ? 'teal' : undefined}
                    leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    onClick={copy}
                    data-testid="copy-token"
                  >
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button onClick={() => setCreated(null)} data-testid="close-token">
                {t('common.close')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function CreateTokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (token: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, create] = useMutation(CreateApiTokenMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) {
      setError(t('records.required'));
      return;
    }
    const res = await create({ name: name.trim() });
    if (res.error || !res.data) {
      setError(errorMessage(res.error, t));
      return;
    }
    onCreated(res.data.createApiToken.token);
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {error && (
          <Alert color="red" className="pre-wrap">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('tokens.name')}
          placeholder={t('tokens.namePlaceholder')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="token-name"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={fetching} data-testid="token-submit">
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
