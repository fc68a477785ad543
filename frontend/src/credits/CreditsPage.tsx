import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  AdjustCreditsMutation,
  BuyCreditsMutation,
  ConfirmPaymentMutation,
  LedgerQuery,
  RecordTopUpMutation,
  SetAutoRechargeMutation,
  WalletQuery,
} from '../graphql/operations';
import { errorMessage } from '../graphql/errors';
import { formatDateTime } from '../format';
import { creditInput, formatCredits } from './money';
import SpendChart from './SpendChart';

type Kind = 'ALL' | 'TOPUP' | 'CHARGE' | 'REFUND' | 'ADJUSTMENT';

/** Settings → Credits (administrators): balance, buying, auto-recharge, corrections, ledger. */
export default function CreditsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, error }, reloadWallet] = useQuery({ query: WalletQuery, requestPolicy: 'cache-and-network' });
  const [after, setAfter] = useState<string | null>(null);
  const [{ data: ledgerData, error: ledgerError }, reloadLedger] = useQuery({
    query: LedgerQuery,
    variables: { first: 100, after },
    requestPolicy: 'cache-and-network',
  });
  const refresh = () => {
    reloadWallet({ requestPolicy: 'network-only' });
    reloadLedger({ requestPolicy: 'network-only' });
  };
  const w = data?.wallet;
  const cur = w?.currency ?? '';
  const money = (s: string) => formatCredits(s, cur, lang);

  return (
    <Stack data-testid="credits-page">
      {(error || ledgerError) && (
        <Alert color="red" className="pre-wrap">
          {errorMessage(error ?? ledgerError, t)}
        </Alert>
      )}
      {w && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Paper withBorder p="md">
              <Text size="sm" c="dimmed">
                {t('credits.balance')}
              </Text>
              <Text size="xl" fw={700} data-testid="credits-balance">
                {money(w.balance)}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Text size="sm" c="dimmed">
                {t('credits.held')}
              </Text>
              <Text size="xl" fw={700} data-testid="credits-held">
                {money(w.held)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('credits.heldHint')}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Text size="sm" c="dimmed">
                {t('credits.available')}
              </Text>
              <Text size="xl" fw={700} data-testid="credits-available">
                {money(w.available)}
              </Text>
              <Text size="xs" c="dimmed">
                {w.pricingModel === 'PER_CONVERSATION' ? t('credits.modelCbp') : t('credits.modelPmp')}
              </Text>
            </Paper>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {w.canBuy ? <BuyCredits currency={cur} onDone={refresh} /> : <ManualTopUp onDone={refresh} />}
            <AutoRecharge
              currency={cur}
              canBuy={w.canBuy}
              enabled={w.autoRecharge.enabled}
              minBalance={w.autoRecharge.minBalance}
              amount={w.autoRecharge.amount}
              onDone={refresh}
            />
          </SimpleGrid>
          <Adjust onDone={refresh} />
        </>
      )}
      <SpendChart entries={ledgerData?.ledger.edges.map((e) => e.node) ?? []} currency={cur} />
      <Ledger
        entries={ledgerData?.ledger.edges.map((e) => e.node) ?? []}
        total={ledgerData?.ledger.totalCount ?? 0}
        hasMore={ledgerData?.ledger.pageInfo.hasNextPage ?? false}
        onMore={() => setAfter(ledgerData?.ledger.pageInfo.endCursor ?? null)}
        onFirst={after ? () => setAfter(null) : undefined}
        money={money}
      />
    </Stack>
  );
}

