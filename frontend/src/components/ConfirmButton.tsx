import { useState, type ReactNode } from 'react';
import { Button, Group, Popover, Stack, Text, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A button that asks "are you sure?" in a small popover before running its action. */
export default function ConfirmButton({
  children,
  question,
  onConfirm,
  testId,
  ...buttonProps
}: ButtonProps & {
  children: ReactNode;
  question: string;
  onConfirm: () => Promise<unknown> | void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setOpened(false);
    }
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow shadow="md" width={280}>
      <Popover.Target>
        <Button {...buttonProps} onClick={() => setOpened((o) => !o)} data-testid={testId}>
          {children}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          <Text size="sm">{question}</Text>
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              size="xs"
              color="red"
              loading={busy}
              onClick={() => void confirm()}
              data-testid={testId ? `${testId}-confirm` : undefined}
            >
              {t('common.confirm')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
