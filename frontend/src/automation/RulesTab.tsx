import { useState } from 'react';
import { Alert, Badge, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import type { WorkflowRulesQuery as Result } from '../gql/graphql';
import { DeleteWorkflowRuleMutation, SetWorkflowRuleActiveMutation, WorkflowRulesQuery } from './ops';
import RuleBuilder from './RuleBuilder';
import { AutomationTab, CardErrors, DeleteItem, EditIcon, HistoryIcon } from './CardParts';
import RunHistory from './RunHistory';

type Rule = Result['workflowRules'][number];
const STATUS_COLOR = { ACTIVE: 'green', INACTIVE: 'gray', PAUSED: 'orange' } as const;

/** Settings → Automation → Rules: every workflow rule with its state, counters and history. */
export default function RulesTab() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: WorkflowRulesQuery, requestPolicy: 'cache-and-network' });
  const refresh = () => reload({ requestPolicy: 'network-only' });

  return (
    <AutomationTab
      testId="rules-tab"
      items={data?.workflowRules}
      error={error}
      empty={t('automation.noRules')}
      newLabel={t('automation.newRule')}
      newTestId="new-rule"
      onSaved={refresh}
      card={(r, edit) => <RuleCard key={r.id} rule={r} onChanged={refresh} onEdit={edit} />}
      editor={(r, close, saved) => <RuleBuilder opened rule={r} onClose={close} onSaved={saved} />}
    />
  );
}

function RuleCard({ rule, onChanged, onEdit }: { rule: Rule; onChanged: () => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const [showHistory, setShowHistory] = useState(false);
  const [{ error: toggleError }, setActive] = useMutation(SetWorkflowRuleActiveMutation);
  const [{ error: deleteError }, remove] = useMutation(DeleteWorkflowRuleMutation);
  const err = toggleError ?? deleteError;

  return (
    <Paper withBorder p="md" data-testid="rule-card" data-rule-name={rule.name} data-status={rule.status}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Group gap="xs">
            <Text fw={600} data-testid="rule-card-name">
              {rule.name}
            </Text>
            <Badge color={STATUS_COLOR[rule.status]} variant="light" data-testid="rule-status">
              {t(`automation.statuses.${rule.status}`)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {rule.module} · {t(`automation.triggers.${rule.trigger}`)}
            {rule.field ? ` (${rule.field})` : ''} · {rule.actions
              .map((a) => (a.url ? `${t(`automation.kinds.${a.kind}`)} (${a.url})` : t(`automation.kinds.${a.kind}`)))
              .join(', ')}
            {rule.delayMinutes > 0 ? ` · +${rule.delayMinutes} min` : ''}
          </Text>
        </div>
        <Group gap="xs">
          <Switch
            checked={rule.active}
            onChange={async (e) => {
              await setActive({ id: rule.id, active: e.currentTarget.checked });
              onChanged();
            }}
            aria-label={t('automation.toggleRule')}
            data-testid="rule-toggle"
          />
          <EditIcon label={t('automation.editRule')} onClick={onEdit} testId="rule-edit" />
          <HistoryIcon shown={showHistory} onClick={() => setShowHistory((s) => !s)} testId="rule-history-toggle" />
          <DeleteItem
            question={t('automation.deleteRule')}
            remove={() => remove({ id: rule.id })}
            onDeleted={onChanged}
            testId="rule-delete"
          />
        </Group>
      </Group>
      <Group gap="lg" mt="xs">
        <Text size="sm">
          {t('automation.runs')}: <b data-testid="rule-runs">{rule.runs}</b>
        </Text>
        <Text size="sm">
          {t('automation.failures')}: <b data-testid="rule-failures">{rule.failures}</b>
        </Text>
      </Group>
      {rule.status === 'PAUSED' && rule.pausedReason && (
        <Alert color="orange" mt="xs" data-testid="rule-paused-reason">
          {t('automation.pausedBecause', { reason: rule.pausedReason })}
        </Alert>
      )}
      <CardErrors lastError={rule.lastError} lastErrorTestId="rule-last-error" error={err} />
      {showHistory && (
        <Stack mt="sm" gap="xs">
          <Text size="sm" fw={500}>
            {t('automation.history')}
          </Text>
          <RunHistory runs={rule.history} />
        </Stack>
      )}
    </Paper>
  );
}
