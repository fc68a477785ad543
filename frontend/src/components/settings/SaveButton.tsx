import { Button } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Save on a settings page that is one form (company, opt-out keywords). */
export default function SaveButton({
  onClick,
  loading,
  disabled,
  testId,
}: {
  onClick: () => void;
  loading?: boolean;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Button
      leftSection={<IconDeviceFloppy size={16} />}
      onClick={onClick}
      loading={loading}
      disabled={disabled}
      data-testid={testId}
    >
      {t('common.save')}
    </Button>
  );
}
