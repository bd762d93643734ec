import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { FilesConfig, S3Config } from './files.config.js';

/** A stored object: its key and when it was last written. */
export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

/**
 * Where the bytes of evidence files live. Keys are ours (a file's uuid, plus `.thumb` for its
 * thumbnail); the database says which keys exist for the product, so an object without a row is
 * never served and is removed by the cleanup job.
 */
export interface FileStorage {
  /** Writes an object whole: a reader never sees half of it. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes as a stream; undefined when there is no such object. */
  get(key: string): Promise<Readable | undefined>;
  /** Removes an object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Every object, in no particular order. */
  list(): AsyncIterable<StoredObject>;
}

/** A file's uuid, `.thumb` for its thumbnail; list() may also show the leftover of an interrupted local write. */
const KEY = /^[0-9a-f-]{36}(\.thumb)?(\.\d+\.\d+\.part)?$/;

function checkKey(key: string): void {
  // Keys come from our own uuids; anything else would be a bug (or a path trick).
  if (!KEY.test(key)) throw new Error(`not a storage key: ${key}`);
}

/** The data directory's files/ folder: one file per key, in folders by the key's first two characters. */
export class LocalFileStorage implements FileStorage {
  constructor(readonly dir: string) {}

  private where(key: string): string {
    checkKey(key);
    return path.join(this.dir, key.slice(0, 2), key);
  }

  async put(key: string, body: Buffer, _contentType: string): Promise<void> {
    const target = this.where(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Written beside the target and renamed: a crash never leaves half a file under the key.
    const temporary = `${target}.${process.pid}.${Date.now()}.part`;
    await writeFile(temporary, body, { mode: 0o600 });
    await rename(temporary, target);
  }

  async get(key: string): Promise<Readable | undefined> {
    const target = this.where(key);
    try {
      await stat(target);
    } catch {
      return undefined;
    }
    return createReadStream(target);
  }

  async delete(key: string): Promise<void> {
    await rm(this.where(key), { force: true });
  }

  async *list(): AsyncIterable<StoredObject> {
    let folders: string[];
    try {
      folders = await readdir(this.dir);
    } catch {
      return;
    }
    for (const folder of folders) {
      let names: string[];
      try {
        names = await readdir(path.join(this.dir, folder));
      } catch {
        continue;
      }
      for (const name of names) {
        const info = await stat(path.join(this.dir, folder, name)).catch(() => undefined);
        if (!info?.isFile()) continue;
        // The leftover of an interrupted write is listed under its own name and removed like an orphan.
        yield { key: name, modifiedAt: info.mtime };
      }
    }
  }
}

const PREFIX = 'files/';

/** Any S3-compatible store (AWS S3, MinIO, Ceph, Garage, …) through @aws-sdk/client-s3. */
export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;
  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      // Self-hosted stores answer on one host name: bucket in the path, not in the host.
      forcePathStyle: config.endpoint !== undefined,
      credentials: config.credentials,
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    checkKey(key);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.config.bucket, Key: PREFIX + key, Body: body, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<Readable | undefined> {
    checkKey(key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: PREFIX + key }));
      const body = answer.Body;
      if (!body) return undefined;
      return body instanceof Readable ? body : Readable.fromWeb(body.transformToWebStream() as never);
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: PREFIX + key }));
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: PREFIX, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        if (!object.Key) continue;
        yield { key: object.Key.slice(PREFIX.length), modifiedAt: object.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  close(): void {
    this.client.destroy();
  }
}

/** The store the configuration names: S3 when PRACHUM_S3_BUCKET is set, else the data directory. */
export function createFileStorage(config: Pick<FilesConfig, 'dir' | 's3'>): FileStorage {
  return config.s3 ? new S3FileStorage(config.s3) : new LocalFileStorage(config.dir);
}

/** Reads a whole stream into memory (files are at most PRACHUM_MAX_UPLOAD_MB). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
