import { useEffect, useRef, type ReactNode } from 'react';
import { Affix, Notification } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * A confirmation in the bottom corner that closes itself after `autoCloseMs` (or with its ×):
 * Mantine's Notification in an Affix, without pulling in the notifications package for one use.
 */
export default function Toast({
  opened,
  onClose,
  title,
  children,
  testId,
  autoCloseMs = 12_000,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children?: ReactNode;
  testId?: string;
  autoCloseMs?: number;
}) {
  const { t } = useTranslation();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    if (!opened) return;
    const id = window.setTimeout(() => close.current(), autoCloseMs);
    return () => window.clearTimeout(id);
  }, [opened, title, autoCloseMs]);

  if (!opened) return null;
  return (
    <Affix position={{ bottom: 20, right: 20 }} zIndex={400}>
      <Notification
        icon={<IconCheck size={18} />}
        color="teal"
        title={title}
        onClose={onClose}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        withBorder
        w={360}
        role="status"
        data-testid={testId}
      >
        {children}
      </Notification>
    </Affix>
  );
}
