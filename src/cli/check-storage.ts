// Before `simpul start` serves anything: object storage must answer (a missing bucket or
// refused credentials stop the start with a clear message instead of failing every upload
// later), and a node of a split cluster on local disk is warned that the others cannot see
// its files.
import type { Config } from '../config.ts';
import type { Logger } from '../platform/log.ts';
import { checkS3Bucket, StorageUnavailableError } from '../platform/storage/s3-storage.ts';

export class StorageCheckError extends Error {}

export async function checkStorage(config: Config, log: Logger): Promise<void> {
  const s = config.storage;
  if (s.kind === 's3') {
    try {
      await checkS3Bucket(s);
    } catch (err) {
      if (!(err instanceof StorageUnavailableError)) throw err;
      const hint = err.code === 'NoSuchBucket' ? ' (create the bucket first)' : err.status === 403 ? ' (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY)' : '';
      throw new StorageCheckError(`Object storage ${s.endpoint}, bucket ${s.bucket}: ${err.message}${hint}`);
    }
    return;
  }
  if (config.databaseUrl && config.role !== 'all') {
    log.warn({ role: config.role }, 'STORAGE=local: files stored by this node are on its own disk and missing on the other nodes; a cluster needs STORAGE=s3');
  }
}
