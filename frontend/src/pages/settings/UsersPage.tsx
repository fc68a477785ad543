import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  PasswordInput,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreateUserMutation,
  RolesQuery,
  UpdateUserMutation,
  UsersQuery,
} from '../../graphql/operations';
import { errorMessage } from '../../graphql/errors';
import type { UpdateUserInput } from '../../gql/graphql';
import { useViewer } from '../../auth/session';
import { currentLanguage, toApiLanguage, type AppLanguage } from '../../i18n';

const PAGE = 100;

export default function UsersPage() {
  const { t } = useTranslation();
  const me = useViewer();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, error }, reload] = useQuery({
    query: UsersQuery,
    variables: { first: PAGE, after: after ?? undefined },
  });
  const [{ data: rolesData }] = useQuery({ query: RolesQuery });
  const [, updateUser] = useMutation(UpdateUserMutation);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const roles = (rolesData?.roles ?? []).map((r) => ({ value: r.id, label: r.name }));
  const users = data?.users.edges.map((e) => e.node) ?? [];

  const update = async (id: string, input: UpdateUserInput) => {
    setActionError(null);
    const res = await updateUser({ id, input });
    if (res.error) setActionError(errorMessage(res.error, t));
  };

  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="create-user">
          {t('users.create')}
        </Button>
      </Group>
      {(error || actionError) && (
        <Alert color="red" className="pre-wrap">
          {actionError ?? errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder>
        <ScrollArea>
          <Table verticalSpacing="xs" data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.admin')}</Table.Th>
                <Table.Th>{t('users.active')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((u) => {
                const self = u.id === me.id;
                return (
                  <Table.Tr key={u.id} data-testid="user-row" data-email={u.email}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm">{u.name}</Text>
                        {self && (
                          <Badge size="xs" variant="light">
                            {t('users.you')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>
                      <Select
                        size="xs"
                        data={roles}
                        value={u.role?.id ?? null}
                        placeholder={t('users.noRole')}
                        clearable
                        onChange={(v) => void update(u.id, { roleId: v })}
                        aria-label={t('users.role')}
                        data-testid="user-role"
                        w={180}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={u.isAdmin}
                        disabled={self}
                        onChange={(e) => void update(u.id, { isAdmin: e.currentTarget.checked })}
                        aria-label={t('users.admin')}
                        data-testid="user-admin"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        checked={u.active}
                        disabled={self}
                        onChange={(e) => void update(u.id, { active: e.currentTarget.checked })}
                        aria-label={t('users.active')}
                        data-testid="user-active"
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              {data && users.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('users.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
      <Group justify="flex-end" gap="xs">
        <Button
          size="xs"
          variant="default"
          disabled={cursors.length === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          {t('common.previous')}
        </Button>
        <Button
          size="xs"
          variant="default"
          disabled={!data?.users.pageInfo.hasNextPage}
          onClick={() => {
            const next = data?.users.pageInfo.endCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          {t('common.next')}
        </Button>
      </Group>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('users.createTitle')}>
        {creating && (
          <CreateUserForm
            roles={roles}
            onDone={() => {
              setCreating(false);
              reload({ requestPolicy: 'network-only' });
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function CreateUserForm({
  roles,
  onDone,
  onCancel,
}: {
  roles: { value: string; label: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [language, setLanguage] = useState<AppLanguage>(currentLanguage());
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, createUser] = useMutation(CreateUserMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !name.trim() || !password) {
      setError(t('records.required'));
      return;
    }
    const res = await createUser({
      input: {
        email: email.trim(),
        name: name.trim(),
        password,
        isAdmin,
        roleId: roleId ?? undefined,
        language: toApiLanguage(language),
      },
    });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    onDone();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        {error && (
          <Alert color="red" className="pre-wrap" data-testid="create-user-error">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('users.email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          data-testid="new-user-email"
        />
        <TextInput
          label={t('users.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="new-user-name"
        />
        <PasswordInput
          label={t('users.password')}
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-testid="new-user-password"
        />
        <Select
          label={t('users.role')}
          data={roles}
          value={roleId}
          onChange={setRoleId}
          clearable
          placeholder={t('users.noRole')}
          data-testid="new-user-role"
        />
        <Select
          label={t('users.language')}
          data={[
            { value: 'en', label: 'English' },
            { value: 'de', label: 'Deutsch' },
          ]}
          value={language}
          onChange={(v) => setLanguage(v === 'de' ? 'de' : 'en')}
          allowDeselect={false}
          data-testid="new-user-language"
        />
        <Checkbox
          label={t('users.admin')}
          checked={isAdmin}
          onChange={(e) => setIsAdmin(e.currentTarget.checked)}
          data-testid="new-user-admin"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={fetching} data-testid="new-user-submit">
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
