import { useState } from 'react';
import { Badge, Group, MultiSelect, Text, TextInput } from '@mantine/core';
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
import { type DialogActions, DialogForm, NewButton, RowActions, SettingsDialog, SettingsPage, SettingsTable, useAction, useEditor } from '../../components/settings';

type GroupItem = GroupsQueryResult['groups'][number];
type Option = { value: string; label: string };

export default function GroupsPage() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: GroupsQuery });
  const [{ data: usersData }] = useQuery({ query: UsersQuery, variables: { first: 100 } });
  const [, deleteGroup] = useMutation(DeleteGroupMutation);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const action = useAction(refresh);
  const editor = useEditor<GroupItem>(refresh);

  const userOptions: Option[] = (usersData?.users.edges ?? []).map((e) => ({
    value: e.node.id,
    label: `${e.node.name} <${e.node.email}>`,
  }));

  return (
    <SettingsPage
      action={
        <NewButton onClick={editor.create} testId="create-group">
          {t('groups.create')}
        </NewButton>
      }
      error={[action.error, error]}
    >
      <SettingsTable
        rows={data?.groups}
        rowKey={(g) => g.id}
        testId="groups-table"
        rowTestId="group-row"
        empty={t('groups.empty')}
        columns={[
          { key: 'name', header: t('groups.name'), render: (g) => g.name },
          {
            key: 'members',
            header: t('groups.members'),
            render: (g) => (
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
            ),
          },
          {
            key: 'actions',
            header: t('common.actions'),
            render: (g) => (
              <RowActions
                onEdit={() => editor.edit(g)}
                editLabel={t('groups.editMembers')}
                editTestId="edit-group"
                onDelete={() => action.run(() => deleteGroup({ id: g.id }))}
                deleteQuestion={t('groups.deleteConfirm', { name: g.name })}
                deleteTestId="delete-group"
              />
            ),
          },
        ]}
      />

      <SettingsDialog
        opened={editor.opened}
        onClose={editor.close}
        title={editor.editing ? t('groups.editTitle', { name: editor.editing.name }) : t('groups.createTitle')}
      >
        <GroupForm users={userOptions} group={editor.editing} onDone={editor.done} onCancel={editor.close} />
      </SettingsDialog>
    </SettingsPage>
  );
}

/** Create a group (name + members), or with `group` set, change its members. */
function GroupForm({
  users,
  group,
  ...dialog
}: {
  users: Option[];
  group?: GroupItem;
} & DialogActions) {
  const { t } = useTranslation();
  const [name, setName] = useState(group?.name ?? '');
  const [memberIds, setMemberIds] = useState<string[]>(group?.members.map((m) => m.id) ?? []);
  const [, createGroup] = useMutation(CreateGroupMutation);
  const [, setMembers] = useMutation(SetGroupMembersMutation);

  // Members of the group who are not in the user list (e.g. beyond the first page) stay pickable.
  const options = [...users];
  for (const m of group?.members ?? []) {
    if (!options.some((o) => o.value === m.id)) options.push({ value: m.id, label: `${m.name} <${m.email}>` });
  }

  const submit = () => {
    if (!group && !name.trim()) return t('records.required');
    return group ? setMembers({ id: group.id, memberIds }) : createGroup({ name: name.trim(), memberIds });
  };

  return (
    <DialogForm
      onSubmit={submit}
      {...dialog}
      submitLabel={group ? t('common.save') : t('common.create')}
      submitTestId="group-submit"
    >
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
    </DialogForm>
  );
}