function BuyCredits({ currency, onDone }: { currency: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [amount, setAmount] = useState('20');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [payment, setPayment] = useState<{ id: string; amount: string } | null>(null);
  const [{ fetching: buying }, buy] = useMutation(BuyCreditsMutation);
  const [{ fetching: confirming }, confirm] = useMutation(ConfirmPaymentMutation);

  const start = async () => {
    setError(null);
    setDone(null);
    const value = creditInput(amount);
    if (!value) {
      setError(t('credits.badAmount'));
      return;
    }
    const res = await buy({ amount: value });
    if (res.error) setError(errorMessage(res.error, t));
    else if (res.data) setPayment({ id: res.data.buyCredits.id, amount: res.data.buyCredits.amount });
  };
  const finish = async () => {
    if (!payment) return;
    const res = await confirm({ id: payment.id });
    setPayment(null);
    if (res.error) setError(errorMessage(res.error, t));
    else setDone(t('credits.bought', { amount: formatCredits(payment.amount, currency, i18n.language) }));
    onDone();
  };

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('credits.buy')}
      </Title>
      <Group align="flex-end">
        <TextInput
          label={t('credits.amount', { currency })}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          data-testid="buy-amount"
        />
        <Button onClick={() => void start()} loading={buying} data-testid="buy-credits">
          {t('credits.buyButton')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('credits.noCardData')}
      </Text>
      {error && (
        <Alert color="red" mt="sm" className="pre-wrap" data-testid="buy-error">
          {error}
        </Alert>
      )}
      {done && (
        <Alert color="green" mt="sm" data-testid="buy-done">
          {done}
        </Alert>
      )}
      <Modal opened={!!payment} onClose={() => setPayment(null)} title={t('credits.confirmTitle')}>
        <Stack>
          <Text>
            {t('credits.confirmText', {
              amount: payment ? formatCredits(payment.amount, currency, i18n.language) : '',
            })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPayment(null)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void finish()} loading={confirming} data-testid="confirm-payment">
              {t('credits.confirmButton')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

/** Recording money received outside the app (no payment provider): the ledger's top-up. */
function ManualTopUp({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [, record] = useMutation(RecordTopUpMutation);
  return (
    <AmountForm
      title={t('credits.manualTitle')}
      hint={t('credits.manualHint')}
      amountLabel={t('credits.amountPlain')}
      noteLabel={t('credits.reference')}
      submitLabel={t('credits.record')}
      run={(amount, reference) => record({ amount, reference })}
      onDone={onDone}
    />
  );
}

function AutoRecharge(props: {
  currency: string;
  canBuy: boolean;
  enabled: boolean;
  minBalance: string;
  amount: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(props.enabled);
  const [minBalance, setMinBalance] = useState(props.minBalance);
  const [amount, setAmount] = useState(props.amount === '0' ? '20' : props.amount);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, save] = useMutation(SetAutoRechargeMutation);
  useEffect(() => setEnabled(props.enabled), [props.enabled]);
  const submit = async () => {
    setError(null);
    setSaved(false);
    const min = creditInput(minBalance);
    const amt = creditInput(amount);
    if (!min || !amt) {
      setError(t('credits.badAmount'));
      return;
    }
    const res = await save({ input: { enabled, minBalance: min, amount: amt } });
    if (res.error) setError(errorMessage(res.error, t));
    else setSaved(true);
    props.onDone();
  };
  return (
    <Paper withBorder p="md" data-testid="auto-recharge">
      <Title order={4} mb="xs">
        {t('credits.autoTitle')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('credits.autoHint')}
      </Text>
      <Stack gap="xs">
        <Switch
          label={t('credits.autoEnabled')}
          checked={enabled}
          disabled={!props.canBuy}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
          data-testid="auto-enabled"
        />
        <Group align="flex-end">
          <TextInput
            label={t('credits.minBalance', { currency: props.currency })}
            value={minBalance}
            onChange={(e) => setMinBalance(e.currentTarget.value)}
          />
          <TextInput
            label={t('credits.amount', { currency: props.currency })}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
          />
          <Button onClick={() => void submit()} loading={fetching} data-testid="auto-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      {error && (
        <Alert color="red" mt="sm" className="pre-wrap">
          {error}
        </Alert>
      )}
      {saved && (
        <Text size="sm" c="green" mt="xs">
          {t('credits.saved')}
        </Text>
      )}
    </Paper>
  );
}

/** A correction by hand, either way (a goodwill credit, a charge booked twice). */
function Adjust({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [, adjust] = useMutation(AdjustCreditsMutation);
  return (
    <AmountForm
      title={t('credits.adjustTitle')}
      amountLabel={t('credits.adjustAmount')}
      noteLabel={t('credits.note')}
      submitLabel={t('credits.adjustButton')}
      negative
      run={(amount, note) => adjust({ amount, note })}
      onDone={onDone}
    />
  );
}

/** An amount of credits and a note, booked by `run`; cleared once it went through. */
function AmountForm({
  title,
  hint,
  amountLabel,
  noteLabel,
  submitLabel,
  negative,
  run,
  onDone,
}: {
  title: string;
  hint?: string;
  amountLabel: string;
  noteLabel: string;
  submitLabel: string;
  /** Whether the amount may be below zero (an adjustment). */
  negative?: boolean;
  run: (amount: string, note: string) => Promise<{ error?: CombinedError }>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setError(null);
    const value = creditInput(amount, negative);
    if (!value) {
      setError(t('credits.badAmount'));
      return;
    }
    setBusy(true);
    const res = await run(value, note).finally(() => setBusy(false));
    if (res.error) setError(errorMessage(res.error, t));
    else {
      setAmount('');
      setNote('');
      onDone();
    }
  };
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {title}
      </Title>
      {hint && (
        <Text size="xs" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      <Group align="flex-end">
        <TextInput label={amountLabel} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} />
        <TextInput label={noteLabel} value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button variant={negative ? 'default' : undefined} onClick={() => void submit()} loading={busy}>
          {submitLabel}
        </Button>
      </Group>
      {error && (
        <Alert color="red" mt="sm" className="pre-wrap">
          {error}
        </Alert>
      )}
    </Paper>
  );
}

interface Entry {
  id: string;
  at: string;
  kind: string;
  amount: string;
  balanceAfter: string;
  category?: string | null;
  country?: string | null;
  note?: string | null;
  message?: { id: string; conversation?: { id: string } | null } | null;
}

function csvCell(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function Ledger({
  entries,
  total,
  hasMore,
  onMore,
  onFirst,
  money,
}: {
  entries: Entry[];
  total: number;
  hasMore: boolean;
  onMore: () => void;
  onFirst?: () => void;
  money: (s: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<Kind>('ALL');
  const shown = useMemo(() => entries.filter((e) => kind === 'ALL' || e.kind === kind), [entries, kind]);
  const exportCsv = () => {
    const rows = [['at', 'kind', 'amount', 'balance_after', 'category', 'country', 'note', 'message_id']];
    for (const e of shown)
      rows.push([e.at, e.kind, e.amount, e.balanceAfter, e.category ?? '', e.country ?? '', e.note ?? '', e.message?.id ?? '']);
    const blob = new Blob([rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n'], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'parley-ledger.csv';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>
          {t('credits.ledger')} <Badge variant="light">{total}</Badge>
        </Title>
        <Group>
          <SegmentedControl
            size="xs"
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            data={(['ALL', 'TOPUP', 'CHARGE', 'REFUND', 'ADJUSTMENT'] as const).map((k) => ({
              value: k,
              label: t(`credits.kind.${k}`),
            }))}
            data-testid="ledger-filter"
          />
          <Button size="xs" variant="default" onClick={exportCsv} disabled={shown.length === 0}>
            {t('credits.exportCsv')}
          </Button>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={700}>
        <Table striped data-testid="ledger-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('credits.at')}</Table.Th>
              <Table.Th>{t('credits.kindLabel')}</Table.Th>
              <Table.Th ta="right">{t('credits.amountPlain')}</Table.Th>
              <Table.Th ta="right">{t('credits.balanceAfter')}</Table.Th>
              <Table.Th>{t('credits.detail')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e) => (
              <Table.Tr key={e.id} data-testid="ledger-row">
                <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                <Table.Td>{t(`credits.kind.${e.kind}`)}</Table.Td>
                <Table.Td ta="right" c={e.amount.startsWith('-') ? 'red' : 'green'}>
                  {money(e.amount)}
                </Table.Td>
                <Table.Td ta="right">{money(e.balanceAfter)}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="pre-wrap">
                    {[e.category, e.country].filter(Boolean).join(' · ')}
                    {e.note ? `${e.category || e.country ? ' — ' : ''}${e.note}` : ''}
                    {e.message?.conversation && (
                      <>
                        {' '}
                        <Anchor component={Link} to={`/messages/${e.message.conversation.id}`} size="sm">
                          {t('credits.message')}
                        </Anchor>
                      </>
                    )}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('credits.noEntries')}
        </Text>
      )}
      <Group mt="sm">
        {onFirst && (
          <Button size="xs" variant="default" onClick={onFirst}>
            {t('credits.newest')}
          </Button>
        )}
        {hasMore && (
          <Button size="xs" variant="default" onClick={onMore}>
            {t('common.next')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
