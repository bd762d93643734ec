export const ROLES = ['ADMIN', 'SECRETARIAT', 'FOCAL_POINT', 'PARTNER'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: resolved once per request (session cookie, API token, or nobody). */
export interface Viewer {
  /** Undefined for anonymous visitors. */
  role: Role | undefined;
  accountId?: string;
  personId?: string;
  organizationId?: string;
  /** False for READ-scoped API tokens and anonymous visitors. */
  canWrite: boolean;
  /** The session or token this request authenticated with. */
  sessionId?: string;
  tokenId?: string;
}

export const anonymous: Viewer = { role: undefined, canWrite: false };

/** Acting as the system (operator CLI, demo loader, migrations). */
export const systemViewer: Viewer = { role: 'ADMIN', canWrite: true };

export const isStaff = (viewer: Viewer): boolean => viewer.role === 'ADMIN' || viewer.role === 'SECRETARIAT';
