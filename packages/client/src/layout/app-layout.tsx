import { useApolloClient, useMutation } from '@apollo/client/react';
import { AppShell, Burger, Group, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuilding,
  IconCalendarEvent,
  IconChecklist,
  IconChevronDown,
  IconHistory,
  IconKey,
  IconLayoutDashboard,
  IconLogout,
  IconMail,
  IconMailOpened,
  IconReportAnalytics,
  IconSettings,
  IconTargetArrow,
  IconUserShield,
  IconUsers,
} from '@tabler/icons-react';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LoadingState } from '../components/states.js';
import { PersonName } from '../components/text.js';
import { NotificationBell } from '../features/notifications/notification-bell.js';
import { isStaff, useViewer } from '../features/session/session.js';
import { LogoutDocument } from '../graphql/generated.js';
import { LanguageSwitch } from './language-switch.js';

interface NavItem {
  to: string;
  key: string;
  icon: typeof IconKey;
  exact?: boolean;
  /** Other pages that belong to this item (meeting series to meetings). */
  also?: string[];
}

const navigation: NavItem[] = [
  { to: '/', key: 'dashboard', icon: IconLayoutDashboard, exact: true },
  { to: '/meetings', key: 'meetings', icon: IconCalendarEvent, also: ['/series'] },
  { to: '/commitments', key: 'commitments', icon: IconChecklist },
  { to: '/reports', key: 'reports', icon: IconReportAnalytics },
  { to: '/organizations', key: 'organizations', icon: IconBuilding },
  { to: '/people', key: 'people', icon: IconUsers },
  { to: '/plan', key: 'plan', icon: IconTargetArrow },
  { to: '/tokens', key: 'tokens', icon: IconKey },
];

/** The frame of every signed-in page: header with language, notifications and account, navigation, and the page. */
export function AppLayout() {
  const { t } = useTranslation();
  const viewer = useViewer();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [opened, { toggle, close }] = useDisclosure(false);
  const [logout] = useMutation(LogoutDocument);
  const top = useRef<HTMLDivElement>(null);

  // After each page change keyboard users start again from the top, where the skip link is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the page changes
  useEffect(() => {
    top.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const signOut = async () => {
    try {
      await logout();
    } finally {
      await client.clearStore();
      navigate('/login', { replace: true });
    }
  };

  const under = (to: string) => location.pathname === to || location.pathname.startsWith(`${to}/`);
  const isActive = (item: NavItem) =>
    item.exact ? location.pathname === item.to : under(item.to) || (item.also ?? []).some(under);

  const items: NavItem[] = [
    ...navigation,
    // Everyone with a person can be invited to meetings, and answers their invitations here.
    ...(viewer.person ? [{ to: '/invitations', key: 'invitations', icon: IconMailOpened }] : []),
    ...(isStaff(viewer) ? [{ to: '/audit', key: 'audit', icon: IconHistory }] : []),
    ...(viewer.role === 'ADMIN'
      ? [
          { to: '/admin/accounts', key: 'accounts', icon: IconUserShield },
          { to: '/admin/outbox', key: 'outbox', icon: IconMail },
        ]
      : []),
  ];

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <div ref={top} tabIndex={-1} style={{ outline: 'none' }} />
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <UnstyledButton component={Link} to="/">
              <Group gap={8} wrap="nowrap">
                <Text fw={700} size="lg" c="ncct.8">
                  {t('app.name')}
                </Text>
                <Text size="sm" c="dimmed" visibleFrom="md">
                  {t('app.organization')}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <NotificationBell />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton data-testid="account-menu">
                  <Group gap={6} wrap="nowrap">
                    <div>
                      <Text size="sm" fw={600} lh={1.2}>
                        {viewer.person ? <PersonName person={viewer.person} /> : t(`role.${viewer.role}`)}
                      </Text>
                      <Text size="xs" c="dimmed" lh={1.2}>
                        {t(`role.${viewer.role}`)}
                        {viewer.organization ? ` · ${viewer.organization.acronym}` : ''}
                      </Text>
                    </div>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/settings" leftSection={<IconSettings size={14} aria-hidden />}>
                  {t('nav.settings')}
                </Menu.Item>
                <Menu.Item component={Link} to="/tokens" leftSection={<IconKey size={14} aria-hidden />}>
                  {t('nav.tokens')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconLogout size={14} aria-hidden />}
                  onClick={() => void signOut()}
                  data-testid="logout"
                >
                  {t('nav.logout')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')} component="nav">
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(`nav.${item.key}`)}
            leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
            active={isActive(item)}
            aria-current={isActive(item) ? 'page' : undefined}
            onClick={close}
          />
        ))}
        {isStaff(viewer) ? null : (
          <Text size="xs" c="dimmed" mt="auto" p="xs">
            {t(`role.explain.${viewer.role}`)}
          </Text>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
