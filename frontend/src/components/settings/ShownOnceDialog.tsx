import type { ReactNode } from 'react';
import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server shows once (an API token, a webhook signing secret): the value to copy,
 * a warning that it will not be shown again, and a close button.
 */
export default function ShownOnceDialog({
  value,
  title,
  warning,
  onClose,
  valueTestId,
  copyTestId,
  closeTestId,
  children,
}: {
  value: string | null;
  title: ReactNode;
  warning: ReactNode;
  onClose: () => void;
  valueTestId?: string;
  copyTestId?: string;
  closeTestId?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={value !== null} onClose={onClose} title={title} closeOnClickOutside={false} size="lg">
      {value !== null && (
        <Stack>
          <Alert color="yellow">{warning}</Alert>
          {children}
          <Code block className="token-box" data-testid={valueTestId}>
            {value}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={value}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'filled' : 'default'}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                  data-testid={copyTestId}
                >
                  {copied ? t('common.copied') : t('common.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose} data-testid={closeTestId}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
