import type { ReactNode } from 'react';
import { Modal } from '@mantine/core';

/**
 * The modal around a settings form. Its content mounts only while open, so a form starts from
 * its initial values each time it is opened (no reset code in the pages).
 */
export default function SettingsDialog({
  opened,
  onClose,
  title,
  size,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  size?: string;
  children: ReactNode;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      {opened && children}
    </Modal>
  );
}
