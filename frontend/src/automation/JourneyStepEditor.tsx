import { ActionIcon, Box, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { JourneyStepInput, JourneyStepKind } from '../gql/graphql';
import type { FieldMeta } from '../records/meta';
import { emptyAction } from './draft';
import { ActionEditor } from './ActionEditor';

const KINDS: JourneyStepKind[] = ['ACTION', 'WAIT', 'WAIT_FOR_REPLY', 'END'];

/** One box of the journey's vertical flow; WAIT_FOR_REPLY splits into two branches. */
export default function JourneyStepEditor({
  index,
  count,
  step,
  keys,
  module,
  fields,
  onChange,
  onRemove,
  onMove,
}: {
  index: number;
  count: number;
  step: JourneyStepInput;
  keys: string[];
  module: string;
  fields: FieldMeta[];
  onChange: (next: JourneyStepInput) => void;
  onRemove: () => void;
  onMove: (delta: -1 | 1) => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<JourneyStepInput>) => onChange({ ...step, ...patch });
  const others = keys.filter((k) => k !== step.key);
  const target = (label: string, value: string | null | undefined, key: 'next' | 'onReply' | 'onNoReply') => (
    <Select
      label={label}
      placeholder={t('automation.nextDefault')}
      data={others}
      value={value ?? null}
      onChange={(v) => set({ [key]: v })}
      clearable
      data-testid={`step-${index}-${key}`}
    />
  );

  return (
    <Paper withBorder p="sm" data-testid="journey-step" data-kind={step.kind}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text fw={600} size="sm">
            {index + 1}. {step.key}
          </Text>
          <Select
            aria-label={t('automation.stepKind')}
            data={KINDS.map((k) => ({ value: k, label: t(`automation.stepKinds.${k}`) }))}
            value={step.kind}
            onChange={(v) =>
              v &&
              onChange({
                key: step.key,
                kind: v as JourneyStepKind,
                action: v === 'ACTION' ? emptyAction() : null,
                waitMinutes: v === 'WAIT' || v === 'WAIT_FOR_REPLY' ? (step.waitMinutes ?? 60) : null,
              })
            }
            allowDeselect={false}
            w={170}
            size="xs"
            data-testid={`step-${index}-kind`}
          />
        </Group>
        <Group gap={2} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            aria-label={t('automation.moveUp')}
            title={t('automation.moveUp')}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            <IconArrowUp size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={t('automation.moveDown')}
            title={t('automation.moveDown')}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            <IconArrowDown size={16} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('automation.removeStep')}
            title={t('automation.removeStep')}
            onClick={onRemove}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      </Group>
      <Stack gap="xs" mt="xs">
        {step.kind === 'ACTION' && (
          <ActionEditor
            module={module}
            fields={fields}
            value={step.action ?? emptyAction()}
            onChange={(action) => set({ action })}
            testId={`step-${index}-action`}
          />
        )}
        {(step.kind === 'WAIT' || step.kind === 'WAIT_FOR_REPLY') && (
          <NumberInput
            label={t('automation.waitMinutes')}
            value={step.waitMinutes ?? 60}
            onChange={(v) => set({ waitMinutes: typeof v === 'number' ? v : null })}
            min={1}
            max={525600}
            data-testid={`step-${index}-wait`}
          />
        )}
        {step.kind === 'WAIT_FOR_REPLY' ? (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <Box p="xs" style={{ borderLeft: '3px solid var(--mantine-color-green-5)' }}>
              {target(t('automation.onReply'), step.onReply, 'onReply')}
            </Box>
            <Box p="xs" style={{ borderLeft: '3px solid var(--mantine-color-orange-5)' }}>
              {target(t('automation.onNoReplyAfter'), step.onNoReply, 'onNoReply')}
            </Box>
          </SimpleGrid>
        ) : (
          step.kind !== 'END' && target(t('automation.next'), step.next, 'next')
        )}
      </Stack>
    </Paper>
  );
}
