import { useMemo, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBolt, IconClockHour4, IconCoins, IconMessageCircle, IconTemplate } from '@tabler/icons-react';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { DismissWelcomeMutation, HomeQuery, WalletQuery } from '../graphql/operations';
import { SimulatorQuery } from '../graphql/simulator';
import { errorMessage } from '../graphql/errors';
import { useViewer } from '../auth/session';
import { formatChatTime } from '../format';
import { formatCredits } from '../credits/money';
import { useMessageEvents } from '../messaging/live';
import { useRemaining } from '../messaging/ConversationView';

/** Midnight of the viewer's day, for "today's signals". */
function startOfToday(): string {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/**
 * The start page (issue 18): what needs the viewer now, each item a link to where the work is
 * done. In the demo it opens with a short "what to try" panel until the user hides it.
 */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const me = useViewer();
  const since = useMemo(startOfToday, []);
  const [{ data, error }, reload] = useQuery({ query: HomeQuery, variables: { since }, requestPolicy: 'cache-and-network' });
  useMessageEvents(() => reload({ requestPolicy: 'network-only' }));
  const home = data?.home;
  const lang = i18n.language;
  const who = (c: { customerName?: string | null; customerWaId: string; record?: { displayName: string } | null }) =>
    c.record?.displayName ?? c.customerName ?? `+${c.customerWaId}`;

  return (
    <Stack data-testid="home-page">
      <div>
        <Title order={2} data-testid="page-title">
          {t('start.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('start.intro')}
        </Text>
      </div>
      <WelcomePanel firstUnanswered={home?.unanswered} />
      {error && (
        <Alert color="red" className="pre-wrap">
          {errorMessage(error, t)}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section
          icon={<IconMessageCircle size={18} />}
          title={t('start.unanswered', { count: home?.unansweredCount ?? 0 })}
          testId="home-unanswered"
        >
          {home && home.unanswered.length === 0 && <Empty>{t('start.unansweredEmpty')}</Empty>}
          {home?.unanswered.map((c) => (
            <Row key={c.id} to={`/messages/${encodeURIComponent(c.id)}`} testId="home-unanswered-item" title={who(c)}>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {c.lastMessage?.text ?? ''}
              </Text>
              {c.windowOpen ? (
                <Closes at={c.windowExpiresAt} />
              ) : (
                <Badge size="xs" color="gray" variant="outline" tt="none">
                  {t('start.windowClosed')}
                </Badge>
              )}
            </Row>
          ))}
        </Section>
        <Section icon={<IconClockHour4 size={18} />} title={t('start.closingSoon')} testId="home-closing">
          {home && home.closingSoon.length === 0 && <Empty>{t('start.closingSoonEmpty')}</Empty>}
          {home?.closingSoon.map((c) => (
            <Row key={c.id} to={`/messages/${encodeURIComponent(c.id)}`} testId="home-closing-item" title={who(c)}>
              <Closes at={c.windowExpiresAt} />
            </Row>
          ))}
        </Section>
        <Section
          icon={<IconBolt size={18} />}
          title={t('start.signals', { count: home?.signalsCount ?? 0 })}
          testId="home-signals"
          action={
            <Anchor component={Link} to="/signals" size="sm" data-testid="home-all-signals">
              {t('start.allSignals')}
            </Anchor>
          }
        >
          {home && home.signals.length === 0 && <Empty>{t('start.signalsEmpty')}</Empty>}
          {home?.signals.map((m) => (
            <Row
              key={m.id}
              to={m.conversation ? `/messages/${encodeURIComponent(m.conversation.id)}` : '/signals'}
              testId="home-signal-item"
              title={m.conversation ? who(m.conversation) : ''}
              aside={formatChatTime(m.timestamp, lang)}
            >
              <Text size="xs" c="dimmed" lineClamp={1}>
                {m.text ?? m.type}
              </Text>
            </Row>
          ))}
        </Section>
        <Section
          icon={<IconTemplate size={18} />}
          title={t('start.templates')}
          testId="home-templates"
          action={
            me.isAdmin ? (
              <Anchor component={Link} to="/settings/whatsapp/templates" size="sm" data-testid="home-manage-templates">
                {t('start.manageTemplates')}
              </Anchor>
            ) : undefined
          }
        >
          <Text size="sm" data-testid="home-in-review">
            {home && home.templatesInReview.length > 0
              ? t('start.inReview', { names: home.templatesInReview.map((x) => `${x.name} (${x.language})`).join(', ') })
              : t('start.noneInReview')}
          </Text>
          {home?.templatesRejected.map((x) => (
            <Text size="sm" c="red.8" key={x.id} data-testid="home-rejected">
              {t('start.rejected', { name: `${x.name} (${x.language})` })}
            </Text>
          ))}
        </Section>
        {me.isAdmin && <CreditsSection />}
      </SimpleGrid>
    </Stack>
  );
}

function Section({
  icon,
  title,
  testId,
  action,
  children,
}: {
  icon: ReactNode;
  title: string;
  testId: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          {icon}
          <Title order={4}>{title}</Title>
        </Group>
        {action}
      </Group>
      <Stack gap={6}>{children}</Stack>
    </Paper>
  );
}

function Row({ to, title, testId, aside, children }: { to: string; title: string; testId: string; aside?: string; children: ReactNode }) {
  return (
    <Anchor component={Link} to={to} underline="never" c="inherit" data-testid={testId} style={{ display: 'block' }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={500} lineClamp={1}>
          {title}
        </Text>
        {aside && (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {aside}
          </Text>
        )}
      </Group>
      {children}
    </Anchor>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function Closes({ at }: { at?: string | null }) {
  const { t } = useTranslation();
  const { ms, text } = useRemaining(at);
  return (
    <Badge size="xs" color={ms < 3 * 3600_000 ? 'orange' : 'teal'} variant="light" tt="none" data-testid="home-closes">
      {t('start.closesIn', { time: text })}
    </Badge>
  );
}

function CreditsSection() {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: WalletQuery, requestPolicy: 'cache-and-network' });
  const w = data?.wallet;
  return (
    <Section
      icon={<IconCoins size={18} />}
      title={t('start.credits')}
      testId="home-credits"
      action={
        <Anchor component={Link} to="/settings/credits" size="sm" data-testid="home-buy-credits">
          {t('start.buyCredits')}
        </Anchor>
      }
    >
      <Text size="xl" fw={700} data-testid="home-balance">
        {w ? formatCredits(w.available, w.currency, i18n.language) : '…'}
      </Text>
    </Section>
  );
}

/**
 * The demo's "what to try" panel: five steps, each a link that lands where the step is done,
 * shown until the user hides it (remembered for the user on the server).
 */
function WelcomePanel({
  firstUnanswered,
}: {
  firstUnanswered?: { id: string; customerName?: string | null; customerWaId: string; windowOpen: boolean }[];
}) {
  const { t } = useTranslation();
  const me = useViewer();
  const [{ data: sim }] = useQuery({ query: SimulatorQuery, requestPolicy: 'cache-first' });
  const [{ data: meData }, dismiss] = useMutation(DismissWelcomeMutation);
  const demo = sim?.simulator;
  const dismissed = meData?.dismissWelcome.welcomeDismissed ?? me.welcomeDismissed;
  if (!demo) return null;
  if (dismissed) {
    return (
      <Group justify="flex-end">
        <Button variant="subtle" size="xs" onClick={() => void dismiss({ dismissed: false })} data-testid="welcome-show">
          {t('start.welcome.show')}
        </Button>
      </Group>
    );
  }
  const list = firstUnanswered ?? [];
  const open = list.find((c) => c.windowOpen);
  const closed = list.find((c) => !c.windowOpen);
  const phone = open ? `/simulator?wa=${open.customerWaId}&name=${encodeURIComponent(open.customerName ?? '')}` : '/simulator';
  const steps: { text: string; to: string; testId: string }[] = [
    { text: t('start.welcome.step1'), to: open ? `/messages/${encodeURIComponent(open.id)}` : '/messages', testId: 'welcome-step-reply' },
    { text: t('start.welcome.step2'), to: closed ? `/messages/${encodeURIComponent(closed.id)}` : '/messages', testId: 'welcome-step-template' },
    { text: t('start.welcome.step3'), to: phone, testId: 'welcome-step-phone' },
    { text: t('start.welcome.step4'), to: '/settings/whatsapp/templates', testId: 'welcome-step-rejected' },
    { text: t('start.welcome.step5', { pin: demo.demoPin }), to: '/settings/whatsapp', testId: 'welcome-step-setup' },
  ];
  return (
    <Paper withBorder p="md" bg="teal.0" data-testid="welcome-panel">
      <Title order={4} mb={4}>
        {t('start.welcome.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('start.welcome.intro')}
      </Text>
      <List type="ordered" spacing={6} size="sm">
        {steps.map((s) => (
          <List.Item key={s.testId}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" style={{ flex: 1 }}>
                {s.text}
              </Text>
              <Button component={Link} to={s.to} size="compact-xs" variant="light" data-testid={s.testId}>
                {t('start.welcome.go')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
      <Group justify="flex-end" mt="xs">
        <Button variant="default" size="xs" onClick={() => void dismiss({ dismissed: true })} data-testid="welcome-dismiss">
          {t('start.welcome.dismiss')}
        </Button>
      </Group>
    </Paper>
  );
}
