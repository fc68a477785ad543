import { useState } from 'react';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import type { BlueprintsQuery as Result } from '../gql/graphql';
import { BlueprintsQuery, DeleteBlueprintMutation } from './ops';
import BlueprintEditor from './BlueprintEditor';
import { AutomationTab, CardErrors, DeleteItem, EditIcon, HistoryIcon } from './CardParts';
import RunHistory from './RunHistory';

type Blueprint = Result['blueprints'][number];

/** Settings → Automation → Blueprints: each picklist's states and transitions. */
export default function BlueprintsTab() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: BlueprintsQuery, requestPolicy: 'cache-and-network' });
  const refresh = () => reload({ requestPolicy: 'network-only' });

  return (
    <AutomationTab
      testId="blueprints-tab"
      items={data?.blueprints}
      error={error}
      empty={t('automation.noBlueprints')}
      newLabel={t('automation.newBlueprint')}
      newTestId="new-blueprint"
      onSaved={refresh}
      card={(b, edit) => <BlueprintCard key={b.id} blueprint={b} onChanged={refresh} onEdit={edit} />}
      editor={(b, close, saved) => <BlueprintEditor opened blueprint={b} onClose={close} onSaved={saved} />}
    />
  );
}

function BlueprintCard({
  blueprint: b,
  onChanged,
  onEdit,
}: {
  blueprint: Blueprint;
  onChanged: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const [showHistory, setShowHistory] = useState(false);
  const [{ error }, remove] = useMutation(DeleteBlueprintMutation);
  return (
    <Paper withBorder p="md" data-testid="blueprint-card" data-blueprint-name={b.name}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Text fw={600}>{b.name}</Text>
          <Text size="sm" c="dimmed">
            {b.module} · {b.field}
          </Text>
        </div>
        <Group gap="xs">
          <EditIcon label={t('automation.editBlueprint')} onClick={onEdit} testId="blueprint-edit" />
          <HistoryIcon shown={showHistory} onClick={() => setShowHistory((s) => !s)} />
          <DeleteItem
            question={t('automation.deleteBlueprint')}
            remove={() => remove({ id: b.id })}
            onDeleted={onChanged}
            testId="blueprint-delete"
          />
        </Group>
      </Group>
      <Group gap={4} mt="xs" wrap="wrap">
        <Text size="sm">{t('automation.states')}:</Text>
        {b.states.map((s) => (
          <Badge key={s} variant="outline">
            {s}
          </Badge>
        ))}
      </Group>
      <Stack gap={2} mt="xs">
        {b.transitions.map((x) => (
          <Text key={x.name} size="sm" data-testid="blueprint-transition">
            <b>{x.name}</b>: {x.from} → {x.to}
            {x.actions.length > 0 && ` · ${x.actions.map((a) => t(`automation.kinds.${a.kind}`)).join(', ')}`}
          </Text>
        ))}
      </Stack>
      <Group gap="lg" mt="xs">
        <Text size="sm">
          {t('automation.runs')}: <b>{b.runs}</b>
        </Text>
        <Text size="sm">
          {t('automation.failures')}: <b>{b.failures}</b>
        </Text>
      </Group>
      <CardErrors lastError={b.lastError} error={error} />
      {showHistory && (
        <Stack mt="sm" gap="xs">
          <RunHistory runs={b.history} />
        </Stack>
      )}
    </Paper>
  );
}
