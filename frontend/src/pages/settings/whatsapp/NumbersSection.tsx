import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  AllWhatsappProfilesQuery,
  RegisterWhatsappNumberMutation,
  WhatsappNumbersQuery,
} from '../../../graphql/operations';
import type { WhatsappNumbersQuery as WhatsappNumbersResult } from '../../../gql/graphql';
import { SimulatorQuery } from '../../../graphql/simulator';
import { type DialogActions, DialogForm, ErrorAlert, SettingsDialog, SettingsTable } from '../../../components/settings';

type NumberItem = WhatsappNumbersResult['whatsappNumbers'][number];

/** F1: the account's phone numbers, whether each can carry a profile, and registering one. */
export default function NumbersSection() {
  const { t } = useTranslation();
  const [{ data, error, fetching }, reload] = useQuery({ query: WhatsappNumbersQuery, requestPolicy: 'cache-and-network' });
  const [registering, setRegistering] = useState<NumberItem | null>(null);
  const [{ data: profilesData }] = useQuery({ query: AllWhatsappProfilesQuery, requestPolicy: 'cache-and-network' });
  // A number linked to one of our profiles names it (not "another profile").
  const reasonOf = (n: NumberItem) => {
    const linked = (profilesData?.allWhatsappProfiles ?? []).find((p) => p.id === n.linkedProfileId);
    return linked ? t('profileAdmin.linkedTo', { name: linked.nickname }) : n.ineligibleReason;
  };

  const yesNo = (ok: boolean, yes: string, no: string, testId: string) => (
    <Badge color={ok ? 'teal' : 'gray'} variant={ok ? 'light' : 'outline'} data-testid={testId} data-value={ok}>
      {ok ? yes : no}
    </Badge>
  );

  return (
    <Paper withBorder p="md" data-testid="wa-numbers">
      <Stack gap="sm">
        <Title order={4}>{t('whatsapp.numbers.title')}</Title>
        <ErrorAlert error={error} />
        <SettingsTable
          bare
          rows={data?.whatsappNumbers}
          rowKey={(n) => n.id}
          rowTestId="wa-number-row"
          rowProps={(n) => ({ 'data-id': n.id })}
          empty={fetching ? t('app.loading') : t('whatsapp.numbers.empty')}
          columns={[
            {
              key: 'number',
              header: t('whatsapp.numbers.number'),
              render: (n) => (
                <>
                  <Text size="sm" dir="ltr">
                    {n.displayPhoneNumber}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {n.id}
                  </Text>
                </>
              ),
            },
            { key: 'name', header: t('whatsapp.numbers.name'), render: (n) => n.verifiedName },
            {
              key: 'state',
              header: t('whatsapp.numbers.state'),
              render: (n) => (
                <>
                  <Group gap={4}>
                    {yesNo(n.verified, t('whatsapp.numbers.verified'), t('whatsapp.numbers.notVerified'), 'wa-number-verified')}
                    {yesNo(n.registered, t('whatsapp.numbers.registered'), t('whatsapp.numbers.notRegistered'), 'wa-number-registered')}
                    {yesNo(n.eligible, t('whatsapp.numbers.eligible'), t('whatsapp.numbers.notEligible'), 'wa-number-eligible')}
                  </Group>
                  {n.ineligibleReason && (
                    <Text size="xs" c="var(--mantine-color-orange-light-color)" mt={4} data-testid="wa-number-reason">
                      {reasonOf(n)}
                    </Text>
                  )}
                </>
              ),
            },
            {
              key: 'actions',
              header: t('common.actions'),
              render: (n) =>
                !n.registered && (
                  <Button size="compact-xs" variant="light" onClick={() => setRegistering(n)} data-testid="wa-register">
                    {t('whatsapp.numbers.register')}
                  </Button>
                ),
            },
          ]}
        />
        <Text size="xs" c="dimmed">
          {t('whatsapp.numbers.migrationNote')}
        </Text>
        <SettingsDialog
          opened={registering !== null}
          onClose={() => setRegistering(null)}
          title={registering ? t('whatsapp.numbers.registerTitle', { number: registering.displayPhoneNumber }) : ''}
        >
          {registering && (
            <RegisterForm
              number={registering}
              onDone={() => {
                setRegistering(null);
                reload({ requestPolicy: 'network-only' });
              }}
              onCancel={() => setRegistering(null)}
            />
          )}
        </SettingsDialog>
      </Stack>
    </Paper>
  );
}

/** Registering a number with its six-digit PIN (the demo shows its PIN). */
function RegisterForm({ number, ...dialog }: { number: NumberItem } & DialogActions) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [, register] = useMutation(RegisterWhatsappNumberMutation);
  const [{ data: sim }] = useQuery({ query: SimulatorQuery, requestPolicy: 'cache-first' });
  const demoPin = sim?.simulator?.demoPin;

  const submit = () => (/^\d{6}$/.test(pin) ? register({ phoneNumberId: number.id, pin }) : t('whatsapp.numbers.pinInvalid'));

  return (
    <DialogForm
      onSubmit={submit}
      {...dialog}
      submitLabel={t('whatsapp.numbers.register')}
      submitTestId="wa-register-submit"
    >
      <Text size="sm">{t('whatsapp.numbers.pinIntro')}</Text>
      {demoPin && (
        <Alert color="blue" data-testid="wa-demo-pin">
          {t('profileAdmin.demoPin', { pin: demoPin })}
        </Alert>
      )}
      <TextInput
        label={t('whatsapp.numbers.pin')}
        value={pin}
        onChange={(e) => setPin(e.currentTarget.value.replace(/\D/g, '').slice(0, 6))}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        data-testid="wa-register-pin"
      />
    </DialogForm>
  );
}
