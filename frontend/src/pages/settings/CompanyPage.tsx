import { useEffect, useState } from 'react';
import { Group, Paper, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import { CompanySettingsQuery, SetCompanySettingsMutation } from '../../graphql/operations';
import { SaveButton, SettingsPage, useAction } from '../../components/settings';
import Toast from '../../components/Toast';

type Company = {
  name: string;
  address: string;
  email: string;
  phone: string;
  website: string;
  taxId: string;
  currency: string;
};

const EMPTY: Company = { name: '', address: '', email: '', phone: '', website: '', taxId: '', currency: '' };

/**
 * Settings → Company (administrators): who sends the documents. Every PDF (quotes, orders,
 * invoices) carries this header, and its amounts are in this currency.
 */
export default function CompanyPage() {
  const { t } = useTranslation();
  const [{ data, error }] = useQuery({ query: CompanySettingsQuery, requestPolicy: 'cache-and-network' });
  const [{ fetching }, save] = useMutation(SetCompanySettingsMutation);
  const [form, setForm] = useState<Company>(EMPTY);
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const stored = data?.companySettings;

  useEffect(() => {
    if (stored) setForm({ ...EMPTY, ...stored });
  }, [stored]);

  const field = (key: keyof Company) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setForm((f) => ({ ...f, [key]: e.currentTarget.value })),
    'data-testid': `company-${key}`,
  });

  const submit = async () => setSaved(await action.run(() => save({ input: form })));

  return (
    <SettingsPage intro={t('company.intro')} error={[action.error, error]}>
      <Paper withBorder p="md">
        <Stack>
          <TextInput label={t('company.name')} {...field('name')} />
          <Textarea label={t('company.address')} description={t('company.addressHelp')} autosize minRows={3} {...field('address')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('company.email')} type="email" {...field('email')} />
            <TextInput label={t('company.phone')} {...field('phone')} />
            <TextInput label={t('company.website')} {...field('website')} />
            <TextInput label={t('company.taxId')} {...field('taxId')} />
            <TextInput
              label={t('company.currency')}
              description={t('company.currencyHelp')}
              maxLength={3}
              {...field('currency')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <SaveButton onClick={() => void submit()} loading={fetching} testId="company-save" />
          </Group>
        </Stack>
      </Paper>
      <Toast opened={saved} onClose={() => setSaved(false)} title={t('company.saved')} testId="company-saved" />
    </SettingsPage>
  );
}
