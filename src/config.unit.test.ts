// The one validated configuration: safe defaults in development, fail fast in production.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const secret = 'x'.repeat(32);
const signingKey = crypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const production = { NODE_ENV: 'production', SESSION_SECRET: secret, ENCRYPTION_KEY: `k${secret}`, BASE_URL: 'https://portal.contoh.go.id', DOCUMENT_SIGNING_KEY: signingKey, AUDIT_SIGNING_KEY: signingKey, BANK_CALLBACK_SECRET: 'bank-callback-secret-0123456789', DATA_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`, DATA_INDEX_KEY: `i${secret}` };

describe('configuration', () => {
  it('starts with zero setup in development: PGlite under ./data, port 3000, database mail outbox', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: 'development', port: 3000, host: '0.0.0.0', databaseUrl: undefined, dataDir: './data', smtp: undefined, jobPollMs: 1000, metricsToken: undefined });
    expect(c.pgliteDir).toBe('data/pglite');
    expect(c.baseUrl).toBe('http://localhost:3000');
    expect(c.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(c.cookieSecure).toBe(false);
    expect(c.demoSeed).toBe(true);
  });

  it('[S-2] production refuses to start without secrets and a public address', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ ...production, BASE_URL: undefined })).toThrow(/BASE_URL/);
    expect(() => loadConfig({ ...production, DOCUMENT_SIGNING_KEY: undefined })).toThrow(/DOCUMENT_SIGNING_KEY/);
    expect(() => loadConfig({ ...production, DOCUMENT_SIGNING_KEY: 'not a key' })).toThrow(/DOCUMENT_SIGNING_KEY/);
    expect(() => loadConfig({ ...production, REQUIRE_ADMIN_MFA: 'false' })).toThrow(/REQUIRE_ADMIN_MFA/);
    expect(() => loadConfig({ ...production, DEMO_SEED: 'true' })).toThrow(/DEMO_SEED/);
    const c = loadConfig(production);
    expect(c).toMatchObject({ isProduction: true, cookieSecure: true, requireAdminMfa: true, demoSeed: false });
  });

  it('[S-5] invalid values are named in one clear error', () => {
    expect(() => loadConfig({ PORT: 'delapan' })).toThrow(/PORT/);
    expect(() => loadConfig({ SIMPUL_ROLE: 'both' })).toThrow(/SIMPUL_ROLE/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('reads SMTP settings only when SMTP_HOST is set', () => {
    const c = loadConfig({ SMTP_HOST: 'mail.contoh.go.id', SMTP_PORT: '2525', SMTP_IGNORE_TLS: 'true', SMTP_USER: 'simpul', SMTP_PASSWORD: 'rahasia' });
    expect(c.smtp).toEqual({ host: 'mail.contoh.go.id', port: 2525, secure: false, ignoreTls: true, user: 'simpul', password: 'rahasia' });
    expect(loadConfig({ SMTP_PORT: '2525' }).smtp).toBeUndefined();
  });

  it('[S-2] a metrics token must be long enough to resist guessing', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'pendek' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_TOKEN: secret }).metricsToken).toBe(secret);
  });

  it('empty variables count as unset, and overrides win', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
    expect(loadConfig({}, { jobPollMs: 5 }).jobPollMs).toBe(5);
  });

  it('stores files on local disk unless STORAGE=s3, which needs endpoint, bucket and keys', () => {
    expect(loadConfig({}).storage).toEqual({ kind: 'local' });
    const s3 = { STORAGE: 's3', S3_ENDPOINT: 'http://minio:9000/', S3_BUCKET: 'simpul-berkas', S3_ACCESS_KEY_ID: 'simpul', S3_SECRET_ACCESS_KEY: 'rahasia-sekali' };
    expect(loadConfig(s3).storage).toEqual({ kind: 's3', endpoint: 'http://minio:9000', bucket: 'simpul-berkas', region: 'us-east-1', accessKeyId: 'simpul', secretAccessKey: 'rahasia-sekali', forcePathStyle: true, prefix: '' });
    expect(loadConfig({ ...s3, S3_REGION: 'ap-southeast-3', S3_FORCE_PATH_STYLE: 'false', S3_PREFIX: 'kota-kupang/' }).storage).toMatchObject({ region: 'ap-southeast-3', forcePathStyle: false, prefix: 'kota-kupang/' });
    expect(() => loadConfig({ STORAGE: 's3' })).toThrow(/S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...s3, S3_SECRET_ACCESS_KEY: undefined })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...s3, STORAGE: 'nfs' })).toThrow(/STORAGE/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'ftp://minio' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'https://key:secret@minio' })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'Simpul_Berkas' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'https://s3.example', S3_BUCKET: 'berkas.pemda', S3_FORCE_PATH_STYLE: 'false' })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => loadConfig({ ...s3, S3_PREFIX: '../x/' })).toThrow(/S3_PREFIX/);
    expect(() => loadConfig({ ...s3, S3_PREFIX: 'simpul' })).toThrow(/S3_PREFIX/);
  });
});
