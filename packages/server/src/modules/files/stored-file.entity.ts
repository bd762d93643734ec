import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { baseProperties } from '../../db/base.entity.js';
import { AccountSchema } from '../accounts/account.entity.js';
import { EvidenceSchema } from '../commitments/commitment.entity.js';

/**
 * An uploaded evidence file. Its bytes live in the file store under its id (file-storage.ts);
 * until `evidence` is set only its uploader may fetch it, and an unattached file older than a day
 * is removed by the cleanup job.
 */
export const StoredFileSchema = defineEntity({
  name: 'StoredFile',
  tableName: 'stored_file',
  indexes: [{ name: 'stored_file_created_at', properties: ['createdAt'] }],
  checks: [
    { name: 'stored_file_size_positive', expression: 'size > 0' },
    { name: 'stored_file_sha256_hex', expression: "sha256 ~ '^[0-9a-f]{64}$'" },
  ],
  properties: {
    ...baseProperties,
    /** The account that uploaded it: the only one who may see or attach it before it is attached. */
    uploadedBy: p.manyToOne(AccountSchema).mapToPk().index(),
    /** The name it was uploaded with, cleaned of paths and control characters. */
    fileName: p.text(),
    /** Decided from the content, one of the allowed types (file-type.ts). */
    contentType: p.string().length(120),
    /** Bytes. */
    size: p.integer(),
    /** Hex SHA-256 of the bytes. */
    sha256: p.string().length(64),
    /** Whether a thumbnail was made (images only). */
    hasThumbnail: p.boolean().default(false),
    /** The evidence it is attached to; null until a progress update attaches it. */
    evidence: p.manyToOne(EvidenceSchema).mapToPk().nullable().unique(),
    attachedAt: p.datetime().columnType('timestamptz').nullable(),
  },
});
export type StoredFile = InferEntity<typeof StoredFileSchema>;
