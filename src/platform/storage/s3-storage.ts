// Storage on an S3-compatible object store (MinIO, Ceph, cloud buckets): what a cluster of
// Simpul nodes uses, since they share no disk. Requests are plain S3 REST calls over fetch,
// signed with AWS Signature V4 by `aws4fetch` (a few kilobytes, no dependencies) instead of
// the AWS SDK's many packages: Simpul needs five operations (PUT, GET, DELETE, HEAD bucket,
// ListObjectsV2). Every PUT sends the real SHA-256 of its body as `x-amz-content-sha256`, so
// the store itself refuses bytes damaged on the way; a stream is first spooled to a temporary
// file (hashed and measured while spooling, bounded by `maxBytes`), never held in memory.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AwsClient } from 'aws4fetch';
import {
  assertSafeKey,
  assertSafePrefix,
  isSafeKey,
  isStreamBody,
  MeasuringStream,
  sha256Of,
  StorageTooLargeError,
  toReadable,
  type Storage,
} from './storage.ts';

export interface S3StorageConfig {
  /** `https://s3.example.go.id` or `http://127.0.0.1:9000`: scheme, host and port, no bucket. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://host/bucket/key` (MinIO, most self-hosted stores) instead of `https://bucket.host/key`. */
  forcePathStyle: boolean;
  /** Key prefix inside the bucket (`simpul/`), so one bucket can hold several installations. */
  prefix: string;
  /** Time allowed for one request without a streamed body (ms). */
  requestTimeoutMs?: number;
  /** Folder for spooling streamed uploads (default: the system's temporary folder). */
  spoolDir?: string;
  /** Keys per ListObjectsV2 page (the store's default, 1,000, when unset). */
  listPageSize?: number;
}

/** The object store answered with an error or could not be reached. The message never holds credentials. */
export class StorageUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

const TRIES = 3;
const retryable = (status: number) => status >= 500 || status === 429;

function xmlText(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(x?)([0-9a-fA-F]+);/g, (_, hex: string, n: string) => String.fromCodePoint(parseInt(n, hex ? 16 : 10)))
    .replace(/&amp;/g, '&');
}

function firstTag(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? xmlText(m[1]!) : undefined;
}

