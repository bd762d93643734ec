import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Anchor,
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
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../components/page.js';
import { LoginDocument, MeDocument, PublicReadEnabledDocument } from '../graphql/generated.js';
import { LanguageSwitch } from '../layout/language-switch.js';
import { errorCode, fieldErrors } from '../lib/errors.js';

/** Only paths inside the app, so a crafted link cannot send people elsewhere after they sign in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login, { loading, error }] = useMutation(LoginDocument, {
    update(cache, { data }) {
      if (data) cache.writeQuery({ query: MeDocument, data: { __typename: 'Query', me: data.login.viewer } });
    },
  });
  const problems = fieldErrors(error);
  const code = errorCode(error);
  // The public accountability page is offered only where the server opens it to everyone.
  const publicRead = useQuery(PublicReadEnabledDocument).data?.publicReadEnabled ?? false;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await login({ variables: { input: { email: email.trim(), password } } });
      navigate(safeNext(params.get('next')), { replace: true });
    } catch {
      // Shown below from `error`.
    }
  };

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <main style={{ width: '100%', maxWidth: 420 }}>
        <Stack gap="lg">
          <Group justify="space-between">
            <div>
              <Title order={1} size="h2" c="ncct.8">
                {t('app.name')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('app.organization')}
              </Text>
            </div>
            <LanguageSwitch />
          </Group>
          <Paper withBorder shadow="xs" p="xl" radius="md">
            <form onSubmit={submit} noValidate>
              <Stack>
                <Title order={2} size="h3">
                  {t('login.title')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('login.intro')}
                </Text>
                {code && code !== 'BAD_USER_INPUT' ? (
                  <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
                    {code === 'UNAUTHENTICATED' ? t('login.failed') : t(`errors.${code}.body`)}
                  </Alert>
                ) : null}
                <TextInput
                  label={t('login.email')}
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  error={problems.email}
                  autoFocus
                />
                <PasswordInput
                  label={t('login.password')}
                  autoComplete="current-password"
                  visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                  required
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={problems.password}
                />
                <Button type="submit" loading={loading} fullWidth>
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          {publicRead ? (
            <Paper withBorder p="md" radius="md" component="aside" aria-label={t('public.loginLink')}>
              <Anchor component={Link} to="/public" fw={500} data-testid="public-link">
                {t('public.loginLink')}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t('public.loginLinkHint')}
              </Text>
            </Paper>
          ) : null}
        </Stack>
      </main>
    </Center>
  );
}
