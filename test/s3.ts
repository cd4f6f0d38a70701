// A real S3-compatible server for tests (s3rver: pure JavaScript, files in a temporary
// folder) in its own process on loopback (test/s3-server.mjs). Simpul talks to it exactly as
// to MinIO or a cloud bucket.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { S3StorageConfig } from '../src/platform/storage/s3-storage.ts';

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Storage configuration for this server (path-style, the server's fixed credentials). */
  config(overrides?: Partial<S3StorageConfig>): S3StorageConfig;
  /** The same as environment variables for a Simpul process. */
  env(prefix?: string): Record<string, string>;
  close(): Promise<void>;
}

// s3rver accepts these well-known credentials.
const accessKeyId = 'S3RVER';
const secretAccessKey = 'S3RVER';

export async function startS3(bucket = 'simpul'): Promise<TestS3> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-s3rver-'));
  const script = fileURLToPath(new URL('./s3-server.mjs', import.meta.url));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', script, dir, bucket], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    config: (overrides = {}) => ({ endpoint, bucket, region: 'us-east-1', accessKeyId, secretAccessKey, forcePathStyle: true, prefix: '', ...overrides }),
    env: (prefix = '') => ({
      STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: accessKeyId,
      S3_SECRET_ACCESS_KEY: secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: prefix,
    }),
    async close() {
      child.stdin!.end();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
