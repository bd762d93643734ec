import os from 'node:os';
import path from 'node:path';
import { type Env, readInt, readUrl } from '../../env.js';

/** Where evidence files are kept, and how large one may be; part of the one Config (src/config.ts). */
export interface FilesConfig {
  /** The largest upload in bytes. PRACHUM_MAX_UPLOAD_MB (25). */
  maxUploadBytes: number;
  /** The folder of the local store: PRACHUM_DATA_DIR/files (a temporary folder in tests). */
  dir: string;
  /** An S3-compatible store instead of the folder, when PRACHUM_S3_BUCKET is set. */
  s3: S3Config | undefined;
}

export interface S3Config {
  /** PRACHUM_S3_BUCKET */
  bucket: string;
  /** PRACHUM_S3_ENDPOINT: any S3 API (MinIO, Ceph, Garage, a cloud); unset = AWS itself. */
  endpoint: string | undefined;
  /** PRACHUM_S3_REGION (us-east-1) */
  region: string;
  /** PRACHUM_S3_ACCESS_KEY_ID and PRACHUM_S3_SECRET_ACCESS_KEY; unset = the SDK's own chain (instance role, AWS_*). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Reads the PRACHUM_MAX_UPLOAD_MB and PRACHUM_S3_* variables, recording each bad value as a one-line problem. */
export function readFilesConfig(
  env: Env,
  { dataDir, nodeEnv }: { dataDir: string; nodeEnv: string },
  problems: string[],
): FilesConfig {
  const maxUploadMb = readInt(env, 'PRACHUM_MAX_UPLOAD_MB', 25, 1, 1024, problems);
  // Tests must not write into the developer's data directory unless they ask for one.
  const dir =
    nodeEnv === 'test' && !env.PRACHUM_DATA_DIR
      ? path.join(os.tmpdir(), `prachum-test-files-${process.pid}`)
      : path.join(dataDir, 'files');

  let s3: S3Config | undefined;
  const bucket = env.PRACHUM_S3_BUCKET?.trim();
  const endpoint = readUrl(env, 'PRACHUM_S3_ENDPOINT', ['http:', 'https:'], problems);
  const accessKeyId = env.PRACHUM_S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.PRACHUM_S3_SECRET_ACCESS_KEY || undefined;
  if (bucket) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
      problems.push(`PRACHUM_S3_BUCKET must be a bucket name (3 to 63 of a-z, 0-9, ".", "-"), got "${bucket}"`);
    if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
      problems.push('PRACHUM_S3_ACCESS_KEY_ID and PRACHUM_S3_SECRET_ACCESS_KEY must be set together');
    const region = env.PRACHUM_S3_REGION || 'us-east-1';
    if (!/^[a-z0-9-]{2,40}$/.test(region))
      problems.push(`PRACHUM_S3_REGION must be a region name such as us-east-1, got "${region}"`);
    s3 = {
      bucket,
      endpoint,
      region,
      credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    };
  } else if (endpoint || accessKeyId || secretAccessKey || env.PRACHUM_S3_REGION) {
    problems.push('PRACHUM_S3_BUCKET must be set when any other PRACHUM_S3_* variable is');
  }
  return { maxUploadBytes: maxUploadMb * 1024 * 1024, dir, s3 };
}
