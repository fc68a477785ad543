import { useState } from 'react';
import { Group, NumberInput, Select, Switch } from '@mantine/core';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import type { ConditionInput, WorkflowRulesQuery, WorkflowTrigger } from '../gql/graphql';
import { labelOf, useModuleMeta } from '../records/meta';
import { CreateWorkflowRuleMutation, UpdateWorkflowRuleMutation } from './ops';
import {
  TRIGGERS,
  actionFromServer,
  cleanAction,
  cleanConditions,
  conditionsFromServer,
  emptyAction,
  type ActionDraft,
} from './draft';
import ModuleSelect from './ModuleSelect';
import EditorModal from './EditorModal';
import ConditionsEditor from './ConditionsEditor';
import ActionsEditor from './ActionEditor';

type Rule = WorkflowRulesQuery['workflowRules'][number];

/**
 * The rule builder: name, module, trigger (and field), conditions, actions, delay. Given a
 * `rule`, it opens that rule and saves changes to it (its module stays).
 */
export default function RuleBuilder({
  opened,
  onClose,
  onSaved,
  rule,
}: {
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
  rule?: Rule;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState(rule?.name ?? '');
  const [module, setModule] = useState(rule?.module ?? 'Leads');
  const [trigger, setTrigger] = useState<WorkflowTrigger>(rule?.trigger ?? 'CREATED');
  const [field, setField] = useState<string | null>(rule?.field ?? null);
  const [conditions, setConditions] = useState<ConditionInput[]>(() => conditionsFromServer(rule?.conditions ?? []));
  const [actions, setActions] = useState<ActionDraft[]>(() =>
    rule ? rule.actions.map(actionFromServer) : [emptyAction()],
  );
  const [delay, setDelay] = useState<number>(rule?.delayMinutes ?? 0);
  const [active, setActive] = useState(rule?.active ?? true);
  const { module: meta } = useModuleMeta(module);
  const fields = meta?.fields ?? [];
  const [created, create] = useMutation(CreateWorkflowRuleMutation);
  const [updated, update] = useMutation(UpdateWorkflowRuleMutation);
  const { fetching, error } = rule ? updated : created;

  const changeModule = (m: string) => {
    // Fields, templates and conditions belong to a module: start them over.
    setModule(m);
    setField(null);
    setConditions([]);
    setActions([emptyAction()]);
  };

  const submit = async () => {
    const input = {
      name: name.trim(),
      module,
      trigger,
      field: trigger === 'FIELD_UPDATED' ? field : null,
      conditions: cleanConditions(conditions),
      actions: actions.map(cleanAction),
      delayMinutes: delay || 0,
      active,
    };
    const res = rule ? await update({ id: rule.id, input }) : await create({ input });
    if (!res.error) onSaved();
  };

  return (
    <EditorModal
      opened={opened}
      onClose={onClose}
      title={rule ? t('automation.editRuleTitle', { name: rule.name }) : t('automation.ruleTitle')}
      testId="rule-builder"
      error={error}
      name={name}
      onName={setName}
      onSave={() => void submit()}
      saving={fetching}
      canSave={!!name.trim()}
    >
      <Group grow wrap="wrap" gap="xs">
        <ModuleSelect value={module} onChange={changeModule} testId="rule-module" disabled={!!rule} />
        <Select
          label={t('automation.trigger')}
          data={TRIGGERS.map((x) => ({ value: x, label: t(`automation.triggers.${x}`) }))}
          value={trigger}
          onChange={(v) => v && setTrigger(v as WorkflowTrigger)}
          allowDeselect={false}
          miw={180}
          data-testid="rule-trigger"
        />
        {trigger === 'FIELD_UPDATED' && (
          <Select
            label={t('automation.field')}
            data={fields.map((f) => ({ value: f.apiName, label: labelOf(f, i18n.language) }))}
            value={field}
            onChange={setField}
            searchable
            miw={160}
            data-testid="rule-field"
          />
        )}
      </Group>
      <ConditionsEditor fields={fields} value={conditions} onChange={setConditions} />
      <ActionsEditor module={module} fields={fields} value={actions} onChange={setActions} testId="rule-action" />
      <Group grow wrap="wrap" align="flex-end">
        <NumberInput
          label={t('automation.delay')}
          description={t('automation.delayHint')}
          value={delay}
          onChange={(v) => setDelay(typeof v === 'number' ? v : 0)}
          min={0}
          max={525600}
          miw={160}
          data-testid="rule-delay"
        />
        <Switch
          label={t('automation.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
          data-testid="rule-active"
        />
      </Group>
    </EditorModal>
  );
}
