import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSubtask } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { CreateRoleMutation, DeleteRoleMutation, RolesQuery } from '../../graphql/operations';
import type { RolesQuery as RolesQueryResult } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import ConfirmButton from '../../components/ConfirmButton';

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
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const roles = useMemo(() => data?.roles ?? [], [data]);
  const rows = useMemo(() => flattenRoles(roles), [roles]);
  const refresh = () => reload({ requestPolicy: 'network-only' });

  const remove = async (id: string) => {
    setActionError(null);
    const res = await deleteRole({ id });
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="create-role">
          {t('roles.create')}
        </Button>
      </Group>
      {(error || actionError) && (
        <Alert color="red" className="pre-wrap">
          {actionError ?? errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder p="xs" data-testid="roles-list">
        {data && rows.length === 0 && (
          <Text c="dimmed" p="sm">
            {t('roles.empty')}
          </Text>
        )}
        {rows.map(({ role, depth }) => (
          <Group
            key={role.id}
            justify="space-between"
            py={6}
            pr="xs"
            pl={8 + depth * 24}
            data-testid="role-row"
            data-depth={depth}
            style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
          >
            <Group gap="xs">
              {depth > 0 && <IconSubtask size={14} color="var(--mantine-color-gray-6)" />}
              <Text size="sm">{role.name}</Text>
            </Group>
            <ConfirmButton
              size="compact-xs"
              variant="subtle"
              color="red"
              question={t('roles.deleteConfirm', { name: role.name })}
              onConfirm={() => remove(role.id)}
              testId="delete-role"
            >
              {t('common.delete')}
            </ConfirmButton>
          </Group>
        ))}
      </Paper>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('roles.createTitle')}>
        {creating && (
          <CreateRoleForm
            roles={rows}
            onDone={() => {
              setCreating(false);
              refresh();
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function CreateRoleForm({
  roles,
  onDone,
  onCancel,
}: {
  roles: RoleRow[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, createRole] = useMutation(CreateRoleMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) {
      setError(t('records.required'));
      return;
    }
    const res = await createRole({ name: name.trim(), parentId: parentId ?? undefined });
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
          <Alert color="red" className="pre-wrap">
            {error}
          </Alert>
        )}
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={fetching} data-testid="new-role-submit">
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
