import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useTranslation } from 'react-i18next';
import {
  ApiTokensQuery,
  CreateApiTokenMutation,
  RevokeApiTokenMutation,
} from '../../graphql/operations';
import { errorMessage } from '../../graphql/errors';
import { formatDateTime } from '../../format';
import ConfirmButton from '../../components/ConfirmButton';
import { FormDialog, NewButton, SettingsPage, SettingsTable, ShownOnceDialog, useAction } from '../../components/settings';

/** The viewer's own API tokens: list, create (token shown once), revoke. */
export default function ApiTokensPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [{ data, error }, reload] = useQuery({ query: ApiTokensQuery });
  const [, revoke] = useMutation(RevokeApiTokenMutation);
  const [, create] = useMutation(CreateApiTokenMutation);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const action = useAction(refresh);

  const submit = async () => {
    if (!name.trim()) return t('records.required');
    const res = await create({ name: name.trim() });
    if (res.error || !res.data) return errorMessage(res.error, t);
    setCreating(false);
    setCreated(res.data.createApiToken.token);
    refresh();
    return null;
  };

  return (
    <SettingsPage
      intro={t('tokens.intro')}
      action={
        <NewButton
          onClick={() => {
            setName('');
            setCreating(true);
          }}
          testId="create-token"
        >
          {t('tokens.create')}
        </NewButton>
      }
      error={[action.error, error]}
    >
      <SettingsTable
        rows={data?.apiTokens}
        rowKey={(tok) => tok.id}
        testId="tokens-table"
        rowTestId="token-row"
        empty={t('tokens.empty')}
        columns={[
          { key: 'name', header: t('tokens.name'), render: (tok) => tok.name },
          { key: 'created', header: t('tokens.createdAt'), render: (tok) => formatDateTime(tok.createdAt, lang) },
          {
            key: 'used',
            header: t('tokens.lastUsedAt'),
            render: (tok) => (tok.lastUsedAt ? formatDateTime(tok.lastUsedAt, lang) : t('tokens.never')),
          },
          {
            key: 'expires',
            header: t('tokens.expiresAt'),
            render: (tok) => (tok.expiresAt ? formatDateTime(tok.expiresAt, lang) : t('tokens.never')),
          },
          {
            key: 'actions',
            header: '',
            render: (tok) => (
              <ConfirmButton
                size="compact-xs"
                variant="subtle"
                color="red"
                question={t('tokens.revokeConfirm', { name: tok.name })}
                onConfirm={() => action.run(() => revoke({ id: tok.id }))}
                testId="revoke-token"
              >
                {t('tokens.revoke')}
              </ConfirmButton>
            ),
          },
        ]}
      />

      <FormDialog
        opened={creating}
        title={t('tokens.createTitle')}
        onClose={() => setCreating(false)}
        onSubmit={submit}
        testId="token"
      >
        <TextInput
          label={t('tokens.name')}
          placeholder={t('tokens.namePlaceholder')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="token-name"
        />
      </FormDialog>

      <ShownOnceDialog
        value={created}
        title={t('tokens.createdTitle')}
        warning={t('tokens.shownOnce')}
        onClose={() => setCreated(null)}
        valueTestId="created-token"
        copyTestId="copy-token"
        closeTestId="close-token"
      />
    </SettingsPage>
  );
}
