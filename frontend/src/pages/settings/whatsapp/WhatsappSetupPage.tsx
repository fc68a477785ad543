import { useState, type FormEvent } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  Modal,
  MultiSelect,
  Paper,
  PasswordInput,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlugConnected, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  AllWhatsappProfilesQuery,
  ConnectWhatsappMutation,
  CreateWhatsappProfileMutation,
  DeactivateWhatsappMutation,
  GroupsQuery,
  RegisterWhatsappNumberMutation,
  RolesQuery,
  SetWhatsappProfileActiveMutation,
  UpdateWhatsappProfileMutation,
  UsersQuery,
  WhatsappAccountQuery,
  WhatsappNumbersQuery,
} from '../../../graphql/operations';
import type { WhatsappNumbersQuery as WhatsappNumbersResult } from '../../../gql/graphql';
import { errorMessage } from '../../../graphql/errors';
import { SimulatorQuery } from '../../../graphql/simulator';
import ConfirmButton from '../../../components/ConfirmButton';

type NumberItem = WhatsappNumbersResult['whatsappNumbers'][number];

/** Settings → WhatsApp (administrators): F1 account and numbers, F2 profiles, F3 deactivate. */
export default function WhatsappSetupPage() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reload] = useQuery({ query: WhatsappAccountQuery, requestPolicy: 'cache-and-network' });
  const account = data?.whatsappAccount ?? null;
  const refresh = () => reload({ requestPolicy: 'network-only' });

  return (
    <Stack gap="lg">
      {error && (
        <Alert color="red" className="pre-wrap">
          {errorMessage(error, t)}
        </Alert>
      )}
      <Paper withBorder p="md" data-testid="wa-account">
        <Title order={4} mb="sm">
          {t('whatsapp.account.title')}
        </Title>
        {!data && fetching ? null : account ? (
          <ConnectedAccount wabaId={account.wabaId} webhookPath={account.webhookPath} onDeactivated={refresh} />
        ) : (
          <ConnectForm onConnected={refresh} />
        )}
      </Paper>
      {account && (
        <>
          <NumbersSection />
          <ProfilesSection />
        </>
      )}
    </Stack>
  );
}

