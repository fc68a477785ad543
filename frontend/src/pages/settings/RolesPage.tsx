import { useMemo, useState } from 'react';
import { Group, Select, Text, TextInput } from '@mantine/core';
import { IconSubtask } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { CreateRoleMutation, DeleteRoleMutation, RolesQuery } from '../../graphql/operations';
import type { RolesQuery as RolesQueryResult } from '../../gql/graphql';
import { type DialogActions, DialogForm, NewButton, RowActions, SettingsDialog, SettingsPage, SettingsTable, useAction, useEditor } from '../../components/settings';

type Role = RolesQueryResult['roles'][number];

interface RoleRow {
  role: Role;
  depth: number;
}

/** Roles in hierarchy order: each role followed by the roles that report to it. */
export function flattenRoles(roles: Role[]): RoleRow[] {
  const ids = new Set(roles.map((r) => r.id));
  const children = new Map<string | null, Role[]>();
  for (const r of roles) {
    // A parent that no longer exists puts the role at the top level.
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(r);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  const out: RoleRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      if (seen.has(r.id)) continue; // guards against cycles
      seen.add(r.id);
      out.push({ role: r, depth });
      walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  // Anything left (only possible with a cycle) is shown at the top level.
  for (const r of roles) if (!seen.has(r.id)) out.push({ role: r, depth: 0 });
  return out;
}

export default function RolesPage() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: RolesQuery });
  const [, deleteRole] = useMutation(DeleteRoleMutation);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const action = useAction(refresh);
  const editor = useEditor<never>(refresh);

  const rows = useMemo(() => (data ? flattenRoles(data.roles) : undefined), [data]);

  return (
    <SettingsPage
      action={
        <NewButton onClick={editor.create} testId="create-role">
          {t('roles.create')}
        </NewButton>
      }
      error={[action.error, error]}
    >
      <SettingsTable
        rows={rows}
        rowKey={({ role }) => role.id}
        testId="roles-list"
        rowTestId="role-row"
        rowProps={({ depth }) => ({ 'data-depth': String(depth) })}
        empty={t('roles.empty')}
        columns={[
          {
            key: 'name',
            header: t('roles.name'),
            render: ({ role, depth }) => (
              <Group gap="xs" pl={depth * 24}>
                {depth > 0 && <IconSubtask size={14} color="var(--mantine-color-gray-6)" />}
                <Text size="sm">{role.name}</Text>
              </Group>
            ),
          },
          {
            key: 'actions',
            header: t('common.actions'),
            render: ({ role }) => (
              <RowActions
                onDelete={() => action.run(() => deleteRole({ id: role.id }))}
                deleteQuestion={t('roles.deleteConfirm', { name: role.name })}
                deleteTestId="delete-role"
              />
            ),
          },
        ]}
      />
      <SettingsDialog opened={editor.opened} onClose={editor.close} title={t('roles.createTitle')}>
        <CreateRoleForm roles={rows ?? []} onDone={editor.done} onCancel={editor.close} />
      </SettingsDialog>
    </SettingsPage>
  );
}

function CreateRoleForm({
  roles,
  ...dialog
}: {
  roles: RoleRow[];
} & DialogActions) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [, createRole] = useMutation(CreateRoleMutation);

  const submit = () =>
    name.trim() ? createRole({ name: name.trim(), parentId: parentId ?? undefined }) : t('records.required');

  return (
    <DialogForm onSubmit={submit} {...dialog} submitTestId="new-role-submit">
      <TextInput
        label={t('roles.name')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        data-testid="new-role-name"
      />
      <Select
        label={t('roles.parent')}
        data={roles.map(({ role, depth }) => ({
          value: role.id,
          label: `${'\u2003'.repeat(depth)}${role.name}`,
        }))}
        value={parentId}
        onChange={setParentId}
        clearable
        placeholder={t('roles.noParent')}
        data-testid="new-role-parent"
      />
    </DialogForm>
  );
}
