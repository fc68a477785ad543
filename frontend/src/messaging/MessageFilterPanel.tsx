import { useState } from 'react';
import { Button, Group, Input, NumberInput, Select, SimpleGrid, Stack } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { UsersQuery, WhatsappProfilesQuery } from '../graphql/operations';
import type { DurationInput, DurationUnit } from '../gql/graphql';
import { useViewer } from '../auth/session';
import { labelOf } from '../records/meta';
import { useModules } from './merge';
import {
  DIRECTIONS,
  DURATION_UNITS,
  MESSAGE_TYPES,
  PERIODS,
  STATUSES,
  filterCount,
  isoToLocalInput,
  localInputToIso,
  type DurationKey,
  type MessageFilter,
} from './filters';
import { LocalDateInput } from '../components/LocalDateInput';

/** Sets (or with `undefined`, removes) one key of a filter, leaving the others. */
function withKey<K extends keyof MessageFilter>(filter: MessageFilter, key: K, value: MessageFilter[K] | undefined): MessageFilter {
  const next = { ...filter };
  if (value === undefined || value === null || value === '') delete next[key];
  else next[key] = value;
  return next;
}

/**
 * Every condition of `MessageFilter` (F25): direction, type, status, profile, module, record
 * owner, who replied, reply times, a rolling window, a calendar period and a date range.
 * Conversation and record ids are not offered here, but a saved view's ones are kept.
 */
export default function MessageFilterPanel({
  filter,
  onChange,
}: {
  filter: MessageFilter;
  onChange: (filter: MessageFilter) => void;
}) {
  const { t, i18n } = useTranslation();
  const { modules } = useModules();
  const [{ data: profilesData }] = useQuery({ query: WhatsappProfilesQuery, requestPolicy: 'cache-first' });
  const set = <K extends keyof MessageFilter>(key: K, value: MessageFilter[K] | undefined) =>
    onChange(withKey(filter, key, value));

  const typeOptions = MESSAGE_TYPES.map((v) => ({ value: v, label: t(`chat.types.${v}`, { defaultValue: v }) }));
  if (filter.type && !MESSAGE_TYPES.includes(filter.type)) typeOptions.push({ value: filter.type, label: filter.type });
  const profileOptions = (profilesData?.whatsappProfiles ?? []).map((p) => ({ value: p.id, label: p.nickname }));
  if (filter.profileId && !profileOptions.some((o) => o.value === filter.profileId)) {
    profileOptions.push({ value: String(filter.profileId), label: String(filter.profileId) });
  }

  return (
    <Stack gap="sm" data-testid="message-filters">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="xs">
        <Select
          label={t('messageList.filter.direction')}
          placeholder={t('messageList.filter.any')}
          data={DIRECTIONS.map((d) => ({ value: d, label: t(`messageList.direction.${d}`) }))}
          value={filter.direction ?? null}
          onChange={(v) => set('direction', (v as MessageFilter['direction']) ?? undefined)}
          clearable
          data-testid="filter-direction"
        />
        <Select
          label={t('messageList.filter.type')}
          placeholder={t('messageList.filter.any')}
          data={typeOptions}
          value={filter.type ?? null}
          onChange={(v) => set('type', v ?? undefined)}
          clearable
          searchable
          data-testid="filter-type"
        />
        <Select
          label={t('messageList.filter.status')}
          placeholder={t('messageList.filter.any')}
          data={STATUSES.map((s) => ({ value: s, label: t(`chat.status.${s}`) }))}
          value={filter.status ?? null}
          onChange={(v) => set('status', (v as MessageFilter['status']) ?? undefined)}
          clearable
          data-testid="filter-status"
        />
        <Select
          label={t('messageList.filter.profile')}
          placeholder={t('messageList.filter.any')}
          data={profileOptions}
          value={filter.profileId != null ? String(filter.profileId) : null}
          onChange={(v) => set('profileId', v ?? undefined)}
          clearable
          data-testid="filter-profile"
        />
        <Select
          label={t('messageList.filter.module')}
          placeholder={t('messageList.filter.any')}
          data={modules.map((m) => ({ value: m.apiName, label: labelOf(m, i18n.language) }))}
          value={filter.module ?? null}
          onChange={(v) => set('module', v ?? undefined)}
          clearable
          data-testid="filter-module"
        />
        <UserFilterSelect
          label={t('messageList.filter.owner')}
          description={t('messageList.filter.ownerHint')}
          id={filter.ownerId != null ? String(filter.ownerId) : null}
          me={!!filter.ownerIsMe}
          onChange={(id, me) => onChange(withKey(withKey(filter, 'ownerId', id ?? undefined), 'ownerIsMe', me || undefined))}
          testId="filter-owner"
        />
        <UserFilterSelect
          label={t('messageList.filter.repliedBy')}
          description={t('messageList.filter.repliedByHint')}
          id={filter.repliedById != null ? String(filter.repliedById) : null}
          me={!!filter.repliedByMe}
          onChange={(id, me) =>
            onChange(withKey(withKey(filter, 'repliedById', id ?? undefined), 'repliedByMe', me || undefined))
          }
          testId="filter-replied-by"
        />
        <Select
          label={t('messageList.filter.period')}
          description={t('messageList.filter.periodHint')}
          placeholder={t('messageList.filter.any')}
          data={PERIODS.map((p) => ({ value: p, label: t(`messageList.period.${p}`) }))}
          value={filter.period ?? null}
          onChange={(v) => set('period', (v as MessageFilter['period']) ?? undefined)}
          clearable
          data-testid="filter-period"
        />
        <DurationField filterKey="notRepliedWithin" filter={filter} onChange={onChange} testId="filter-not-replied-within" />
        <DurationField filterKey="repliedWithin" filter={filter} onChange={onChange} testId="filter-replied-within" />
        <DurationField filterKey="within" filter={filter} onChange={onChange} testId="filter-within" />
        <div />
        <LocalDateInput
          withTime
          label={t('messageList.filter.from')}
          value={isoToLocalInput(filter.from)}
          onChange={(v) => set('from', localInputToIso(v))}
          data-testid="filter-from"
        />
        <LocalDateInput
          withTime
          label={t('messageList.filter.to')}
          value={isoToLocalInput(filter.to)}
          onChange={(v) => set('to', localInputToIso(v))}
          data-testid="filter-to"
        />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconFilterOff size={14} />}
          onClick={() => onChange({})}
          disabled={filterCount(filter) === 0}
          data-testid="filter-clear"
        >
          {t('messageList.filter.clear')}
        </Button>
      </Group>
    </Stack>
  );
}

