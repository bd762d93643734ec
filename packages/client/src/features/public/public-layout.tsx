import { ApolloProvider, useQuery } from '@apollo/client/react';
import { Anchor, Box, Container, Group, Stack, Text, Title } from '@mantine/core';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation, useSearchParams } from 'react-router';
import { EmptyState, LoadingState } from '../../components/states.js';
import { PublicReadEnabledDocument } from '../../graphql/generated.js';
import { LanguageSwitch } from '../../layout/language-switch.js';
import { publicApolloClient } from './public-client.js';

const sections = [
  { to: '/public', key: 'overview', end: true },
  { to: '/public/commitments', key: 'commitments', end: false },
  { to: '/public/meetings', key: 'meetings', end: false },
] as const;

/**
 * The calm frame of the public accountability page: no staff navigation, a language switch, and the page. Its
 * queries go through a client without the session cookie, so everyone sees only what is PUBLIC.
 */
export function PublicLayout() {
  return (
    <ApolloProvider client={publicApolloClient()}>
      <PublicFrame />
    </ApolloProvider>
  );
}

function PublicFrame() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const [params] = useSearchParams();
  const linkLanguage = params.get('lang');

  // A shared link may say its language (?lang=km, as the server's page description does): it is shown in it,
  // without changing the language this browser remembers.
  useEffect(() => {
    if ((linkLanguage === 'km' || linkLanguage === 'en') && i18n.language !== linkLanguage) {
      void i18n.changeLanguage(linkLanguage);
    }
  }, [linkLanguage, i18n]);
  const main = useRef<HTMLDivElement>(null);
  const { data, loading } = useQuery(PublicReadEnabledDocument);
  const enabled = data?.publicReadEnabled;

  // After each page change keyboard and screen-reader users start from the page's content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the page changes
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <Box bg="gray.0" mih="100vh">
      <a className="skip-link" href="#public-main">
        {t('public.skipToContent')}
      </a>
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <div>
              <Anchor component={Link} to="/public" underline="never" c="ncct.8" fw={700} size="lg">
                {t('app.name')}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('public.tagline')}
              </Text>
            </div>
            <Group gap="sm">
              <LanguageSwitch />
              <Anchor component={Link} to="/login" size="sm">
                {t('public.staffSignIn')}
              </Anchor>
            </Group>
          </Group>
          {enabled ? (
            <Group component="nav" aria-label={t('public.navLabel')} gap="lg" mt="xs" wrap="wrap">
              {sections.map((section) => (
                <NavLink
                  key={section.key}
                  to={section.to}
                  end={section.end}
                  style={({ isActive }) => ({
                    color: 'var(--mantine-color-ncct-8)',
                    fontWeight: isActive ? 700 : 400,
                    textDecoration: isActive ? 'underline' : 'none',
                    textUnderlineOffset: 4,
                    padding: '0.25rem 0',
                  })}
                >
                  {t(`public.nav.${section.key}`)}
                </NavLink>
              ))}
            </Group>
          ) : null}
        </Container>
      </Box>
      <Container
        size="lg"
        py="lg"
        component="main"
        id="public-main"
        ref={main}
        tabIndex={-1}
        style={{ outline: 'none' }}
      >
        {loading && !data ? <LoadingState /> : null}
        {data && !enabled ? (
          <EmptyState
            title={t('public.disabled.title')}
            description={t('public.disabled.body')}
            action={
              <Anchor component={Link} to="/login">
                {t('public.staffSignIn')}
              </Anchor>
            }
          />
        ) : null}
        {enabled ? (
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        ) : null}
      </Container>
      <Box component="footer" py="lg">
        <Container size="lg">
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('public.footer')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('app.organization')}
            </Text>
          </Stack>
        </Container>
      </Box>
    </Box>
  );
}

/** A public page's heading, and the browser tab's title. */
export function PublicHeading({ title, intro }: { title: string; intro?: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <Stack gap={4} mb="lg">
      <Title order={1} size="h2">
        {title}
      </Title>
      {intro ? <Text c="dimmed">{intro}</Text> : null}
    </Stack>
  );
}
