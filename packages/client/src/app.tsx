import { lazy, Suspense } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { LoadingState } from './components/states.js';
import { RequireSession } from './features/session/session.js';
import { AppLayout } from './layout/app-layout.js';
import { DashboardPage } from './routes/dashboard.js';
import { LoginPage } from './routes/login.js';
import { RouteErrorPage } from './routes/route-error.js';

// Login and dashboard come with the first load; every other page is fetched when first visited.
const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const MeetingsPage = named(() => import('./routes/meetings.js'), 'MeetingsPage');
const MeetingNewPage = named(() => import('./routes/meeting-new.js'), 'MeetingNewPage');
const MeetingPage = named(() => import('./routes/meeting.js'), 'MeetingPage');
const MeetingPrintPage = named(() => import('./routes/meeting-print.js'), 'MeetingPrintPage');
const SeriesListPage = named(() => import('./routes/series-list.js'), 'SeriesListPage');
const SeriesPage = named(() => import('./routes/series.js'), 'SeriesPage');
const ReportsPage = named(() => import('./routes/reports.js'), 'ReportsPage');
const CommitmentsPage = named(() => import('./routes/commitments.js'), 'CommitmentsPage');
const CommitmentPage = named(() => import('./routes/commitment.js'), 'CommitmentPage');
const OrganizationsPage = named(() => import('./routes/organizations.js'), 'OrganizationsPage');
const OrganizationPage = named(() => import('./routes/organization.js'), 'OrganizationPage');
const PeoplePage = named(() => import('./routes/people.js'), 'PeoplePage');
const PlanPage = named(() => import('./routes/plan.js'), 'PlanPage');
const TokensPage = named(() => import('./routes/tokens.js'), 'TokensPage');
const AccountsPage = named(() => import('./routes/accounts.js'), 'AccountsPage');
const AuditPage = named(() => import('./routes/audit.js'), 'AuditPage');
const InvitationsPage = named(() => import('./routes/invitations.js'), 'InvitationsPage');
const NotificationsPage = named(() => import('./routes/notifications.js'), 'NotificationsPage');
const SettingsPage = named(() => import('./routes/settings.js'), 'SettingsPage');
const OutboxPage = named(() => import('./routes/admin-outbox.js'), 'OutboxPage');
const CommitmentImportPage = named(() => import('./routes/import.js'), 'CommitmentImportPage');
const DirectoryImportPage = named(() => import('./routes/import.js'), 'DirectoryImportPage');
const NotFoundPage = named(() => import('./routes/not-found.js'), 'NotFoundPage');
// The public accountability page: its own calm layout, no sign-in (when the server enables public read).
const PublicLayout = named(() => import('./features/public/public-layout.js'), 'PublicLayout');
const PublicOverviewPage = named(() => import('./routes/public.js'), 'PublicOverviewPage');
const PublicCommitmentsPage = named(() => import('./routes/public-commitments.js'), 'PublicCommitmentsPage');
const PublicCommitmentPage = named(() => import('./routes/public-commitments.js'), 'PublicCommitmentPage');
const PublicMeetingsPage = named(() => import('./routes/public-meetings.js'), 'PublicMeetingsPage');
const PublicMeetingPage = named(() => import('./routes/public-meetings.js'), 'PublicMeetingPage');
const PublicNotFound = named(() => import('./routes/public-commitments.js'), 'PublicNotFound');

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/public',
    errorElement: <RouteErrorPage />,
    element: (
      <Suspense fallback={<LoadingState />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <PublicOverviewPage /> },
      { path: 'commitments', element: <PublicCommitmentsPage /> },
      { path: 'commitments/:id', element: <PublicCommitmentPage /> },
      { path: 'meetings', element: <PublicMeetingsPage /> },
      { path: 'meetings/:id', element: <PublicMeetingPage /> },
      { path: '*', element: <PublicNotFound /> },
    ],
  },
  {
    path: '/meetings/:id/print',
    errorElement: <RouteErrorPage />,
    element: (
      <RequireSession>
        <Suspense fallback={<LoadingState />}>
          <MeetingPrintPage />
        </Suspense>
      </RequireSession>
    ),
  },
  {
    path: '/',
    errorElement: <RouteErrorPage />,
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'meetings', element: <MeetingsPage /> },
          { path: 'meetings/new', element: <MeetingNewPage /> },
          { path: 'meetings/:id', element: <MeetingPage /> },
          { path: 'series', element: <SeriesListPage /> },
          { path: 'series/:id', element: <SeriesPage /> },
          { path: 'commitments', element: <CommitmentsPage /> },
          { path: 'commitments/import', element: <CommitmentImportPage /> },
          { path: 'commitments/:id', element: <CommitmentPage /> },
          { path: 'reports', element: <ReportsPage /> },
          { path: 'organizations', element: <OrganizationsPage /> },
          { path: 'organizations/import', element: <DirectoryImportPage /> },
          { path: 'organizations/:id', element: <OrganizationPage /> },
          { path: 'people', element: <PeoplePage /> },
          { path: 'plan', element: <PlanPage /> },
          { path: 'tokens', element: <TokensPage /> },
          { path: 'admin/accounts', element: <AccountsPage /> },
          { path: 'admin/outbox', element: <OutboxPage /> },
          { path: 'audit', element: <AuditPage /> },
          { path: 'invitations', element: <InvitationsPage /> },
          { path: 'notifications', element: <NotificationsPage /> },
          // E-mails link here: keep the path.
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
