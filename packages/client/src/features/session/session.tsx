import { useQuery } from '@apollo/client/react';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { UNAUTHENTICATED_EVENT } from '../../apollo.js';
import { MeDocument, type ViewerFieldsFragment } from '../../graphql/generated.js';
import { ErrorState, LoadingState } from '../../components/states.js';
import { followAccountLanguage } from '../../i18n/i18n.js';

export type Viewer = ViewerFieldsFragment;

const SessionContext = createContext<Viewer | null>(null);

/** The signed-in viewer; only inside pages that require a session. */
export function useViewer(): Viewer {
  const viewer = useContext(SessionContext);
  if (!viewer) throw new Error('useViewer outside a signed-in page');
  return viewer;
}

/** Secretariat and admins plan meetings, take minutes and verify commitments. */
export function isStaff(viewer: Pick<Viewer, 'role'>): boolean {
  return viewer.role === 'ADMIN' || viewer.role === 'SECRETARIAT';
}

/** Whether this viewer may report progress on a commitment led or supported by these organisations. */
export function canReportOn(viewer: Viewer, organizationIds: readonly string[]): boolean {
  if (isStaff(viewer)) return true;
  return viewer.role === 'FOCAL_POINT' && !!viewer.organization && organizationIds.includes(viewer.organization.id);
}

/** Where the login page sends people back to. */
export function loginPath(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  return next === '/' || next.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** Gives the pages inside it the signed-in viewer; sends everyone else to the login page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data, loading, error, refetch } = useQuery(MeDocument, { fetchPolicy: 'cache-first' });
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => {
    const onSignedOut = () => navigate(loginPath(window.location), { replace: true });
    window.addEventListener(UNAUTHENTICATED_EVENT, onSignedOut);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onSignedOut);
  }, [navigate]);

  const locale = data?.me?.locale;
  useEffect(() => {
    if (locale) followAccountLanguage(locale);
  }, [locale]);

  if (loading && !data) return <LoadingState />;
  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data?.me) return <Navigate to={loginPath(location)} replace />;
  return <SessionContext.Provider value={data.me}>{children}</SessionContext.Provider>;
}
