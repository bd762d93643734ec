import type { Viewer } from '../src/auth/viewer.js';

/** Viewers for tests that act as a role directly (the access-control suite signs in for real). */
export const secretariat: Viewer = { role: 'SECRETARIAT', canWrite: true };
export const admin: Viewer = { role: 'ADMIN', canWrite: true };
export const partner: Viewer = { role: 'PARTNER', canWrite: false };
export const focalPoint = (organizationId: string, personId?: string): Viewer => ({
  role: 'FOCAL_POINT',
  organizationId,
  personId,
  canWrite: true,
});
