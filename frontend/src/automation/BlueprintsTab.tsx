import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconHistory, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import type { BlueprintsQuery as Result } from '../gql/graphql';
import { errorMessage } from '../graphql/errors';
import ConfirmButton from '../components/ConfirmButton';
import { BlueprintsQuery, DeleteBlueprintMutation } from './ops';
import BlueprintEditor from './BlueprintEditor';
import RunHistory from './RunHistory';

type Blueprint = Result['blueprints'][number];

/** Settings → Automation → Blueprints: each picklist's states and transitions. */
export default function BlueprintsTab() {
  const { t } = useTranslation();
  const [{ data, error }, reload] = useQuery({ query: BlueprintsQuery, requestPolicy: 'cache-and-network' });
  // null: closed; 'new': a new blueprint; a blueprint: that one opened for editing.
  const [open, setOpen] = useState<Blueprint | 'new' | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const list = data?.blueprints ?? [];

  return (
    <Stack data-testid="blueprints-tab">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {list.length === 0 && data ? t('automation.noBlueprints') : null}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')} data-testid="new-blueprint">
          {t('automation.newBlueprint')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" className="pre-wrap">
          {errorMessage(error, t)}
        </Alert>
      )}
      {list.map((b) => (
        <BlueprintCard key={b.id} blueprint={b} onChanged={refresh} onEdit={() => setOpen(b)} />
      ))}
      {open && (
        <BlueprintEditor
          key={open === 'new' ? 'new' : open.id}
          opened
          blueprint={open === 'new' ? undefined : open}
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
          <ActionIcon
            variant="subtle"
            aria-label={t('automation.editBlueprint')}
            title={t('automation.editBlueprint')}
            onClick={onEdit}
            data-testid="blueprint-edit"
          >
            <IconPencil size={18} />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={showHistory ? t('automation.hideHistory') : t('automation.showHistory')}
            title={showHistory ? t('automation.hideHistory') : t('automation.showHistory')}
            onClick={() => setShowHistory((s) => !s)}
          >
            <IconHistory size={18} />
          </ActionIcon>
          <ConfirmButton
            size="xs"
            color="red"
            variant="subtle"
            question={t('automation.deleteBlueprint')}
            onConfirm={async () => {
              const res = await remove({ id: b.id });
              if (!res.error) onChanged();
            }}
            testId="blueprint-delete"
          >
            {t('common.delete')}
          </ConfirmButton>
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
      {b.lastError && (
        <Text size="sm" c="red" mt="xs">
          {t('automation.lastError')}: {b.lastError}
        </Text>
      )}
      {error && (
        <Alert color="red" mt="xs" className="pre-wrap">
          {errorMessage(error, t)}
        </Alert>
      )}
      {showHistory && (
        <Stack mt="sm" gap="xs">
          <RunHistory runs={b.history} />
        </Stack>
      )}
    </Paper>
  );
}
