import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import type { ActionInput, ConditionInput, WorkflowTrigger } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import { labelOf, useModuleMeta } from '../records/meta';
import { CreateWorkflowRuleMutation } from './ops';
import { TRIGGERS, cleanAction, cleanConditions, emptyAction } from './draft';
import ModuleSelect from './ModuleSelect';
import ConditionsEditor from './ConditionsEditor';
import ActionsEditor from './ActionEditor';

/** The rule builder: name, module, trigger (and field), conditions, actions, delay. */
export default function RuleBuilder({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [module, setModule] = useState('Leads');
  const [trigger, setTrigger] = useState<WorkflowTrigger>('CREATED');
  const [field, setField] = useState<string | null>(null);
  const [conditions, setConditions] = useState<ConditionInput[]>([]);
  const [actions, setActions] = useState<ActionInput[]>([emptyAction()]);
  const [delay, setDelay] = useState<number>(0);
  const [active, setActive] = useState(true);
  const { module: meta } = useModuleMeta(module);
  const fields = meta?.fields ?? [];
  const [{ fetching, error }, create] = useMutation(CreateWorkflowRuleMutation);

  const changeModule = (m: string) => {
    // Fields, templates and conditions belong to a module: start them over.
    setModule(m);
    setField(null);
    setConditions([]);
    setActions([emptyAction()]);
  };

  const submit = async () => {
    const res = await create({
      input: {
        name: name.trim(),
        module,
        trigger,
        field: trigger === 'FIELD_UPDATED' ? field : null,
        conditions: cleanConditions(conditions),
        actions: actions.map(cleanAction),
        delayMinutes: delay || 0,
        active,
      },
    });
    if (!res.error) {
      setName('');
      setConditions([]);
      setActions([emptyAction()]);
      setDelay(0);
      onCreated();
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('automation.ruleTitle')} size="xl" fullScreen={false}>
      <Stack data-testid="rule-builder">
        {error && (
          <Alert color="red" className="pre-wrap" data-testid="rule-error">
            {errorMessage(error, t)}
          </Alert>
        )}
        <TextInput
          label={t('common.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-testid="rule-name"
        />
        <Group grow wrap="wrap" gap="xs">
          <ModuleSelect value={module} onChange={changeModule} testId="rule-module" />
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={fetching} disabled={!name.trim()} data-testid="rule-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
