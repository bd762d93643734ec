import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('file settings', () => {
  it('default to 25 MB in the data directory, without S3', () => {
    const config = loadConfig({ PRACHUM_DATA_DIR: '/srv/prachum' });
    expect(config.files).toEqual({ maxUploadBytes: 25 * 1024 * 1024, dir: '/srv/prachum/files', s3: undefined });
    expect(loadConfig({ NODE_ENV: 'test' }).files.dir).toMatch(/prachum-test-files-\d+$/);
  });

  it('take an S3-compatible store from PRACHUM_S3_*', () => {
    const config = loadConfig({
      PRACHUM_MAX_UPLOAD_MB: '10',
      PRACHUM_S3_BUCKET: 'ncct-evidence',
      PRACHUM_S3_ENDPOINT: 'https://s3.example.org',
      PRACHUM_S3_ACCESS_KEY_ID: 'key',
      PRACHUM_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(config.files.maxUploadBytes).toBe(10 * 1024 * 1024);
    expect(config.files.s3).toEqual({
      bucket: 'ncct-evidence',
      endpoint: 'https://s3.example.org',
      region: 'us-east-1',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
    });
  });

  it.each([
    [{ PRACHUM_MAX_UPLOAD_MB: '0' }, 'PRACHUM_MAX_UPLOAD_MB must be an integer from 1 to 1024, got "0"'],
    [
      { PRACHUM_S3_ENDPOINT: 'https://s3.example.org' },
      'PRACHUM_S3_BUCKET must be set when any other PRACHUM_S3_* variable is',
    ],
    [
      { PRACHUM_S3_BUCKET: 'b', PRACHUM_S3_ACCESS_KEY_ID: 'k' },
      'PRACHUM_S3_BUCKET must be a bucket name (3 to 63 of a-z, 0-9, ".", "-"), got "b"',
    ],
    [
      { PRACHUM_S3_BUCKET: 'bucket', PRACHUM_S3_ACCESS_KEY_ID: 'k' },
      'PRACHUM_S3_ACCESS_KEY_ID and PRACHUM_S3_SECRET_ACCESS_KEY must be set together',
    ],
    [
      { PRACHUM_S3_BUCKET: 'bucket', PRACHUM_S3_ENDPOINT: 'ftp://x' },
      'PRACHUM_S3_ENDPOINT must start with http:// or https://, got "ftp://x"',
    ],
  ])('refuses %o', (env, problem) => {
    expect(problemsOf(env)).toContain(problem);
  });
});
