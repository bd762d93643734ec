import { ForbiddenError, UnauthenticatedError } from '../errors.js';
import type { Visibility } from '../db/base.entity.js';
import { isStaff, type Viewer } from './viewer.js';

/**
 * The one place that says who may see and do what (DESIGN.md §1). Services and
 * resolvers ask here; list queries use the SQL fragments below so that totals,
 * stats and search never count what the viewer cannot see.
 */

/** Visibilities a viewer may read regardless of ownership; undefined = all. */
export function readableVisibilities(viewer: Viewer, publicRead: boolean): Visibility[] | undefined {
  if (isStaff(viewer)) return undefined;
  if (viewer.role === 'FOCAL_POINT' || viewer.role === 'PARTNER') return ['PARTNERS', 'PUBLIC'];
  return publicRead ? ['PUBLIC'] : [];
}

/** Throws unless someone is signed in (or anonymous reading is enabled for reads). */
export function requireReader(viewer: Viewer, publicRead: boolean): void {
  if (!viewer.role && !publicRead) throw new UnauthenticatedError();
}

export function requireStaff(viewer: Viewer, action: string): void {
  if (!viewer.role) throw new UnauthenticatedError();
  if (!isStaff(viewer)) throw new ForbiddenError(`Only the secretariat may ${action}`);
  requireWriteScope(viewer);
}

export function requireAdmin(viewer: Viewer, action: string): void {
  if (!viewer.role) throw new UnauthenticatedError();
  if (viewer.role !== 'ADMIN') throw new ForbiddenError(`Only an administrator may ${action}`);
  requireWriteScope(viewer);
}

export function requireWriteScope(viewer: Viewer): void {
  if (!viewer.canWrite) throw new ForbiddenError('This API token is read-only (scope READ)');
}

/** Contact details (e-mail, phone) of people: not for partners or anonymous visitors. */
export function maySeeContactDetails(viewer: Viewer): boolean {
  return isStaff(viewer) || viewer.role === 'FOCAL_POINT';
}

/** Audit events reveal every change: staff only. */
export function maySeeAudit(viewer: Viewer): boolean {
  return isStaff(viewer);
}