export function createS3Storage(cfg: S3StorageConfig): Storage {
  const endpoint = new URL(cfg.endpoint);
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new Error('S3 endpoint must be http(s)');
  const root = endpoint.origin + endpoint.pathname.replace(/\/+$/, '');
  const bucketUrl = cfg.forcePathStyle
    ? `${root}/${encodeURIComponent(cfg.bucket)}`
    : `${endpoint.protocol}//${cfg.bucket}.${endpoint.host}${endpoint.pathname.replace(/\/+$/, '')}`;
  const prefix = cfg.prefix;
  if (prefix) assertSafePrefix(prefix);
  const timeoutMs = cfg.requestTimeoutMs ?? 60_000;
  // Retries are ours (below): aws4fetch's cannot replay a streamed body and skip network errors.
  const client = new AwsClient({ accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey, service: 's3', region: cfg.region, retries: 0 });

  const objectUrl = (key: string) => {
    assertSafeKey(key);
    return `${bucketUrl}/${(prefix + key).split('/').map(encodeURIComponent).join('/')}`;
  };

  /** One S3 call with up to three tries on network errors, 5xx and 429; `init` is rebuilt per try. */
  async function call(what: string, url: string, init: () => Promise<RequestInit> | RequestInit, ok: (status: number) => boolean): Promise<Response> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= TRIES; attempt++) {
      let res: Response;
      try {
        res = await client.fetch(url, await init());
      } catch (err) {
        lastError = err;
        if (attempt < TRIES) await new Promise((r) => setTimeout(r, 100 * 4 ** (attempt - 1)));
        continue;
      }
      if (ok(res.status)) return res;
      const body = await res.text().catch(() => '');
      const code = firstTag(body, 'Code');
      lastError = new StorageUnavailableError(`Object storage: ${what} failed with HTTP ${res.status}${code ? ` (${code})` : ''}`, res.status, code);
      if (!retryable(res.status) || attempt === TRIES) break;
      await new Promise((r) => setTimeout(r, 100 * 4 ** (attempt - 1)));
    }
    if (lastError instanceof StorageUnavailableError) throw lastError;
    const reason = lastError instanceof Error ? ((lastError.cause as Error | undefined)?.message ?? lastError.message) : String(lastError);
    throw new StorageUnavailableError(`Object storage: ${what} failed: ${reason}`);
  }

  const signal = () => AbortSignal.timeout(timeoutMs);

  async function putFile(key: string, file: string, size: number, sha256: string, contentType: string) {
    const handles: fs.FileHandle[] = [];
    try {
      await call(
        'put',
        objectUrl(key),
        async () => {
          const handle = await fs.open(file, 'r');
          handles.push(handle);
          return {
            method: 'PUT',
            headers: { 'content-type': contentType, 'content-length': String(size), 'x-amz-content-sha256': sha256 },
            body: Readable.toWeb(handle.createReadStream({ autoClose: false })) as unknown as ReadableStream,
          };
        },
        (s) => s === 200,
      );
    } finally {
      for (const h of handles) await h.close().catch(() => {});
    }
  }

  return {
    async put(key, body, contentType, opts = {}) {
      const url = objectUrl(key);
      const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
      if (!isStreamBody(body)) {
        if (body.length > max) throw new StorageTooLargeError(max);
        const sha256 = sha256Of(body);
        await call('put', url, () => ({ method: 'PUT', headers: { 'content-type': contentType, 'x-amz-content-sha256': sha256 }, body: body as Uint8Array<ArrayBuffer>, signal: signal() }), (s) => s === 200);
        return { key, size: body.length, sha256 };
      }
      const spoolRoot = cfg.spoolDir ?? os.tmpdir();
      await fs.mkdir(spoolRoot, { recursive: true });
      const dir = await fs.mkdtemp(path.join(spoolRoot, 'simpul-s3-'));
      try {
        const file = path.join(dir, 'body');
        const measure = new MeasuringStream(max);
        const out = await fs.open(file, 'wx', 0o600);
        await pipeline(toReadable(body), measure, out.createWriteStream());
        const sha256 = measure.digest();
        await putFile(key, file, measure.size, sha256, contentType);
        return { key, size: measure.size, sha256 };
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },

    async get(key) {
      const res = await call('get', objectUrl(key), () => ({ method: 'GET', signal: signal() }), (s) => s === 200 || s === 404);
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      return Buffer.from(await res.arrayBuffer());
    },

    async open(key) {
      const res = await call('get', objectUrl(key), () => ({ method: 'GET' }), (s) => s === 200 || s === 404);
      if (res.status === 404 || !res.body) {
        await res.body?.cancel();
        return null;
      }
      return Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
    },

    async delete(key) {
      const res = await call('delete', objectUrl(key), () => ({ method: 'DELETE', signal: signal() }), (s) => s === 204 || s === 200 || s === 404);
      await res.body?.cancel();
    },

    async *list(under = '') {
      assertSafePrefix(under);
      // Pages follow on with `start-after` the last key seen (keys come in binary order); the
      // same as a continuation token on every S3-compatible store, and stateless.
      let after: string | undefined;
      for (;;) {
        const q = new URLSearchParams({ 'list-type': '2', prefix: prefix + under });
        if (after) q.set('start-after', after);
        if (cfg.listPageSize) q.set('max-keys', String(cfg.listPageSize));
        const res = await call('list', `${bucketUrl}?${q}`, () => ({ method: 'GET', signal: signal() }), (s) => s === 200);
        const xml = await res.text();
        let last: string | undefined;
        for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
          const full = firstTag(m[1]!, 'Key');
          if (full === undefined) continue;
          last = full;
          if (!full.startsWith(prefix)) continue;
          const key = full.slice(prefix.length);
          if (isSafeKey(key)) yield key; // objects put there by others are not ours to list
        }
        if (firstTag(xml, 'IsTruncated') !== 'true' || last === undefined) return;
        after = last;
      }
    },
  };
}

/** Resolves when the bucket exists and the credentials may list it; a StorageUnavailableError otherwise. */
export async function checkS3Bucket(cfg: S3StorageConfig): Promise<void> {
  const probe = createS3Storage(cfg);
  // list() with a prefix that matches nothing is one cheap signed request that needs the bucket.
  for await (const _ of probe.list(`probe-${crypto.randomUUID()}/`)) break;
}
