import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreateGroupMutation,
  DeleteGroupMutation,
  GroupsQuery,
  SetGroupMembersMutation,
  UsersQuery,
} from '../../graphql/operations';
import type { GroupsQuery as GroupsQueryResult } from '../../gql/graphql';
import { errorMessage } from '../../graphql/errors';
import ConfirmButton from '../../components/ConfirmButton';

type GroupItem = GroupsQueryResult['groups'][number];
type Option = { value: string; label: string };

export default function GroupsPage() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: GroupsQuery });
  const [{ data: usersData }] = useQuery({ query: UsersQuery, variables: { first: 100 } });
  const [, deleteGroup] = useMutation(DeleteGroupMutation);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<GroupItem | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const userOptions: Option[] = (usersData?.users.edges ?? []).map((e) => ({
    value: e.node.id,
    label: `${e.node.name} <${e.node.email}>`,
  }));
  const groups = data?.groups ?? [];
  const refresh = () => reload({ requestPolicy: 'network-only' });

  const remove = async (id: string) => {
    setActionError(null);
    const res = await deleteGroup({ id });
    if (res.error) setActionError(errorMessage(res.error, t));
    refresh();
  };

  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="create-group">
          {t('groups.create')}
        </Button>
      </Group>
      {(error || actionError) && (
        <Alert color="red" className="pre-wrap">
          {actionError ?? errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder>
        <ScrollArea>
          <Table verticalSpacing="xs" data-testid="groups-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('groups.name')}</Table.Th>
                <Table.Th>{t('groups.members')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((g) => (
                <Table.Tr key={g.id} data-testid="group-row">
                  <Table.Td>{g.name}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {g.members.length === 0 && (
                        <Text size="sm" c="dimmed">
                          {t('groups.noMembers')}
                        </Text>
                      )}
                      {g.members.map((m) => (
                        <Badge key={m.id} variant="light" tt="none" title={m.email}>
                          {m.name}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditing(g)}
                        data-testid="edit-group"
                      >
                        {t('groups.editMembers')}
                      </Button>
                      <ConfirmButton
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        question={t('groups.deleteConfirm', { name: g.name })}
                        onConfirm={() => remove(g.id)}
                        testId="delete-group"
                      >
                        {t('common.delete')}
                      </ConfirmButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
              {data && groups.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text c="dimmed">{t('groups.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('groups.createTitle')}>
        {creating && (
          <GroupForm
            users={userOptions}
            onDone={() => {
              setCreating(false);
              refresh();
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('groups.editTitle', { name: editing.name }) : ''}
      >
        {editing && (
          <GroupForm
            users={userOptions}
            group={editing}
            onDone={() => {
              setEditing(null);
              refresh();
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

/** Create a group (name + members), or with `group` set, change its members. */
function GroupForm({
  users,
  group,
  onDone,
  onCancel,
}: {
  users: Option[];
  group?: GroupItem;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(group?.name ?? '');
  const [memberIds, setMemberIds] = useState<string[]>(group?.members.map((m) => m.id) ?? []);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching: creating }, createGroup] = useMutation(CreateGroupMutation);
  const [{ fetching: saving }, setMembers] = useMutation(SetGroupMembersMutation);

  // Members of the group who are not in the user list (e.g. beyond the first page) stay pickable.
  const options = [...users];
  for (const m of group?.members ?? []) {
    if (!options.some((o) => o.value === m.id)) options.push({ value: m.id, label: `${m.name} <${m.email}>` });
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!group && !name.trim()) {
      setError(t('records.required'));
      return;
    }
    const res = group
      ? await setMembers({ id: group.id, memberIds })
      : await createGroup({ name: name.trim(), memberIds });
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
        {!group && (
          <TextInput
            label={t('groups.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="group-name"
          />
        )}
        <MultiSelect
          label={t('groups.members')}
          data={options}
          value={memberIds}
          onChange={setMemberIds}
          searchable
          clearable
          data-testid="group-members"
        />
        <Group justify="flex-end" className="dialog-footer">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={creating || saving} data-testid="group-submit">
            {group ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