function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const { t } = useTranslation();
  const [wabaId, setWabaId] = useState('');
  const [accessToken, setAccessToken] = useState('');
  const [appSecret, setAppSecret] = useState('');
  const [verifyToken, setVerifyToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, connect] = useMutation(ConnectWhatsappMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!wabaId.trim() || !accessToken || !appSecret || !verifyToken) {
      setError(t('whatsapp.account.allRequired'));
      return;
    }
    const res = await connect({ input: { wabaId: wabaId.trim(), accessToken, appSecret, verifyToken } });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    setAccessToken('');
    setAppSecret('');
    setVerifyToken('');
    onConnected();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="wa-connect-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('whatsapp.account.intro')}
        </Text>
        {error && (
          <Alert color="red" className="pre-wrap" data-testid="wa-connect-error">
            {error}
          </Alert>
        )}
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
        <Group justify="flex-end">
          <Button type="submit" loading={fetching} leftSection={<IconPlugConnected size={16} />} data-testid="wa-connect-submit">
            {t('whatsapp.account.connect')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ConnectedAccount({
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
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, deactivate] = useMutation(DeactivateWhatsappMutation);
  const webhookUrl = `${window.location.origin}${webhookPath}`;

  const confirm = async () => {
    setError(null);
    const res = await deactivate({});
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
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
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('whatsapp.account.deactivateTitle')}>
        <Stack>
          <Text size="sm">{t('whatsapp.account.deactivateIntro')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('whatsapp.account.deactivateStops')}</List.Item>
            <List.Item>{t('whatsapp.account.deactivateCredentials')}</List.Item>
            <List.Item>{t('whatsapp.account.deactivateHistory')}</List.Item>
          </List>
          {error && (
            <Alert color="red" className="pre-wrap">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={fetching} onClick={() => void confirm()} data-testid="wa-deactivate-confirm">
              {t('whatsapp.account.yesDelete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function NumbersSection() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reload] = useQuery({ query: WhatsappNumbersQuery, requestPolicy: 'cache-and-network' });
  const [registering, setRegistering] = useState<NumberItem | null>(null);
  const [{ data: profilesData }] = useQuery({ query: AllWhatsappProfilesQuery, requestPolicy: 'cache-and-network' });
  const numbers = data?.whatsappNumbers ?? [];
  // A number linked to one of our profiles names it (not "another profile").
  const reasonOf = (n: NumberItem) => {
    const linked = (profilesData?.allWhatsappProfiles ?? []).find((p) => p.id === n.linkedProfileId);
    return linked ? t('profileAdmin.linkedTo', { name: linked.nickname }) : n.ineligibleReason;
  };

  const yesNo = (ok: boolean, yes: string, no: string, testId: string) => (
    <Badge color={ok ? 'teal' : 'gray'} variant={ok ? 'light' : 'outline'} data-testid={testId} data-value={ok}>
      {ok ? yes : no}
    </Badge>
  );

  return (
    <Paper withBorder p="md" data-testid="wa-numbers">
      <Title order={4} mb="sm">
        {t('whatsapp.numbers.title')}
      </Title>
      {error && (
        <Alert color="red" className="pre-wrap" mb="sm">
          {errorMessage(error, t)}
        </Alert>
      )}
      <ScrollArea>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('whatsapp.numbers.number')}</Table.Th>
              <Table.Th>{t('whatsapp.numbers.name')}</Table.Th>
              <Table.Th>{t('whatsapp.numbers.state')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {numbers.map((n) => (
              <Table.Tr key={n.id} data-testid="wa-number-row" data-id={n.id}>
                <Table.Td>
                  <Text size="sm" dir="ltr">
                    {n.displayPhoneNumber}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {n.id}
                  </Text>
                </Table.Td>
                <Table.Td>{n.verifiedName}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {yesNo(n.verified, t('whatsapp.numbers.verified'), t('whatsapp.numbers.notVerified'), 'wa-number-verified')}
                    {yesNo(n.registered, t('whatsapp.numbers.registered'), t('whatsapp.numbers.notRegistered'), 'wa-number-registered')}
                    {yesNo(n.eligible, t('whatsapp.numbers.eligible'), t('whatsapp.numbers.notEligible'), 'wa-number-eligible')}
                  </Group>
                  {n.ineligibleReason && (
                    <Text size="xs" c="var(--mantine-color-orange-light-color)" mt={4} data-testid="wa-number-reason">
                      {reasonOf(n)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {!n.registered && (
                    <Button size="compact-xs" variant="light" onClick={() => setRegistering(n)} data-testid="wa-register">
                      {t('whatsapp.numbers.register')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {data && numbers.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" size="sm">
                    {fetching ? t('app.loading') : t('whatsapp.numbers.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Text size="xs" c="dimmed" mt="xs">
        {t('whatsapp.numbers.migrationNote')}
      </Text>
      <Modal
        opened={registering !== null}
        onClose={() => setRegistering(null)}
        title={registering ? t('whatsapp.numbers.registerTitle', { number: registering.displayPhoneNumber }) : ''}
      >
        {registering && (
          <RegisterForm
            number={registering}
            onDone={() => {
              setRegistering(null);
              reload({ requestPolicy: 'network-only' });
            }}
            onCancel={() => setRegistering(null)}
          />
        )}
      </Modal>
    </Paper>
  );
}

function RegisterForm({ number, onDone, onCancel }: { number: NumberItem; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, register] = useMutation(RegisterWhatsappNumberMutation);
  const [{ data: sim }] = useQuery({ query: SimulatorQuery, requestPolicy: 'cache-first' });
  const demoPin = sim?.simulator?.demoPin;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!/^\d{6}$/.test(pin)) {
      setError(t('whatsapp.numbers.pinInvalid'));
      return;
    }
    const res = await register({ phoneNumberId: number.id, pin });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    onDone();
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text size="sm">{t('whatsapp.numbers.pinIntro')}</Text>
        {demoPin && (
          <Alert color="blue" data-testid="wa-demo-pin">
            {t('profileAdmin.demoPin', { pin: demoPin })}
          </Alert>
        )}
        {error && (
          <Alert color="red" className="pre-wrap">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('whatsapp.numbers.pin')}
          value={pin}
          onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          data-testid="wa-register-pin"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={fetching} data-testid="wa-register-submit">
            {t('whatsapp.numbers.register')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ProfilesSection() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: AllWhatsappProfilesQuery, requestPolicy: 'cache-and-network' });
  const [{ data: usersData }] = useQuery({ query: UsersQuery, variables: { first: 200 } });
  const [{ data: groupsData }] = useQuery({ query: GroupsQuery });
  const [{ data: rolesData }] = useQuery({ query: RolesQuery });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ProfileItem | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [, setActive] = useMutation(SetWhatsappProfileActiveMutation);
  const profiles = data?.allWhatsappProfiles ?? [];
  const toggle = async (p: ProfileItem, active: boolean) => {
    setActionError(null);
    const res = await setActive({ id: p.id, active });
    if (res.error) setActionError(errorMessage(res.error, t));
    reload({ requestPolicy: 'network-only' });
  };

  const users = (usersData?.users.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.name} <${e.node.email}>` }));
  const groups = (groupsData?.groups ?? []).map((g) => ({ value: g.id, label: g.name }));
  const roles = (rolesData?.roles ?? []).map((r) => ({ value: r.id, label: r.name }));
  const nameOf = (list: { value: string; label: string }[], id: string) => list.find((o) => o.value === id)?.label ?? id;

  return (
    <Paper withBorder p="md" data-testid="wa-profiles">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('whatsapp.profiles.title')}</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-wa-profile">
          {t('whatsapp.profiles.create')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" className="pre-wrap" mb="sm">
          {errorMessage(error, t)}
        </Alert>
      )}
      {actionError && (
        <Alert color="red" className="pre-wrap" mb="sm" data-testid="wa-profile-action-error" withCloseButton onClose={() => setActionError(null)}>
          {actionError}
        </Alert>
      )}
      <ScrollArea>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('whatsapp.profiles.nickname')}</Table.Th>
              <Table.Th>{t('whatsapp.profiles.number')}</Table.Th>
              <Table.Th>{t('whatsapp.profiles.unknownSenders')}</Table.Th>
              <Table.Th>{t('whatsapp.profiles.access')}</Table.Th>
              <Table.Th>{t('whatsapp.profiles.state')}</Table.Th>
              <Table.Th>{t('profileAdmin.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {profiles.map((p) => {
              const access = [
                ...p.userIds.map((id) => nameOf(users, id)),
                ...p.groupIds.map((id) => `${t('whatsapp.profiles.group')}: ${nameOf(groups, id)}`),
                ...p.roleIds.map((id) => `${t('whatsapp.profiles.role')}: ${nameOf(roles, id)}`),
              ];
              return (
                <Table.Tr key={p.id} data-testid="wa-profile-row" data-id={p.id}>
                  <Table.Td>{p.nickname}</Table.Td>
                  <Table.Td dir="ltr">{p.displayPhoneNumber}</Table.Td>
                  <Table.Td>
                    {p.unknownSenders === 'Contacts' ? t('whatsapp.profiles.addAsContacts') : t('whatsapp.profiles.addAsLeads')}
                  </Table.Td>
                  <Table.Td>
                    {access.length === 0 ? (
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
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={p.active ? 'teal' : 'gray'} variant="light" data-testid="wa-profile-state" data-active={p.active}>
                      {p.active ? t('whatsapp.profiles.active') : t('whatsapp.profiles.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="light" onClick={() => setEditing(p)} data-testid="wa-profile-edit">
                        {t('profileAdmin.edit')}
                      </Button>
                      {p.active ? (
                        <ConfirmButton
                          size="compact-xs"
                          variant="light"
                          color="red"
                          question={t('profileAdmin.switchOffConfirm', { name: p.nickname })}
                          onConfirm={() => toggle(p, false)}
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
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {data && profiles.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Text c="dimmed" size="sm">
                    {t('whatsapp.profiles.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('profileAdmin.editTitle', { name: editing.nickname }) : ''}
        size="lg"
      >
        {editing && (
          <ProfileForm
            profile={editing}
            users={users}
            groups={groups}
            roles={roles}
            onDone={() => {
              setEditing(null);
              reload({ requestPolicy: 'network-only' });
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('whatsapp.profiles.createTitle')} size="lg">
        {creating && (
          <ProfileForm
            users={users}
            groups={groups}
            roles={roles}
            onDone={() => {
              setCreating(false);
              reload({ requestPolicy: 'network-only' });
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </Paper>
  );
}

type Option = { value: string; label: string };
type ProfileItem = {
  id: string;
  nickname: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  unknownSenders: string;
  active: boolean;
  userIds: string[];
  groupIds: string[];
  roleIds: string[];
};

/** A new profile, or (with `profile`) the changes to one: its number stays. */
function ProfileForm({
  profile,
  users,
  groups,
  roles,
  onDone,
  onCancel,
}: {
  profile?: ProfileItem;
  users: Option[];
  groups: Option[];
  roles: Option[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [{ data: numbersData }] = useQuery({ query: WhatsappNumbersQuery, requestPolicy: 'network-only' });
  const [nickname, setNickname] = useState(profile?.nickname ?? '');
  const [phoneNumberId, setPhoneNumberId] = useState<string | null>(profile?.phoneNumberId ?? null);
  const [unknownSenders, setUnknownSenders] = useState(profile?.unknownSenders ?? 'Leads');
  const [userIds, setUserIds] = useState<string[]>(profile?.userIds ?? []);
  const [groupIds, setGroupIds] = useState<string[]>(profile?.groupIds ?? []);
  const [roleIds, setRoleIds] = useState<string[]>(profile?.roleIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const [{ fetching: creating }, create] = useMutation(CreateWhatsappProfileMutation);
  const [{ fetching: updating }, update] = useMutation(UpdateWhatsappProfileMutation);
  const fetching = creating || updating;

  const numbers = numbersData?.whatsappNumbers ?? [];
  const numberOptions = profile
    ? [{ value: profile.phoneNumberId, label: profile.displayPhoneNumber, disabled: false }]
    : numbers.map((n) => ({
    value: n.id,
    label: n.eligible
      ? `${n.displayPhoneNumber} (${n.verifiedName})`
      : `${n.displayPhoneNumber} – ${n.ineligibleReason ?? t('whatsapp.numbers.notEligible')}`,
    disabled: !n.eligible,
  }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!nickname.trim() || !phoneNumberId) {
      setError(t('whatsapp.profiles.required'));
      return;
    }
    const res = profile
      ? await update({ id: profile.id, input: { nickname: nickname.trim(), unknownSenders, userIds, groupIds, roleIds } })
      : await create({
          input: { nickname: nickname.trim(), phoneNumberId, unknownSenders, userIds, groupIds, roleIds },
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
          <Alert color="red" className="pre-wrap" data-testid="wa-profile-error">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('whatsapp.profiles.nickname')}
          required
          value={nickname}
          onChange={(e) => setNickname(e.currentTarget.value)}
          data-testid="wa-profile-nickname"
        />
        <Select
          label={t('whatsapp.profiles.number')}
          description={profile ? t('profileAdmin.numberFixed') : t('whatsapp.profiles.numberHint')}
          required
          disabled={!!profile}
          data={numberOptions}
          value={phoneNumberId}
          onChange={setPhoneNumberId}
          data-testid="wa-profile-number"
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('whatsapp.profiles.unknownSenders')}
          </Text>
          <SegmentedControl
            value={unknownSenders}
            onChange={setUnknownSenders}
            data={[
              { value: 'Leads', label: t('whatsapp.profiles.addAsLeads') },
              { value: 'Contacts', label: t('whatsapp.profiles.addAsContacts') },
            ]}
            data-testid="wa-profile-unknown"
          />
        </div>
        <Text size="sm" c="dimmed">
          {t('whatsapp.profiles.accessHint')}
        </Text>
        <MultiSelect
          label={t('whatsapp.profiles.users')}
          data={users}
          value={userIds}
          onChange={setUserIds}
          searchable
          clearable
          data-testid="wa-profile-users"
        />
        <MultiSelect
          label={t('whatsapp.profiles.groups')}
          data={groups}
          value={groupIds}
          onChange={setGroupIds}
          searchable
          clearable
          data-testid="wa-profile-groups"
        />
        <MultiSelect
          label={t('whatsapp.profiles.roles')}
          data={roles}
          value={roleIds}
          onChange={setRoleIds}
          searchable
          clearable
          data-testid="wa-profile-roles"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={fetching} data-testid="wa-profile-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
