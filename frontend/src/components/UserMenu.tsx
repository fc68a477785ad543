import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Avatar, Box, Button, Menu, Switch, Text } from '@mantine/core';
import { IconBellRinging, IconChevronDown, IconLock, IconLogout } from '@tabler/icons-react';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { useSession, useViewer } from '../auth/session';
import { LogoutMutation, SetMessageAlertsMutation } from '../graphql/operations';
import ChangePasswordModal from './ChangePasswordModal';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts[0]?.[0] ?? '?').toUpperCase() + (parts[1]?.[0] ?? '').toUpperCase();
}

export default function UserMenu() {
  const { t } = useTranslation();
  const me = useViewer();
  const { resetClient, refresh } = useSession();
  const navigate = useNavigate();
  const [, logout] = useMutation(LogoutMutation);
  const [pwOpen, setPwOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [, saveAlerts] = useMutation(SetMessageAlertsMutation);
  // Shown switched at once; put back if the server refuses.
  const [alerts, setAlerts] = useState<boolean | null>(null);
  const alertsOn = alerts ?? me.messageAlerts;

  const toggleAlerts = async () => {
    const next = !alertsOn;
    setAlerts(next);
    const res = await saveAlerts({ enabled: next });
    setAlerts(res.error ? !next : res.data?.setMessageAlerts.messageAlerts ?? next);
    refresh();
  };

  const signOut = async () => {
    setSigningOut(true);
    // Whatever the server answers, the user wants out: leave the app and drop the client.
    await logout({});
    navigate('/login', { replace: true });
    resetClient();
  };

  return (
    <>
      <Menu position="bottom-end" shadow="md" width={240}>
        <Menu.Target>
          <Button
            variant="subtle"
            color="gray"
            data-testid="user-menu"
            aria-label={t('user.menu')}
            leftSection={
              <Avatar size="sm" color="teal" radius="xl">
                {initials(me.name)}
              </Avatar>
            }
            rightSection={
              <Box component="span" visibleFrom="sm" lh={0}>
                <IconChevronDown size={14} />
              </Box>
            }
            px={{ base: 4, sm: 'sm' }}
            loading={signingOut}
          >
            <Text size="sm" visibleFrom="sm" data-testid="user-name">
              {me.name}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="dark">
              {me.name}
            </Text>
            <Text size="xs" c="dimmed">
              {me.email}
            </Text>
            <Text size="xs" c="dimmed">
              {me.isAdmin ? t('user.admin') : t('user.standard')}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          {/* F15: whether a customer's WhatsApp message rings this user's bell. */}
          <Menu.Item
            leftSection={<IconBellRinging size={16} />}
            rightSection={<Switch size="xs" checked={alertsOn} readOnly tabIndex={-1} aria-hidden />}
            closeMenuOnClick={false}
            onClick={() => void toggleAlerts()}
            role="menuitemcheckbox"
            aria-checked={alertsOn}
            data-checked={alertsOn ? 'true' : 'false'}
            data-testid="alerts-toggle"
          >
            {t('user.messageAlerts')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconLock size={16} />}
            onClick={() => setPwOpen(true)}
            data-testid="change-password"
          >
            {t('user.changePassword')}
          </Menu.Item>
          <Menu.Item
            leftSection={<IconLogout size={16} />}
            onClick={() => void signOut()}
            data-testid="logout"
          >
            {t('user.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={pwOpen} onClose={() => setPwOpen(false)} />
    </>
  );
}
