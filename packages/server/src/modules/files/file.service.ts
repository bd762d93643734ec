import { createHash, randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import sharp from 'sharp';
import { requireReader, requireWriteScope } from '../../auth/permissions.js';
import { isStaff, type Viewer } from '../../auth/viewer.js';
import { ForbiddenError, InvalidInputError, NotFoundError, type Problems, UnauthenticatedError } from '../../errors.js';
import { toGlobalId } from '../../graphql/global-id.js';
import type { Logger } from '../../logger.js';
import { EvidenceSchema } from '../commitments/commitment.entity.js';
import { findVisibleCommitments } from '../commitments/commitment.service.js';
import type { Scope } from '../organizations/organization.service.js';
import type { FileStorage } from './file-storage.js';
import { ALLOWED_TYPES, type AllowedType, cleanFileName, detectType, IMAGE_TYPES } from './file-type.js';
import { type StoredFile, StoredFileSchema } from './stored-file.entity.js';

/** Unattached files are removed this long after their upload. */
export const UNATTACHED_LIFETIME_MS = 24 * 60 * 60 * 1000;
const THUMBNAIL_PX = 320;
/** Images larger than this many pixels get no thumbnail (a decompression bomb costs nothing then). */
const THUMBNAIL_MAX_INPUT_PIXELS = 50_000_000;

export const thumbnailKey = (id: string) => `${id}.thumb`;

/** What `POST /files` answers, and what a client later passes as `EvidenceInput.fileId`. */
export function uploadAnswer(file: StoredFile) {
  return {
    id: toGlobalId('File', file.id),
    fileName: file.fileName,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    downloadUrl: downloadPath(file.id),
    thumbnailUrl: file.hasThumbnail ? `${downloadPath(file.id)}/thumbnail` : null,
  };
}

/** Where a file is downloaded, relative to the API's origin. */
export function downloadPath(id: string): string {
  return `/files/${toGlobalId('File', id)}`;
}

/** Who may upload: someone signed in with write access who may report progress (staff or a focal point). */
export function requireUploader(viewer: Viewer): string {
  if (!viewer.role || !viewer.accountId) throw new UnauthenticatedError();
  requireWriteScope(viewer);
  if (!isStaff(viewer) && viewer.role !== 'FOCAL_POINT')
    throw new ForbiddenError('Only the secretariat or a focal point may upload evidence files');
  return viewer.accountId;
}

async function makeThumbnail(bytes: Buffer, logger?: Logger): Promise<Buffer | undefined> {
  try {
    return await sharp(bytes, { limitInputPixels: THUMBNAIL_MAX_INPUT_PIXELS })
      .rotate()
      .resize(THUMBNAIL_PX, THUMBNAIL_PX, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
  } catch (error) {
    // A picture sharp cannot read is still evidence; it just has no thumbnail.
    logger?.warn({ err: error }, 'no thumbnail for an uploaded image');
    return undefined;
  }
}

const allowedList = 'PDF, PNG, JPEG, WebP, DOCX, XLSX, PPTX, ODT, CSV or plain text (UTF-8)';

/**
 * Stores an upload: its type decided by its content, its SHA-256, a thumbnail for images. The
 * bytes are written before the row, and removed again when the row cannot be written: a file is
 * served only through its row, so bytes left by a crash in between are never served (and the
 * cleanup job removes them).
 */
export async function saveUpload(
  scope: Scope,
  storage: FileStorage,
  upload: { fileName: string | undefined; bytes: Buffer },
  logger?: Logger,
): Promise<StoredFile> {
  const accountId = requireUploader(scope.viewer);
  const type: AllowedType | undefined = await detectType(upload.bytes);
  if (!type)
    throw new InvalidInputError([
      { field: 'file', message: `is not an allowed type: send ${allowedList}`, code: 'INVALID_FORMAT' },
    ]);
  const id = randomUUID();
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const thumbnail = IMAGE_TYPES.includes(type) ? await makeThumbnail(upload.bytes, logger) : undefined;
  await storage.put(id, upload.bytes, type);
  try {
    if (thumbnail) await storage.put(thumbnailKey(id), thumbnail, 'image/webp');
    const file = scope.em.create(StoredFileSchema, {
      id,
      uploadedBy: accountId,
      fileName: cleanFileName(upload.fileName, type),
      contentType: type,
      size: upload.bytes.length,
      sha256,
      hasThumbnail: thumbnail !== undefined,
      evidence: null,
      attachedAt: null,
      createdBy: scope.viewer.personId ?? null,
    });
    await scope.em.flush();
    return file;
  } catch (error) {
    await Promise.allSettled([storage.delete(id), storage.delete(thumbnailKey(id))]);
    throw error;
  }
}

/**
 * A file the viewer may download: before it is attached, its uploader's only; afterwards, anyone's
 * who may see the commitment. Any other file answers NOT_FOUND, exactly like one that does not exist.
 */
export async function findReadableFile(scope: Scope, id: string, globalId: string): Promise<StoredFile> {
  requireReader(scope.viewer, scope.config.publicRead);
  const file = await scope.em.findOne(StoredFileSchema, { id });
  if (!file) throw new NotFoundError('File', globalId);
  if (!file.evidence) {
    if (scope.viewer.accountId && file.uploadedBy === scope.viewer.accountId) return file;
    throw new NotFoundError('File', globalId);
  }
  if (isStaff(scope.viewer)) return file;
  const evidence = await scope.em.findOne(EvidenceSchema, { id: file.evidence });
  const [commitment] = evidence ? await findVisibleCommitments(scope, [evidence.commitment]) : [];
  if (!commitment) throw new NotFoundError('File', globalId);
  return file;
}

/**
 * The uploads named by evidence items (`EvidenceInput.fileId`, as uuids by item index), locked for
 * this transaction: each must be the viewer's own and not attached yet. Problems go on `problems`.
 */
export async function claimUploads(
  em: EntityManager,
  viewer: Viewer,
  fileIds: Map<number, string>,
  problems: Problems,
): Promise<Map<number, StoredFile>> {
  const claimed = new Map<number, StoredFile>();
  if (fileIds.size === 0) return claimed;
  const rows = await em.find(
    StoredFileSchema,
    { id: { $in: [...new Set(fileIds.values())] } },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const seen = new Set<string>();
  for (const [index, id] of fileIds) {
    const field = `evidence[${index}].fileId`;
    const file = byId.get(id);
    if (!file || !viewer.accountId || file.uploadedBy !== viewer.accountId)
      problems.add(field, 'no such file among your uploads', 'NOT_FOUND_REFERENCE');
    else if (file.evidence || seen.has(id)) problems.add(field, 'this file is attached already', 'INVALID_STATE');
    else claimed.set(index, file);
    seen.add(id);
  }
  return claimed;
}

/** Marks a claimed upload as attached to an evidence item (in the caller's transaction). */
export function attachUpload(file: StoredFile, evidenceId: string): void {
  file.evidence = evidenceId;
  file.attachedAt = new Date();
}

/**
 * The cleanup job: removes uploads never attached within a day (row and bytes), and bytes in the
 * store that no row names (left by a crash between writing the bytes and the row) once a day old.
 */
export async function purgeUnattachedFiles(
  em: EntityManager,
  storage: FileStorage,
  now = new Date(),
): Promise<{ files: number; orphans: number }> {
  const before = new Date(now.getTime() - UNATTACHED_LIFETIME_MS);
  const stale = await em.find(StoredFileSchema, { evidence: null, createdAt: { $lt: before } });
  let files = 0;
  for (const file of stale) {
    // The row goes first (only while still unattached): once it is gone nothing serves the bytes.
    const removed = await em.nativeDelete(StoredFileSchema, { id: file.id, evidence: null });
    if (removed === 0) continue;
    await storage.delete(file.id);
    if (file.hasThumbnail) await storage.delete(thumbnailKey(file.id));
    files += 1;
  }
  let orphans = 0;
  for await (const object of storage.list()) {
    if (object.modifiedAt >= before) continue;
    const id = object.key.slice(0, 36);
    const known = await em.count(StoredFileSchema, { id });
    if (known > 0 && object.key.length === 36) continue;
    if (known > 0 && object.key === thumbnailKey(id)) continue;
    await storage.delete(object.key);
    orphans += 1;
  }
  return { files, orphans };
}

export { ALLOWED_TYPES };
