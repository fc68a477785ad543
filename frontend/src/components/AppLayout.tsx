// All of Mantine's styles, with the signed-in frame (the login page has its subset: login-styles.ts).
import '@mantine/core/styles.css';
import LowBalanceBanner from '../credits/LowBalanceBanner';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { Alert, AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconApps,
  IconBolt,
  IconBox,
  IconDeviceMobileMessage,
  IconHome,
  IconKey,
  IconMessages,
  IconNotes,
  IconSettings,
  IconUserPlus, IconSpeakerphone } from '@tabler/icons-react';
import { useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { SimulatorQuery } from '../graphql/simulator';
import { ModulesQuery } from '../graphql/operations';
import { labelOf } from '../records/meta';
import { moduleBasePath } from '../modules';
import { useViewer } from '../auth/session';
import { PageLoader } from '../auth/guards';
import NotificationBell from './NotificationBell';
import LanguageSwitch from './LanguageSwitch';
import UserMenu from './UserMenu';

/** The signed-in frame: top bar (name, bell, language, user menu) and the left navigation. */
export default function AppLayout() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const me = useViewer();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [banner, setBanner] = useState<string | null>(null);

  // The demo's simulated phone is offered only where the server has one (`parley demo`); a
  // server without the field answers with an error, which also hides it.
  const [{ data: simulatorData }] = useQuery({ query: SimulatorQuery, requestPolicy: 'cache-first' });
  const hasSimulator = !!simulatorData?.simulator;

  // "More": every module without its own entry (Accounts, Quotes, … and custom modules, which
  // appear here as soon as an administrator creates them).
  const [{ data: modulesData }] = useQuery({ query: ModulesQuery, requestPolicy: 'cache-and-network' });
  const moreModules = (modulesData?.modules ?? []).filter((m) => m.apiName !== 'Leads' && m.apiName !== 'Contacts');
  const moreActive = moreModules.some((m) => isActiveModule(location.pathname, m.apiName));
  const [moreOpened, setMoreOpened] = useState<boolean | null>(null);

  const isActive = (prefix: string) => {
    const p = location.pathname;
    if (prefix === '/') return p === '/';
    if (prefix === '/settings' && p.startsWith('/settings/predefined-texts')) return false;
    return p === prefix || p.startsWith(`${prefix}/`);
  };

  const items = [
    { to: '/', label: t('start.nav'), testId: 'nav-home', icon: IconHome },
    { to: '/leads', label: t('nav.leads'), testId: 'nav-leads', icon: IconUserPlus },
    { to: '/contacts', label: t('nav.contacts'), testId: 'nav-contacts', icon: IconAddressBook },
    { to: '/messages', label: t('nav.messages'), testId: 'nav-messages', icon: IconMessages },
    { to: '/broadcasts', label: t('nav.broadcasts'), testId: 'nav-broadcasts', icon: IconSpeakerphone },
    { to: '/signals', label: t('nav.signals'), testId: 'nav-signals', icon: IconBolt },
    {
      to: '/settings/predefined-texts',
      label: t('nav.predefinedTexts'),
      testId: 'nav-predefined-texts',
      icon: IconNotes,
    },
  ];
  // Administrators get the whole Settings area; a standard user only manages their own API
  // tokens, so they get a direct entry for that instead.
  if (me.isAdmin) {
    items.push({ to: '/settings', label: t('nav.settings'), testId: 'nav-settings', icon: IconSettings });
  } else {
    items.push({
      to: '/settings/api-tokens',
      label: t('nav.apiTokens'),
      testId: 'nav-api-tokens',
      icon: IconKey,
    });
  }
  if (hasSimulator) {
    items.push({ to: '/simulator', label: t('nav.simulator'), testId: 'nav-simulator', icon: IconDeviceMobileMessage });
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      {/* For keyboard users: the first Tab stop jumps past the header and navigation. */}
      <a
        href="#main-content"
        className="skip-link"
        data-testid="skip-link"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={opened}
              data-testid="nav-toggle"
            />
            <Text
              component={Link}
              to="/"
              fw={700}
              size="xl"
              c="teal.8"
              data-testid="product-name"
              style={{ textDecoration: 'none' }}
            >
              {t('app.name')}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            <NotificationBell />
            <LanguageSwitch onError={setBanner} />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" data-testid="nav">
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            leftSection={<item.icon size={18} stroke={1.6} />}
            active={isActive(item.to)}
            data-testid={item.testId}
            onClick={close}
          />
        ))}
        {moreModules.length > 0 && (
          <NavLink
            component="button"
            label={t('nav.more')}
            leftSection={<IconApps size={18} stroke={1.6} />}
            opened={moreOpened ?? moreActive}
            onChange={setMoreOpened}
            childrenOffset={28}
            data-testid="nav-more"
          >
            {moreModules.map((m) => (
              <NavLink
                key={m.apiName}
                component={Link}
                to={moduleBasePath(m.apiName)}
                label={labelOf(m, lang)}
                leftSection={m.custom ? <IconBox size={16} stroke={1.6} /> : undefined}
                active={isActiveModule(location.pathname, m.apiName)}
                data-testid={`nav-module-${m.apiName}`}
                data-custom={m.custom ? 'true' : undefined}
                onClick={close}
              />
            ))}
          </NavLink>
        )}
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        {banner && (
          <Alert color="red" withCloseButton onClose={() => setBanner(null)} mb="md">
            {banner}
          </Alert>
        )}
        <LowBalanceBanner />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

function isActiveModule(pathname: string, apiName: string): boolean {
  const base = moduleBasePath(apiName);
  return pathname === base || pathname.startsWith(`${base}/`);
}
