import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  AllWhatsappProfilesQuery,
  GroupsQuery,
  RolesQuery,
  SetWhatsappProfileActiveMutation,
  UsersQuery,
} from '../../../graphql/operations';
import ConfirmButton from '../../../components/ConfirmButton';
import { ErrorAlert, NewButton, SettingsDialog, SettingsTable, useAction, useEditor } from '../../../components/settings';
import ProfileForm, { type Option, type ProfileItem } from './ProfileForm';

/** F2: the sender profiles (a number with a nickname and who may use it), switched on and off. */
export default function ProfilesSection() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: AllWhatsappProfilesQuery, requestPolicy: 'cache-and-network' });
  const [{ data: usersData }] = useQuery({ query: UsersQuery, variables: { first: 200 } });
  const [{ data: groupsData }] = useQuery({ query: GroupsQuery });
  const [{ data: rolesData }] = useQuery({ query: RolesQuery });
  const [, setActive] = useMutation(SetWhatsappProfileActiveMutation);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const action = useAction(refresh);
  const editor = useEditor<ProfileItem>(refresh);
  const toggle = (p: ProfileItem, active: boolean) => action.run(() => setActive({ id: p.id, active }));

  const users: Option[] = (usersData?.users.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.name} <${e.node.email}>` }));
  const groups: Option[] = (groupsData?.groups ?? []).map((g) => ({ value: g.id, label: g.name }));
  const roles: Option[] = (rolesData?.roles ?? []).map((r) => ({ value: r.id, label: r.name }));
  const nameOf = (list: Option[], id: string) => list.find((o) => o.value === id)?.label ?? id;
  const accessOf = (p: ProfileItem) => [
    ...p.userIds.map((id) => nameOf(users, id)),
    ...p.groupIds.map((id) => `${t('whatsapp.profiles.group')}: ${nameOf(groups, id)}`),
    ...p.roleIds.map((id) => `${t('whatsapp.profiles.role')}: ${nameOf(roles, id)}`),
  ];

  return (
    <Paper withBorder p="md" data-testid="wa-profiles">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>{t('whatsapp.profiles.title')}</Title>
          <NewButton onClick={editor.create} testId="new-wa-profile">
            {t('whatsapp.profiles.create')}
          </NewButton>
        </Group>
        <ErrorAlert error={error} />
        <ErrorAlert error={action.error} testId="wa-profile-action-error" />
        <SettingsTable
          bare
          rows={data?.allWhatsappProfiles}
          rowKey={(p) => p.id}
          rowTestId="wa-profile-row"
          rowProps={(p) => ({ 'data-id': p.id })}
          empty={t('whatsapp.profiles.empty')}
          columns={[
            { key: 'nickname', header: t('whatsapp.profiles.nickname'), render: (p) => p.nickname },
            {
              key: 'number',
              header: t('whatsapp.profiles.number'),
              render: (p) => <span dir="ltr">{p.displayPhoneNumber}</span>,
            },
            {
              key: 'unknown',
              header: t('whatsapp.profiles.unknownSenders'),
              render: (p) =>
                p.unknownSenders === 'Contacts' ? t('whatsapp.profiles.addAsContacts') : t('whatsapp.profiles.addAsLeads'),
            },
            {
              key: 'access',
              header: t('whatsapp.profiles.access'),
              render: (p) => {
                const access = accessOf(p);
                return access.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('whatsapp.profiles.everyone')}
                  </Text>
                ) : (
                  <Group gap={4}>
                    {access.map((a) => (
                      <Badge key={a} variant="light" color="gray" tt="none">
                        {a}
                      </Badge>
                    ))}
                  </Group>
                );
              },
            },
            {
              key: 'state',
              header: t('whatsapp.profiles.state'),
              render: (p) => (
                <Badge color={p.active ? 'teal' : 'gray'} variant="light" data-testid="wa-profile-state" data-active={p.active}>
                  {p.active ? t('whatsapp.profiles.active') : t('whatsapp.profiles.inactive')}
                </Badge>
              ),
            },
            {
              key: 'actions',
              header: t('profileAdmin.actions'),
              render: (p) => (
                <Group gap={4} wrap="nowrap">
                  <Button size="compact-xs" variant="light" onClick={() => editor.edit(p)} data-testid="wa-profile-edit">
                    {t('profileAdmin.edit')}
                  </Button>
                  {p.active ? (
                    <ConfirmButton
                      size="compact-xs"
                      variant="light"
                      color="red"
                      question={t('profileAdmin.switchOffConfirm', { name: p.nickname })}
                      onConfirm={async () => {
                        await toggle(p, false);
                      }}
                      testId="wa-profile-off"
                    >
                      {t('profileAdmin.switchOff')}
                    </ConfirmButton>
                  ) : (
                    <Button size="compact-xs" variant="light" onClick={() => void toggle(p, true)} data-testid="wa-profile-on">
                      {t('profileAdmin.switchOn')}
                    </Button>
                  )}
                </Group>
              ),
            },
          ]}
        />
      </Stack>
      <SettingsDialog
        opened={editor.opened}
        onClose={editor.close}
        title={editor.editing ? t('profileAdmin.editTitle', { name: editor.editing.nickname }) : t('whatsapp.profiles.createTitle')}
        size="lg"
      >
        <ProfileForm
          profile={editor.editing}
          users={users}
          groups={groups}
          roles={roles}
          onDone={editor.done}
          onCancel={editor.close}
        />
      </SettingsDialog>
    </Paper>
  );
}
