import { useState } from 'react';
import { ActionIcon, Group, MultiSelect, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import type { BlueprintsQuery, TransitionInput } from '../gql/graphql';
import { labelOf, useModuleMeta } from '../records/meta';
import { CreateBlueprintMutation, UpdateBlueprintMutation } from './ops';
import { actionFromServer, cleanAction } from './draft';
import ModuleSelect from './ModuleSelect';
import EditorModal, { AddButton } from './EditorModal';
import ActionsEditor from './ActionEditor';

type Blueprint = BlueprintsQuery['blueprints'][number];

/**
 * The blueprint editor: a picklist field, the states it knows, named transitions and their
 * actions. Given a `blueprint`, it opens that blueprint and saves changes to it.
 */
export default function BlueprintEditor({
  opened,
  onClose,
  onSaved,
  blueprint,
}: {
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
  blueprint?: Blueprint;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(blueprint?.name ?? '');
  const [module, setModule] = useState(blueprint?.module ?? 'Leads');
  const [field, setField] = useState<string | null>(blueprint?.field ?? null);
  const [states, setStates] = useState<string[]>(blueprint?.states ?? []);
  const [transitions, setTransitions] = useState<TransitionInput[]>(() =>
    (blueprint?.transitions ?? []).map((x) => ({
      name: x.name,
      from: x.from,
      to: x.to,
      actions: x.actions.map(actionFromServer),
    })),
  );
  const { module: meta } = useModuleMeta(module);
  const fields = meta?.fields ?? [];
  const picklists = fields.filter((f) => f.fieldType === 'PICKLIST');
  const options = picklists.find((f) => f.apiName === field)?.options ?? [];
  const [created, create] = useMutation(CreateBlueprintMutation);
  const [updated, update] = useMutation(UpdateBlueprintMutation);
  const { fetching, error } = blueprint ? updated : created;

  const setTr = (i: number, patch: Partial<TransitionInput>) =>
    setTransitions(transitions.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const submit = async () => {
    const input = {
      name: name.trim(),
      module,
      field: field ?? '',
      states,
      transitions: transitions.map((x) => ({
        name: x.name.trim(),
        from: x.from,
        to: x.to,
        actions: (x.actions ?? []).map(cleanAction),
      })),
    };
    const res = blueprint ? await update({ id: blueprint.id, input }) : await create({ input });
    if (!res.error) onSaved();
  };

  return (
    <EditorModal
      opened={opened}
      onClose={onClose}
      title={blueprint ? t('automation.editBlueprintTitle', { name: blueprint.name }) : t('automation.blueprintTitle')}
      testId="blueprint-editor"
      error={error}
      name={name}
      onName={setName}
      onSave={() => void submit()}
      saving={fetching}
      canSave={!!name.trim() && !!field}
    >
      <Group grow wrap="wrap" gap="xs">
        <ModuleSelect
          value={module}
          onChange={(m) => {
            setModule(m);
            setField(null);
            setStates([]);
            setTransitions([]);
          }}
          testId="blueprint-module"
          disabled={!!blueprint}
        />
        <Select
          label={t('automation.picklist')}
          description={meta && picklists.length === 0 ? t('automation.noPicklist') : undefined}
          data={picklists.map((f) => ({ value: f.apiName, label: labelOf(f, i18n.language) }))}
          value={field}
          onChange={(v) => {
            setField(v);
            setStates(picklists.find((f) => f.apiName === v)?.options ?? []);
          }}
          miw={160}
          data-testid="blueprint-field"
        />
      </Group>
      <MultiSelect
        label={t('automation.states')}
        description={t('automation.statesHint')}
        data={options}
        value={states}
        onChange={setStates}
        data-testid="blueprint-states"
      />
      <Text size="sm" fw={500}>
        {t('automation.transitions')}
      </Text>
      {transitions.map((x, i) => (
        <Paper key={i} withBorder p="sm" data-testid="transition-row">
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t('automation.transitionName')}
              value={x.name}
              onChange={(e) => setTr(i, { name: e.currentTarget.value })}
              miw={160}
              style={{ flex: 1 }}
              data-testid={`transition-name-${i}`}
            />
            <Select
              label={t('automation.from')}
              data={states}
              value={x.from || null}
              onChange={(v) => setTr(i, { from: v ?? '' })}
              w={{ base: '100%', xs: 150 }}
              data-testid={`transition-from-${i}`}
            />
            <Select
              label={t('automation.to')}
              data={states}
              value={x.to || null}
              onChange={(v) => setTr(i, { to: v ?? '' })}
              w={{ base: '100%', xs: 150 }}
              data-testid={`transition-to-${i}`}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('automation.removeTransition')}
              title={t('automation.removeTransition')}
              onClick={() => setTransitions(transitions.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
          <Stack mt="xs">
            <ActionsEditor
              module={module}
              fields={fields}
              value={x.actions ?? []}
              onChange={(actions) => setTr(i, { actions })}
              testId={`transition-${i}-action`}
            />
          </Stack>
        </Paper>
      ))}
      <AddButton
        onClick={() => setTransitions([...transitions, { name: '', from: '', to: '', actions: [] }])}
        testId="add-transition"
      >
        {t('automation.addTransition')}
      </AddButton>
    </EditorModal>
  );
}
