import { useState } from 'react';
import { MultiSelect, SegmentedControl, Select, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  CreateWhatsappProfileMutation,
  UpdateWhatsappProfileMutation,
  WhatsappNumbersQuery,
} from '../../../graphql/operations';
import { type DialogActions, DialogForm } from '../../../components/settings';

export type Option = { value: string; label: string };
export type ProfileItem = {
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
export default function ProfileForm({
  profile,
  users,
  groups,
  roles,
  ...dialog
}: {
  profile?: ProfileItem;
  users: Option[];
  groups: Option[];
  roles: Option[];
} & DialogActions) {
  const { t } = useTranslation();
  const [{ data: numbersData }] = useQuery({ query: WhatsappNumbersQuery, requestPolicy: 'network-only' });
  const [nickname, setNickname] = useState(profile?.nickname ?? '');
  const [phoneNumberId, setPhoneNumberId] = useState<string | null>(profile?.phoneNumberId ?? null);
  const [unknownSenders, setUnknownSenders] = useState(profile?.unknownSenders ?? 'Leads');
  const [userIds, setUserIds] = useState<string[]>(profile?.userIds ?? []);
  const [groupIds, setGroupIds] = useState<string[]>(profile?.groupIds ?? []);
  const [roleIds, setRoleIds] = useState<string[]>(profile?.roleIds ?? []);
  const [, create] = useMutation(CreateWhatsappProfileMutation);
  const [, update] = useMutation(UpdateWhatsappProfileMutation);

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

  const submit = () => {
    if (!nickname.trim() || !phoneNumberId) return t('whatsapp.profiles.required');
    const input = { nickname: nickname.trim(), unknownSenders, userIds, groupIds, roleIds };
    return profile ? update({ id: profile.id, input }) : create({ input: { ...input, phoneNumberId } });
  };

  const access = (label: string, data: Option[], value: string[], onChange: (v: string[]) => void, testId: string) => (
    <MultiSelect label={label} data={data} value={value} onChange={onChange} searchable clearable data-testid={testId} />
  );

  return (
    <DialogForm
      onSubmit={submit}
      {...dialog}
      submitLabel={t('common.save')}
      submitTestId="wa-profile-save"
      errorTestId="wa-profile-error"
    >
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
      {access(t('whatsapp.profiles.users'), users, userIds, setUserIds, 'wa-profile-users')}
      {access(t('whatsapp.profiles.groups'), groups, groupIds, setGroupIds, 'wa-profile-groups')}
      {access(t('whatsapp.profiles.roles'), roles, roleIds, setRoleIds, 'wa-profile-roles')}
    </DialogForm>
  );
}
