import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { AvailableTransitionsQuery, TransitionRecordMutation } from '../automation/ops';
import { errorMessage } from '../graphql/errors';
import type { CombinedError } from 'urql';

/**
 * Blueprint transitions the record can take from its current state, one button each (F12).
 * A refusal (e.g. the record moved on meanwhile) shows the server's error.
 */
export default function TransitionButtons({
  module,
  recordId,
  modifiedAt,
  onMoved,
}: {
  module: string;
  recordId: string;
  /** Reloads the list whenever the record changes. */
  modifiedAt: string;
  onMoved: () => void;
}) {
  const { t } = useTranslation();
  const [{ data }, reload] = useQuery({
    query: AvailableTransitionsQuery,
    variables: { module, recordId },
    requestPolicy: 'cache-and-network',
  });
  const seen = useRef(modifiedAt);
  useEffect(() => {
    if (seen.current === modifiedAt) return;
    seen.current = modifiedAt;
    reload({ requestPolicy: 'network-only' });
  }, [modifiedAt, reload]);
  const [{ fetching }, transition] = useMutation(TransitionRecordMutation);
  const [error, setError] = useState<CombinedError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = data?.availableTransitions ?? [];
  if (list.length === 0 && !error) return null;

  const run = async (name: string) => {
    setError(null);
    setBusy(name);
    const res = await transition({ module, recordId, transition: name });
    setBusy(null);
    if (res.error) setError(res.error);
    reload({ requestPolicy: 'network-only' });
    if (!res.error) onMoved();
  };

  return (
    <div data-testid="record-transitions">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('automation.transitionsLabel')}:
        </Text>
        {list.map((tr) => (
          <Button
            key={`${tr.blueprintId}-${tr.name}`}
            size="xs"
            variant="light"
            rightSection={<IconArrowRight size={14} />}
            loading={fetching && busy === tr.name}
            onClick={() => void run(tr.name)}
            title={`${tr.blueprint}: ${tr.from} → ${tr.to}`}
            data-testid="transition-button"
            data-transition={tr.name}
          >
            {tr.name}
          </Button>
        ))}
      </Group>
      {error && (
        <Alert color="red" mt="xs" className="pre-wrap" data-testid="transition-error">
          {errorMessage(error, t)}
        </Alert>
      )}
    </div>
  );
}
