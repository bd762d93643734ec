import { requireStaff, requireWriteScope } from '../../auth/permissions.js';
import { isStaff } from '../../auth/viewer.js';
import { ForbiddenError, NotFoundError, Problems, UnauthenticatedError } from '../../errors.js';
import { decodeId } from '../../graphql/global-id.js';
import { cleanText, cleanUrl } from '../../validation.js';
import { diff, recordAudit } from '../audit/audit.service.js';
import { attachUpload, claimUploads } from '../files/file.service.js';
import { followUp } from '../notifications/follow-up.js';
import {
  type Commitment,
  type CommitmentStatus,
  CommitmentSupporterSchema,
  COMMITMENT_STATUSES,
  EvidenceSchema,
  type ProgressUpdate,
} from './commitment.entity.js';
import {
  AUDITED,
  checkProgress,
  commitmentSnapshot,
  findVisibleCommitments,
  loadLinks,
  lockCommitment,
  recordProgress,
  type Scope,
  writeTransaction,
} from './commitment.service.js';
import { OPEN_STATUSES } from '../committee/rules.js';

export interface ProgressReport {
  status?: CommitmentStatus | null;
  progress?: number | null;
  note?: string | null;
  noteKm?: string | null;
  /** Each item is a link (`url`) or an upload of the viewer's (`fileId`, a File global id). */
  evidence?: { url?: string | null; title?: string | null; fileId?: string | null }[] | null;
}

const PROGRESS_AUDITED = ['status', 'progress', 'statusReason', 'lastUpdateAt'];

/**
 * Staff, or a focal point of an organisation that leads or supports the commitment. A commitment
 * the viewer may not see answers NOT_FOUND, exactly like one that does not exist.
 */
export async function requireReporter(scope: Scope, commitmentId: string): Promise<void> {
  const { viewer } = scope;
  if (!viewer.role) throw new UnauthenticatedError();
  requireWriteScope(viewer);
  if (isStaff(viewer)) return;
  const [commitment] = await findVisibleCommitments(scope, [commitmentId]);
  if (!commitment) throw new NotFoundError('Commitment', commitmentId);
  if (viewer.role === 'FOCAL_POINT' && viewer.organizationId) {
    if (commitment.leadOrganization === viewer.organizationId) return;
    const supporter = await scope.em.findOne(CommitmentSupporterSchema, {
      commitment: commitmentId,
      organization: viewer.organizationId,
    });
    if (supporter) return;
  }
  throw new ForbiddenError(
    'Only the secretariat or a focal point of an organisation that leads or supports this commitment may report on it',
  );
}