const ME = '__me__';

/**
 * A user condition: "me" (the viewer, whoever that is when a shared view is opened) or a
 * particular user. Only administrators may list users, so others get "me" alone.
 */
function UserFilterSelect({
  label,
  description,
  id,
  me,
  onChange,
  testId,
}: {
  label: string;
  description: string;
  id: string | null;
  me: boolean;
  onChange: (id: string | null, me: boolean) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const [{ data }] = useQuery({ query: UsersQuery, variables: { first: 100 }, pause: !viewer.isAdmin });
  const options = [{ value: ME, label: t('messageList.filter.me') }];
  for (const u of data?.users.edges.map((e) => e.node) ?? []) {
    if (u.active || u.id === id) options.push({ value: u.id, label: u.name });
  }
  if (id && !options.some((o) => o.value === id)) {
    options.push({ value: id, label: id === viewer.id ? viewer.name : t('messageList.filter.otherUser') });
  }
  return (
    <Select
      label={label}
      description={description}
      placeholder={t('messageList.filter.anyone')}
      data={options}
      value={me ? ME : id}
      onChange={(v) => onChange(v && v !== ME ? v : null, v === ME)}
      clearable
      searchable
      data-testid={testId}
    />
  );
}

/** Amount and unit of one duration condition; no amount means no condition. */
function DurationField({
  filterKey,
  filter,
  onChange,
  testId,
}: {
  filterKey: DurationKey;
  filter: MessageFilter;
  onChange: (filter: MessageFilter) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const value: DurationInput | null | undefined = filter[filterKey];
  // The unit picked before an amount is typed (nothing is filtered until there is one).
  const [unit, setUnit] = useState<DurationUnit>('DAYS');
  const shownUnit = value?.unit ?? unit;

  const setAmount = (raw: string | number) => {
    const n = typeof raw === 'number' ? raw : Number(raw);
    onChange(withKey(filter, filterKey, raw !== '' && Number.isInteger(n) && n > 0 ? { amount: n, unit: shownUnit } : undefined));
  };
  const changeUnit = (u: string | null) => {
    if (!u) return;
    setUnit(u as DurationUnit);
    if (value) onChange(withKey(filter, filterKey, { amount: value.amount, unit: u as DurationUnit }));
  };

  return (
    <Input.Wrapper label={t(`messageList.filter.${filterKey}`)} data-testid={testId}>
      <Group gap={6} wrap="nowrap" align="flex-start">
        <NumberInput
          aria-label={`${t(`messageList.filter.${filterKey}`)}: ${t('messageList.filter.amount')}`}
          placeholder={t('messageList.filter.amount')}
          value={value?.amount ?? ''}
          onChange={setAmount}
          min={1}
          max={10000}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          w={90}
          data-testid={`${testId}-amount`}
        />
        <Select
          aria-label={`${t(`messageList.filter.${filterKey}`)}: ${t('messageList.filter.unit')}`}
          data={DURATION_UNITS.map((u) => ({ value: u, label: t(`messageList.units.${u}`) }))}
          value={shownUnit}
          onChange={changeUnit}
          allowDeselect={false}
          style={{ flex: 1 }}
          data-testid={`${testId}-unit`}
        />
      </Group>
    </Input.Wrapper>
  );
}
