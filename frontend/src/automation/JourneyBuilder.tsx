import { useState } from 'react';
import { Alert, Center, Group, Select, Stack, Switch } from '@mantine/core';
import { IconArrowDown } from '@tabler/icons-react';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import type { ConditionInput, JourneyStepInput, JourneysQuery, WorkflowTrigger } from '../gql/graphql';
import { useModuleMeta } from '../records/meta';
import { CreateJourneyMutation, UpdateJourneyMutation } from './ops';
import { TRIGGERS, actionFromServer, cleanAction, cleanConditions, conditionsFromServer, emptyAction } from './draft';
import ModuleSelect from './ModuleSelect';
import EditorModal, { AddButton } from './EditorModal';
import ConditionsEditor from './ConditionsEditor';
import JourneyStepEditor from './JourneyStepEditor';

const firstSteps = (): JourneyStepInput[] => [
  { key: 's1', kind: 'ACTION', action: emptyAction() },
  { key: 's2', kind: 'WAIT_FOR_REPLY', waitMinutes: 2 * 24 * 60 },
  { key: 's3', kind: 'END' },
];

type Journey = JourneysQuery['journeys'][number];

const stepsFromServer = (j: Journey): JourneyStepInput[] =>
  j.steps.map((s) => ({
    key: s.key,
    kind: s.kind,
    action: s.action ? actionFromServer(s.action) : null,
    waitMinutes: s.kind === 'WAIT' || s.kind === 'WAIT_FOR_REPLY' ? s.waitMinutes : null,
    next: s.next ?? null,
    onReply: s.onReply ?? null,
    onNoReply: s.onNoReply ?? null,
  }));

/**
 * The journey builder: entry (module, trigger, conditions) and steps in a vertical flow. Given a
 * `journey`, it opens that journey and saves changes to it: records on it go on from their step
 * (by key); a removed step ends the records at it.
 */
export default function JourneyBuilder({
  opened,
  onClose,
  onSaved,
  journey,
}: {
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
  journey?: Journey;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(journey?.name ?? '');
  const [module, setModule] = useState(journey?.module ?? 'Leads');
  const [trigger, setTrigger] = useState<WorkflowTrigger>(journey?.trigger ?? 'CREATED');
  const [conditions, setConditions] = useState<ConditionInput[]>(() => conditionsFromServer(journey?.conditions ?? []));
  const [steps, setSteps] = useState<JourneyStepInput[]>(() => (journey ? stepsFromServer(journey) : firstSteps()));
  const [active, setActive] = useState(journey?.active ?? true);
  const { module: meta } = useModuleMeta(module);
  const fields = meta?.fields ?? [];
  const [created, create] = useMutation(CreateJourneyMutation);
  const [updated, update] = useMutation(UpdateJourneyMutation);
  const { fetching, error } = journey ? updated : created;
  const keys = steps.map((s) => s.key);

  const addStep = () => {
    let n = steps.length + 1;
    while (keys.includes(`s${n}`)) n++;
    setSteps([...steps, { key: `s${n}`, kind: 'ACTION', action: emptyAction() }]);
  };
  const move = (i: number, delta: -1 | 1) => {
    const next = [...steps];
    [next[i], next[i + delta]] = [next[i + delta], next[i]];
    setSteps(next);
  };
  const remove = (i: number) => {
    const gone = steps[i].key;
    const unlink = (k: string | null | undefined) => (k === gone ? null : k);
    setSteps(
      steps
        .filter((_, j) => j !== i)
        .map((s) => ({ ...s, next: unlink(s.next), onReply: unlink(s.onReply), onNoReply: unlink(s.onNoReply) })),
    );
  };

  const submit = async () => {
    const input = {
      name: name.trim(),
      module,
      trigger,
      conditions: cleanConditions(conditions),
      active,
      steps: steps.map((s) => ({
        key: s.key,
        kind: s.kind,
        action: s.kind === 'ACTION' && s.action ? cleanAction(s.action) : null,
        waitMinutes: s.kind === 'WAIT' || s.kind === 'WAIT_FOR_REPLY' ? s.waitMinutes : null,
        next: s.kind === 'WAIT_FOR_REPLY' || s.kind === 'END' ? null : s.next,
        onReply: s.kind === 'WAIT_FOR_REPLY' ? s.onReply : null,
        onNoReply: s.kind === 'WAIT_FOR_REPLY' ? s.onNoReply : null,
      })),
    };
    const res = journey ? await update({ id: journey.id, input }) : await create({ input });
    if (!res.error) onSaved();
  };

  return (
    <EditorModal
      opened={opened}
      onClose={onClose}
      title={journey ? t('automation.editJourneyTitle', { name: journey.name }) : t('automation.journeyTitle')}
      testId="journey-builder"
      error={error}
      name={name}
      onName={setName}
      onSave={() => void submit()}
      saving={fetching}
      canSave={!!name.trim() && steps.length > 0}
      footerStart={
        <Switch
          label={t('automation.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          data-testid="journey-active"
        />
      }
    >
      <Group grow wrap="wrap" gap="xs">
        <ModuleSelect
          value={module}
          onChange={(m) => {
            setModule(m);
            setConditions([]);
            setSteps(firstSteps());
          }}
          testId="journey-module"
          disabled={!!journey}
        />
        <Select
          label={t('automation.trigger')}
          data={TRIGGERS.filter((x) => x !== 'FIELD_UPDATED').map((x) => ({
            value: x,
            label: t(`automation.triggers.${x}`),
          }))}
          value={trigger}
          onChange={(v) => v && setTrigger(v as WorkflowTrigger)}
          allowDeselect={false}
          miw={180}
          data-testid="journey-trigger"
        />
      </Group>
      <ConditionsEditor fields={fields} value={conditions} onChange={setConditions} />
      {journey && journey.inProgress > 0 && (
        <Alert color="blue" data-testid="journey-edit-note">
          {t('automation.editJourneyNote', { count: journey.inProgress })}
        </Alert>
      )}
      <Stack gap={4} data-testid="journey-flow">
        {steps.map((s, i) => (
          <Stack key={s.key} gap={4}>
            {i > 0 && (
              <Center>
                <IconArrowDown size={16} aria-hidden color="var(--mantine-color-dimmed)" />
              </Center>
            )}
            <JourneyStepEditor
              index={i}
              count={steps.length}
              step={s}
              keys={keys}
              module={module}
              fields={fields}
              onChange={(next) => setSteps(steps.map((x, j) => (j === i ? next : x)))}
              onRemove={() => remove(i)}
              onMove={(d) => move(i, d)}
            />
          </Stack>
        ))}
      </Stack>
      <AddButton onClick={addStep} testId="add-step">
        {t('automation.addStep')}
      </AddButton>
    </EditorModal>
  );
}
