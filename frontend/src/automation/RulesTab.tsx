import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { IconHistory, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import type { WorkflowRulesQuery as Result } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import ConfirmButton from '../components/ConfirmButton';
import { DeleteWorkflowRuleMutation, SetWorkflowRuleActiveMutation, WorkflowRulesQuery } from './ops';
import RuleBuilder from './RuleBuilder';
import RunHistory from './RunHistory';

type Rule = Result['workflowRules'][number];
const STATUS_COLOR = { ACTIVE: 'green', INACTIVE: 'gray', PAUSED: 'orange' } as const;

/** Settings → Automation → Rules: every workflow rule with its state, counters and history. */
export default function RulesTab() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: WorkflowRulesQuery, requestPolicy: 'cache-and-network' });
  // null: closed; 'new': a new rule; a rule: that rule opened for editing.
  const [open, setOpen] = useState<Rule | 'new' | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const rules = data?.workflowRules ?? [];

  return (
    <Stack data-testid="rules-tab">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {rules.length === 0 && data ? t('automation.noRules') : null}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')} data-testid="new-rule">
          {t('automation.newRule')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" className="pre-wrap">
          {errorMessage(error, t)}
        </Alert>
      )}
      {rules.map((r) => (
        <RuleCard key={r.id} rule={r} onChanged={refresh} onEdit={() => setOpen(r)} />
      ))}
      {open && (
        <RuleBuilder
          key={open === 'new' ? 'new' : open.id}
          opened
          rule={open === 'new' ? undefined : open}
          onClose={() => setOpen(null)}
          onSaved={() => {
            setOpen(null);
            refresh();
          }}
        />
      )}
    </Stack>
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
          <ActionIcon
            variant="subtle"
            aria-label={t('automation.editRule')}
            title={t('automation.editRule')}
            onClick={onEdit}
            data-testid="rule-edit"
          >
            <IconPencil size={18} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={showHistory ? t('automation.hideHistory') : t('automation.showHistory')}
            title={showHistory ? t('automation.hideHistory') : t('automation.showHistory')}
            onClick={() => setShowHistory((s) => !s)}
            data-testid="rule-history-toggle"
          >
            <IconHistory size={18} />
          </ActionIcon>
          <ConfirmButton
            size="xs"
            color="red"
            variant="subtle"
            question={t('automation.deleteRule')}
            onConfirm={async () => {
              const res = await remove({ id: rule.id });
              if (!res.error) onChanged();
            }}
            testId="rule-delete"
          >
            {t('common.delete')}
          </ConfirmButton>
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
      {rule.lastError && (
        <Text size="sm" c="red" mt="xs" data-testid="rule-last-error">
          {t('automation.lastError')}: {rule.lastError}
        </Text>
      )}
      {err && (
        <Alert color="red" mt="xs" className="pre-wrap">
          {errorMessage(err, t)}
        </Alert>
      )}
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
