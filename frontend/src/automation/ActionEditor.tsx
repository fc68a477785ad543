import { ActionIcon, Group, NumberInput, Paper, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import type { ActionKind } from '../gql/graphql';
import { TemplatesQuery, WhatsappProfilesQuery } from '../graphql/operations';
import { labelOf, type FieldMeta } from '../records/meta';
import { ACTION_KINDS, emptyAction, type ActionDraft } from './draft';
import { AddButton } from './EditorModal';

/** One action: its kind and the inputs that kind needs. `testId` prefixes every input's id. */
export function ActionEditor({
  module,
  fields,
  value,
  onChange,
  testId,
}: {
  module: string;
  fields: FieldMeta[];
  value: ActionDraft;
  onChange: (next: ActionDraft) => void;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data: tpl }] = useQuery({
    query: TemplatesQuery,
    variables: { module },
    pause: value.kind !== 'SEND_TEMPLATE' || !module,
    requestPolicy: 'cache-and-network',
  });
  const [{ data: prof }] = useQuery({ query: WhatsappProfilesQuery, pause: value.kind !== 'SEND_TEMPLATE' });
  // The picker lists only approved templates of this module.
  const approved = (tpl?.templates ?? []).filter((x) => x.status === 'APPROVED' && x.module === module);
  const set = (patch: Partial<ActionDraft>) => onChange({ ...value, ...patch });
  const phoneFields = fields.filter((f) => f.fieldType === 'PHONE');
  const editable = fields.filter((f) => f.fieldType !== 'OWNER' && f.fieldType !== 'LINE_ITEMS');
  const field = fields.find((f) => f.apiName === value.field);

  return (
    <Stack gap="xs">
      <Select
        label={t('automation.actionKind')}
        data={ACTION_KINDS.map((k) => ({ value: k, label: t(`automation.kinds.${k}`) }))}
        value={value.kind}
        onChange={(v) => v && onChange(emptyAction(v as ActionKind))}
        allowDeselect={false}
        data-testid={`${testId}-kind`}
      />
      {value.kind === 'SEND_TEMPLATE' && (
        <>
          <Select
            label={t('automation.template')}
            description={approved.length ? t('automation.templateHint') : t('automation.noApproved')}
            data={approved.map((x) => ({ value: x.id, label: `${x.name} (${x.language})` }))}
            value={value.templateId ?? null}
            onChange={(v) => set({ templateId: v })}
            searchable
            data-testid={`${testId}-template`}
          />
          <Group grow wrap="wrap" gap="xs">
            <Select
              label={t('automation.profile')}
              placeholder={t('automation.profileDefault')}
              data={(prof?.whatsappProfiles ?? [])
                .filter((p) => p.active)
                .map((p) => ({ value: p.id, label: `${p.nickname} (${p.displayPhoneNumber})` }))}
              value={value.profileId ?? null}
              onChange={(v) => set({ profileId: v })}
              clearable
              miw={160}
              data-testid={`${testId}-profile`}
            />
            <Select
              label={t('automation.phoneField')}
              placeholder={t('automation.phoneFieldDefault')}
              data={phoneFields.map((f) => ({ value: f.apiName, label: labelOf(f, lang) }))}
              value={value.phoneField ?? null}
              onChange={(v) => set({ phoneField: v })}
              clearable
              miw={160}
              data-testid={`${testId}-phone-field`}
            />
          </Group>
        </>
      )}
      {value.kind === 'CREATE_TASK' && (
        <Group grow wrap="wrap" gap="xs">
          <TextInput
            label={t('automation.subject')}
            value={value.subject ?? ''}
            onChange={(e) => set({ subject: e.currentTarget.value })}
            miw={180}
            data-testid={`${testId}-subject`}
          />
          <NumberInput
            label={t('automation.dueInDays')}
            value={value.dueInDays ?? ''}
            onChange={(v) => set({ dueInDays: typeof v === 'number' ? v : null })}
            min={0}
            miw={120}
            data-testid={`${testId}-due`}
          />
        </Group>
      )}
      {value.kind === 'UPDATE_FIELD' && (
        <Group grow wrap="wrap" gap="xs">
          <Select
            label={t('automation.field')}
            data={editable.map((f) => ({ value: f.apiName, label: labelOf(f, lang) }))}
            value={value.field ?? null}
            onChange={(v) => set({ field: v, value: '' })}
            searchable
            miw={160}
            data-testid={`${testId}-field`}
          />
          {field?.fieldType === 'PICKLIST' ? (
            <Select
              label={t('automation.newValue')}
              data={field.options}
              value={value.value || null}
              onChange={(v) => set({ value: v ?? '' })}
              miw={160}
              data-testid={`${testId}-value`}
            />
          ) : (
            <TextInput
              label={t('automation.newValue')}
              value={value.value ?? ''}
              onChange={(e) => set({ value: e.currentTarget.value })}
              miw={160}
              data-testid={`${testId}-value`}
            />
          )}
        </Group>
      )}
      {value.kind === 'OUTGOING_WEBHOOK' && (
        <Group grow wrap="wrap" gap="xs" align="flex-start">
          <TextInput
            label={t('automation.url')}
            description={t('automation.urlHint')}
            placeholder="https://example.com/parley"
            value={value.url ?? ''}
            onChange={(e) => set({ url: e.currentTarget.value })}
            miw={220}
            data-testid={`${testId}-url`}
          />
          <PasswordInput
            label={t('automation.secret')}
            description={value.hasSecret ? t('automation.secretKept') : t('automation.secretHint')}
            placeholder={value.hasSecret ? '••••••' : undefined}
            value={value.secret ?? ''}
            onChange={(e) => set({ secret: e.currentTarget.value })}
            autoComplete="new-password"
            miw={180}
            data-testid={`${testId}-secret`}
          />
        </Group>
      )}
    </Stack>
  );
}

/** A list of actions, run in order. */
export default function ActionsEditor({
  module,
  fields,
  value,
  onChange,
  testId = 'action',
}: {
  module: string;
  fields: FieldMeta[];
  value: ActionDraft[];
  onChange: (next: ActionDraft[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t('automation.actions')}
      </Text>
      {value.map((a, i) => (
        <Paper key={i} withBorder p="xs" data-testid={`${testId}-row`}>
          <Group justify="flex-end" mb={-8}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('automation.removeAction')}
              title={t('automation.removeAction')}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              data-testid={`${testId}-remove-${i}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <ActionEditor
            module={module}
            fields={fields}
            value={a}
            onChange={(next) => onChange(value.map((x, j) => (j === i ? next : x)))}
            testId={`${testId}-${i}`}
          />
        </Paper>
      ))}
      <AddButton onClick={() => onChange([...value, emptyAction()])} testId={`${testId}-add`}>
        {t('automation.addAction')}
      </AddButton>
    </Stack>
  );
}
