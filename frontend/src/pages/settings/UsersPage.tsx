import { useState } from 'react';
import { Badge, Button, Checkbox, Group, PasswordInput, Select, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreateUserMutation,
  RolesQuery,
  UpdateUserMutation,
  UsersQuery,
} from '../../graphql/operations';
import type { UpdateUserInput } from '../../gql/graphql';
import { useViewer } from '../../auth/session';
import { currentLanguage, toApiLanguage, type AppLanguage } from '../../i18n';
import { type DialogActions, DialogForm, NewButton, SettingsDialog, SettingsPage, SettingsTable, useAction, useEditor } from '../../components/settings';

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
  const action = useAction();
  const editor = useEditor<never>(() => reload({ requestPolicy: 'network-only' }));

  const roles = (rolesData?.roles ?? []).map((r) => ({ value: r.id, label: r.name }));
  const update = (id: string, input: UpdateUserInput) => void action.run(() => updateUser({ id, input }));

  return (
    <SettingsPage
      action={
        <NewButton onClick={editor.create} testId="create-user">
          {t('users.create')}
        </NewButton>
      }
      error={[action.error, error]}
    >
      <SettingsTable
        rows={data?.users.edges.map((e) => e.node)}
        rowKey={(u) => u.id}
        testId="users-table"
        rowTestId="user-row"
        rowProps={(u) => ({ 'data-email': u.email })}
        empty={t('users.empty')}
        columns={[
          {
            key: 'name',
            header: t('users.name'),
            render: (u) => (
              <Group gap="xs">
                <Text size="sm">{u.name}</Text>
                {u.id === me.id && (
                  <Badge size="xs" variant="light">
                    {t('users.you')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { key: 'email', header: t('users.email'), render: (u) => u.email },
          {
            key: 'role',
            header: t('users.role'),
            render: (u) => (
              <Select
                size="xs"
                data={roles}
                value={u.role?.id ?? null}
                placeholder={t('users.noRole')}
                clearable
                onChange={(v) => update(u.id, { roleId: v })}
                aria-label={t('users.role')}
                data-testid="user-role"
                w={180}
              />
            ),
          },
          {
            key: 'admin',
            header: t('users.admin'),
            render: (u) => (
              <Switch
                checked={u.isAdmin}
                disabled={u.id === me.id}
                onChange={(e) => update(u.id, { isAdmin: e.currentTarget.checked })}
                aria-label={t('users.admin')}
                data-testid="user-admin"
              />
            ),
          },
          {
            key: 'active',
            header: t('users.active'),
            render: (u) => (
              <Switch
                checked={u.active}
                disabled={u.id === me.id}
                onChange={(e) => update(u.id, { active: e.currentTarget.checked })}
                aria-label={t('users.active')}
                data-testid="user-active"
              />
            ),
          },
        ]}
      />
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
      <SettingsDialog opened={editor.opened} onClose={editor.close} title={t('users.createTitle')}>
        <CreateUserForm roles={roles} onDone={editor.done} onCancel={editor.close} />
      </SettingsDialog>
    </SettingsPage>
  );
}

function CreateUserForm({
  roles,
  ...dialog
}: {
  roles: { value: string; label: string }[];
} & DialogActions) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [isAdmin, setIsAdmin] = useState(false);
  const [roleId, setRoleId] = useState<string | null>(null);
  const [language, setLanguage] = useState<AppLanguage>(currentLanguage());
  const [, createUser] = useMutation(CreateUserMutation);

  const submit = () => {
    if (!email.trim() || !name.trim() || !password) return t('records.required');
    return createUser({
      input: {
        email: email.trim(),
        name: name.trim(),
        password,
        isAdmin,
        roleId: roleId ?? undefined,
        language: toApiLanguage(language),
      },
    });
  };

  return (
    <DialogForm
      onSubmit={submit}
      {...dialog}
      submitTestId="new-user-submit"
      errorTestId="create-user-error"
    >
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
    </DialogForm>
  );
}
