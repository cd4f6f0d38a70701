// Chooses the storage adapter from configuration: local disk (default) or an S3-compatible
// object store (`STORAGE=s3`), which every node of a cluster must use.
import path from 'node:path';
import { createS3Storage, type S3StorageConfig } from './s3-storage.ts';
import { createLocalStorage, type Storage } from './storage.ts';

export type StorageConfig = { kind: 'local' } | ({ kind: 's3' } & S3StorageConfig);

export function createStorage(config: { dataDir: string; storage?: StorageConfig }): Storage {
  const s = config.storage;
  if (s?.kind === 's3') return createS3Storage({ spoolDir: path.join(config.dataDir, 'tmp'), ...s });
  return createLocalStorage(path.join(config.dataDir, 'files'));
}
