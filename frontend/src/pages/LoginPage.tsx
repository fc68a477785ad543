import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { LoginMutation } from '../graphql/operations';
import { errorMessage, hasErrorCode } from '../graphql/errors';
import { useSession } from '../auth/session';
import LanguageSwitch from '../components/LanguageSwitch';
import { FullPageLoader } from '../auth/guards';
import { applyLanguage, fromApiLanguage } from '../i18n';

export default function LoginPage() {
  const { t } = useTranslation();
  const { me, resetClient } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [{ fetching }, login] = useMutation(LoginMutation);

  if (me === undefined) return <FullPageLoader />;
  if (me) {
    const target = from && from !== '/login' ? from : '/';
    return <Navigate to={target} replace />;
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!email.trim() || !password) {
      setMessage(t('login.required'));
      return;
    }
    const res = await login({ email: email.trim(), password });
    if (res.error) {
      if (hasErrorCode(res.error, 'RATE_LIMITED')) setMessage(t('login.rateLimited'));
      else if (hasErrorCode(res.error, 'UNAUTHENTICATED') || hasErrorCode(res.error, 'FORBIDDEN'))
        setMessage(t('login.invalid'));
      else setMessage(errorMessage(res.error, t));
      return;
    }
    if (res.data?.login.user.language) applyLanguage(fromApiLanguage(res.data.login.user.language));
    // The server has set the session cookie; a fresh client asks `me` again and the redirect
    // above takes the user into the app.
    resetClient();
  };

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w={380}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack>
            <Group justify="space-between" align="center">
              <Title order={2} c="teal.8">
                {t('app.name')}
              </Title>
              <LanguageSwitch />
            </Group>
            <Text size="sm" c="dimmed">
              {t('login.title')}
            </Text>
            {message && (
              <Alert color="red" data-testid="login-error" className="pre-wrap">
                {message}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              data-testid="login-email"
              autoFocus
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              data-testid="login-password"
            />
            <Button type="submit" loading={fetching} data-testid="login-submit" fullWidth>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