/** Appends a progress report (with evidence) and moves the commitment's status and progress. */
export async function addProgressUpdate(
  scope: Scope,
  commitmentId: string,
  version: number,
  report: ProgressReport,
): Promise<{ commitment: Commitment; update: ProgressUpdate }> {
  await requireReporter(scope, commitmentId);
  return writeTransaction(scope, commitmentId, async (em) => {
    const commitment = await lockCommitment(em, commitmentId, version);
    const problems = new Problems();
    const note = cleanText(problems, 'note', report.note, 10_000);
    const noteKm = cleanText(problems, 'noteKm', report.noteKm, 10_000);
    checkProgress(problems, 'progress', report.progress);
    const fileIds = new Map<number, string>();
    const evidence = (report.evidence ?? []).map((item, index) => {
      const fileId = decodeId(item.fileId, 'File', `evidence[${index}].fileId`, problems);
      if (fileId) fileIds.set(index, fileId);
      const url = cleanUrl(problems, `evidence[${index}].url`, item.url);
      if (url && item.fileId != null)
        problems.add(`evidence[${index}].url`, 'give a link or a file, not both', 'INVALID_COMBINATION');
      else if (!url && item.fileId == null) problems.add(`evidence[${index}].url`, 'is required', 'REQUIRED');
      return { url, title: cleanText(problems, `evidence[${index}].title`, item.title, 500), fileId };
    });
    const files = await claimUploads(em, scope.viewer, fileIds, problems);
    const current: CommitmentStatus = commitment.status;
    let status: CommitmentStatus = report.status ?? current;
    let progress = report.progress ?? commitment.progress;
    if (status && !COMMITMENT_STATUSES.includes(status)) problems.add('status', 'is unknown', 'INVALID_CHOICE');

    if (current === 'VERIFIED' || current === 'CANCELLED') {
      if (!(isStaff(scope.viewer) && OPEN_STATUSES.includes(status)))
        problems.add('status', `the commitment is ${current}; only the secretariat can re-open it`, 'NOT_ALLOWED');
    } else if (status === 'VERIFIED') {
      problems.add('status', 'only the secretariat verifies a commitment, with verifyCommitment', 'NOT_ALLOWED');
    } else if (current === 'COMPLETED' && status !== 'COMPLETED' && status !== 'CANCELLED') {
      problems.add('status', 'the commitment is COMPLETED; the secretariat verifies it or returns it', 'INVALID_STATE');
    } else if (status === 'CANCELLED') {
      if (!isStaff(scope.viewer)) problems.add('status', 'only the secretariat may cancel a commitment', 'NOT_ALLOWED');
      else if (!note && !noteKm) problems.add('note', 'give the reason for cancelling', 'REQUIRED');
    }
    if (status === 'COMPLETED') {
      if (current !== 'COMPLETED' && evidence.length === 0)
        problems.add('evidence', 'give at least one piece of evidence to report completion', 'EVIDENCE_REQUIRED');
      if (report.progress != null && report.progress !== 100)
        problems.add('progress', 'must be 100 when completed', 'OUT_OF_RANGE', { min: 100, max: 100 });
      progress = 100;
    }
    // Reporting progress on a commitment not started yet means work has begun.
    if (report.status == null && status === 'NOT_STARTED' && progress > 0) status = 'IN_PROGRESS';
    if (report.status == null && report.progress == null && !note && !noteKm && evidence.length === 0)
      problems.add('note', 'give a status, progress, a note or evidence', 'REQUIRED');
    problems.throwIfAny();

    const links = await loadLinks(em, commitmentId);
    const before = { ...commitmentSnapshot(commitment, links), lastUpdateAt: commitment.lastUpdateAt };
    const previous = { status: commitment.status, progress: commitment.progress };
    commitment.status = status;
    commitment.progress = progress;
    if (status === 'CANCELLED' && current !== 'CANCELLED') commitment.statusReason = note ?? noteKm ?? null;
    const update = recordProgress(em, scope, commitment, previous, { note, noteKm });
    // Evidence is listed oldest first: a millisecond apart, the pieces of one update keep the order they were given.
    const at = Date.now();
    for (const [index, item] of evidence.entries()) {
      const file = files.get(index);
      const row = em.create(EvidenceSchema, {
        createdAt: new Date(at + index),
        progressUpdate: update.id,
        commitment: commitment.id,
        kind: file ? 'FILE' : 'LINK',
        url: item.url ?? null,
        // A file without a title of its own is called by its name.
        title: item.title ?? (file ? file.fileName : null),
        createdBy: scope.viewer.personId ?? null,
      });
      if (file) attachUpload(file, row.id);
    }
    const after = { ...commitmentSnapshot(commitment, links), lastUpdateAt: commitment.lastUpdateAt };
    recordAudit(em, scope.viewer, {
      entityType: 'Commitment',
      entityId: commitment.id,
      operation: 'addProgressUpdate',
      changes: {
        ...diff(before, after, PROGRESS_AUDITED),
        progressUpdate: { before: null, after: update.id },
        ...(evidence.length ? { evidence: { before: null, after: evidence } } : {}),
        ...(note || noteKm ? { note: { before: null, after: note ?? noteKm } } : {}),
      },
    });
    const completed = status === 'COMPLETED' && current !== 'COMPLETED';
    await followUp(em, {
      id: update.id,
      kind: completed ? 'AWAITING_VERIFICATION' : 'PROGRESS_REPORTED',
      commitment: commitment.id,
      actor: scope.viewer.personId ?? null,
    });
    return { commitment, update };
  });
}

/** The secretariat accepts a completed commitment (VERIFIED) or returns it to IN_PROGRESS with a reason. */
export async function verifyCommitment(
  scope: Scope,
  id: string,
  version: number,
  decision: { accept: boolean; reason?: string | null },
): Promise<{ commitment: Commitment; update: ProgressUpdate }> {
  requireStaff(scope.viewer, 'verify commitments');
  return writeTransaction(scope, id, async (em) => {
    const commitment = await lockCommitment(em, id, version);
    const problems = new Problems();
    const reason = cleanText(problems, 'reason', decision.reason, 2000);
    if (commitment.status !== 'COMPLETED')
      problems.add(
        'status',
        `the commitment is ${commitment.status}; only a COMPLETED one can be verified or returned`,
        'INVALID_STATE',
      );
    if (!decision.accept && !reason) problems.add('reason', 'say why the commitment is returned', 'REQUIRED');
    problems.throwIfAny();

    const links = await loadLinks(em, id);
    const before = { ...commitmentSnapshot(commitment, links), lastUpdateAt: commitment.lastUpdateAt };
    const previous = { status: commitment.status, progress: commitment.progress };
    commitment.status = decision.accept ? 'VERIFIED' : 'IN_PROGRESS';
    commitment.statusReason = reason ?? null;
    const update = recordProgress(em, scope, commitment, previous, { note: reason });
    const after = { ...commitmentSnapshot(commitment, links), lastUpdateAt: commitment.lastUpdateAt };
    recordAudit(em, scope.viewer, {
      entityType: 'Commitment',
      entityId: id,
      operation: decision.accept ? 'verify' : 'return',
      changes: {
        ...diff(before, after, [...AUDITED, 'lastUpdateAt']),
        progressUpdate: { before: null, after: update.id },
      },
    });
    await followUp(em, {
      id: update.id,
      kind: decision.accept ? 'VERIFIED' : 'RETURNED',
      commitment: id,
      actor: scope.viewer.personId ?? null,
      reason,
    });
    return { commitment, update };
  });
}
