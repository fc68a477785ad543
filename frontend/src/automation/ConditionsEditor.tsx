import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConditionInput, ConditionOp } from '../gql/graphql';
import { labelOf, type FieldMeta } from '../records/meta';
import { OPS, opNeedsValue } from './draft';

/** Rows of "field op value"; all must hold for the rule to run. */
export default function ConditionsEditor({
  fields,
  value,
  onChange,
}: {
  fields: FieldMeta[];
  value: ConditionInput[];
  onChange: (next: ConditionInput[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const fieldData = fields
    .filter((f) => f.fieldType !== 'LINE_ITEMS')
    .map((f) => ({ value: f.apiName, label: labelOf(f, i18n.language) }));
  const set = (i: number, patch: Partial<ConditionInput>) =>
    onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  return (
    <Stack gap="xs" data-testid="conditions-editor">
      <Text size="sm" fw={500}>
        {t('automation.conditions')}
      </Text>
      {value.map((c, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="wrap" data-testid="condition-row">
          <Select
            label={t('automation.field')}
            data={fieldData}
            value={c.field || null}
            onChange={(v) => set(i, { field: v ?? '' })}
            searchable
            w={{ base: '100%', xs: 180 }}
            data-testid={`condition-field-${i}`}
          />
          <Select
            label={t('automation.op')}
            data={OPS.map((op) => ({ value: op, label: t(`automation.ops.${op}`) }))}
            value={c.op}
            onChange={(v) => v && set(i, { op: v as ConditionOp })}
            allowDeselect={false}
            w={{ base: '100%', xs: 160 }}
            data-testid={`condition-op-${i}`}
          />
          {opNeedsValue(c.op) && (
            <TextInput
              label={t('automation.value')}
              value={c.value ?? ''}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
              w={{ base: '100%', xs: 160 }}
              data-testid={`condition-value-${i}`}
            />
          )}
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('automation.removeCondition')}
            title={t('automation.removeCondition')}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
            data-testid={`condition-remove-${i}`}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...value, { field: '', op: 'EQUALS', value: '' }])}
          data-testid="add-condition"
        >
          {t('automation.addCondition')}
        </Button>
      </Group>
    </Stack>
  );
}
