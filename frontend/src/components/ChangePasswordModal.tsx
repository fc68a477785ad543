import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from 'urql';
import { useTranslation } from 'react-i18next';
import { ChangePasswordMutation } from '../graphql/operations';
import { errorMessage, hasErrorCode } from '../graphql/errors';

const MIN_LENGTH = 8;

export default function ChangePasswordModal({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, change] = useMutation(ChangePasswordMutation);

  const close = () => {
    setCurrent('');
    setNext('');
    setRepeat('');
    setError(null);
    setDone(false);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (next.length < MIN_LENGTH) {
      setError(t('user.passwordTooShort', { min: MIN_LENGTH }));
      return;
    }
    if (next !== repeat) {
      setError(t('user.passwordMismatch'));
      return;
    }
    const res = await change({ currentPassword: current, newPassword: next });
    if (res.error) {
      setError(
        hasErrorCode(res.error, 'UNAUTHENTICATED') ? t('login.invalid') : errorMessage(res.error, t),
      );
      return;
    }
    setDone(true);
    setCurrent('');
    setNext('');
    setRepeat('');
  };

  return (
    <Modal opened={opened} onClose={close} title={t('user.changePassword')}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {error && (
            <Alert color="red" className="pre-wrap" data-testid="change-password-error">
              {error}
            </Alert>
          )}
          {done && (
            <Alert color="teal" data-testid="change-password-done">
              {t('user.passwordChanged')}
            </Alert>
          )}
          <Text size="sm" c="dimmed" data-testid="change-password-other-sessions">
            {t('user.otherSessionsSignedOut')}
          </Text>
          <PasswordInput
            label={t('user.currentPassword')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            data-testid="current-password"
          />
          <PasswordInput
            label={t('user.newPassword')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            data-testid="new-password"
          />
          <PasswordInput
            label={t('user.confirmPassword')}
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            data-testid="confirm-password"
          />
          <Group justify="flex-end" className="dialog-footer">
            <Button variant="default" onClick={close}>
              {done ? t('common.close') : t('common.cancel')}
            </Button>
            {!done && (
              <Button type="submit" loading={fetching} data-testid="change-password-submit">
                {t('common.save')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
