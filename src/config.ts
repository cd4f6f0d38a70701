// One validated configuration, read once from the environment at start-up and injected
// everywhere else. No other file reads process.env.
import crypto from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { StorageConfig } from './platform/storage/create-storage.ts';
import { devFieldKeys, FieldCryptoError, parseDataKeys, type FieldKeys } from './platform/privacy/field-crypto.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  /** web | worker | all */
  SIMPUL_ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  /** Secret for CSRF tokens and other HMACs; at least 32 characters in production. */
  SESSION_SECRET: z.string().optional(),
  /** Key that encrypts TOTP secrets at rest (32+ characters in production). */
  ENCRYPTION_KEY: z.string().optional(),
  /** Keys that encrypt NIK and phone numbers at rest: `id:base64(32 bytes)[,id:base64…]`, the first one seals (required in production). */
  DATA_KEYS: z.string().optional(),
  /** HMAC key of the blind indexes (exact lookups on encrypted NIK / phone); 32+ characters, required in production, never rotated casually. */
  DATA_INDEX_KEY: z.string().optional(),
  /** Cookies with the Secure flag (default: true when BASE_URL is https or in production). */
  COOKIE_SECURE: bool.optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  /** Staff with administrative roles must use TOTP; may be relaxed only in development. */
  REQUIRE_ADMIN_MFA: bool.optional(),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_RATE_PER_IP: z.coerce.number().int().positive().default(30),
  /** Self-registrations per client address and hour. */
  REGISTER_RATE_PER_IP: z.coerce.number().int().positive().default(20),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Largest uploaded file (legal-library PDFs, later application attachments). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10_485_760),
  /** Largest multipart request (all its files and fields); a larger one is refused before it is read (413). */
  UPLOAD_MAX_REQUEST_BYTES: z.coerce.number().int().positive().default(52_428_800),
  /** Uploads one node reads at the same time; more get 503 with Retry-After (memory stays bounded). */
  UPLOAD_MAX_CONCURRENT: z.coerce.number().int().positive().default(4),
  /** SMTP; without SMTP_HOST mail is kept in the database outbox (development transport). */
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().positive().default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_IGNORE_TLS: bool.default(false),
  MAIL_FROM: z.string().default('Simpul <no-reply@simpul.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Load the demo region on an empty database at start (never in production). */
  DEMO_SEED: bool.optional(),
  JOB_POLL_MS: z.coerce.number().int().positive().default(1000),
  /**
   * Anonymous public pages (/, /layanan, service and agency pages, /cari, the catalogue API)
   * are kept rendered and compressed in memory for at most this many seconds (0: off); a
   * publish or content change anywhere in the cluster invalidates them at once.
   */
  PUBLIC_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Compress responses in Simpul (gzip level 4 from 1.4 KB); `false` when a reverse proxy compresses. */
  COMPRESSION: bool.default(true),
  READY_MAX_JOB_LAG_SECONDS: z.coerce.number().int().min(0).default(900),
  /** Share of a step's working time after which it shows as 'nearing' its deadline (percent). */
  SLA_NEARING_PERCENT: z.coerce.number().int().min(1).max(99).default(80),
  /** How often the SLA escalation job looks for overdue steps (seconds). */
  SLA_ESCALATION_EVERY_SECONDS: z.coerce.number().int().min(10).default(300),
  /** Leaders' figures (E-2) only from these networks, comma-separated CIDRs (e.g. 10.0.0.0/8); empty: anywhere. */
  EXECUTIVE_ALLOWED_NETWORKS: z.string().optional(),
  /** Local hour (region time, 0–23) after which the previous day's reconciliation summary is e-mailed. */
  PAYMENTS_DAILY_SUMMARY_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** Working days a bill may be paid in (payments, P-7), region calendar. */
  BILL_DUE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** How often the job marking overdue bills expired runs (seconds). */
  BILL_EXPIRE_EVERY_SECONDS: z.coerce.number().int().min(10).default(900),
  /** Governance (G-1): months between progress reports on an approved coordination request. */
  GOV_PROGRESS_REPORT_MONTHS: z.coerce.number().int().min(1).max(24).default(3),
  /**
   * SMS and WhatsApp HTTP gateways (notifications): URL, method, credentials
   * (`Bearer <token>` or `Basic <user>:<password>`) and a JSON body template with {{to}} and
   * {{text}}. Without a URL, SMS are kept in the outbox (development adapter) and WhatsApp is off.
   */
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_METHOD: z.enum(['POST', 'PUT']).default('POST'),
  SMS_GATEWAY_AUTH: z.string().optional(),
  SMS_GATEWAY_TEMPLATE: z.string().optional(),
  WHATSAPP_GATEWAY_URL: z.string().url().optional(),
  WHATSAPP_GATEWAY_METHOD: z.enum(['POST', 'PUT']).default('POST'),
  WHATSAPP_GATEWAY_AUTH: z.string().optional(),
  WHATSAPP_GATEWAY_TEMPLATE: z.string().optional(),
  /** Shared secret a gateway sends (X-Simpul-Token) with delivery reports; 16+ characters. */
  DELIVERY_REPORT_TOKEN: z.string().min(16).optional(),
  /** Satu Data: the region's CKAN portal (Action API base URL), its API token and organisation. */
  SATU_DATA_CKAN_URL: z.string().url().optional(),
  SATU_DATA_CKAN_TOKEN: z.string().optional(),
  SATU_DATA_ORGANISATION: z.string().optional(),
  /** SPLP (national API gateway): publish Simpul's OpenAPI under a versioned context. Off by default; production needs URL and token, development talks to a local fake. */
  SPLP_ENABLED: bool.optional(),
  SPLP_URL: z.string().url().optional(),
  SPLP_TOKEN: z.string().optional(),
  /** The hub client id Simpul issued to the gateway (its backend credentials). */
  SPLP_GATEWAY_CLIENT_ID: z.string().optional(),
  /** SIPD: push the ICT roadmap with the region's kodepemda, on demand and every SIPD_PUSH_EVERY_DAYS days. Off by default; same rule as SPLP. */
  SIPD_ENABLED: bool.optional(),
  SIPD_URL: z.string().url().optional(),
  SIPD_TOKEN: z.string().optional(),
  SIPD_PUSH_EVERY_DAYS: z.coerce.number().int().min(1).max(366).default(7),
  /** Inbound SMS webhook: a token header (X-Simpul-Token) and/or an HMAC-SHA256 secret (X-Simpul-Signature). */
  SMS_INBOUND_TOKEN: z.string().min(16).optional(),
  SMS_INBOUND_SECRET: z.string().min(16).optional(),
  /** Lets a scraper read /metrics from another host (HTTP Basic password); 32+ characters. */
  METRICS_TOKEN: z.string().min(32).optional(),
  /**
   * Trust X-Forwarded-For from a reverse proxy: 'true' (any), a hop count, or a list of proxy
   * addresses/CIDRs. Off by default: a forged header would dodge the per-IP sign-in limit.
   */
  TRUST_PROXY: z.string().optional(),
  /** Ed25519 private key (PEM, PKCS#8) that signs issued documents; required in production. */
  DOCUMENT_SIGNING_KEY: z.string().optional(),
  /** Ed25519 private key (PEM, PKCS#8) that signs the audit chain's checkpoints; required in production. Keep it off the database server. */
  AUDIT_SIGNING_KEY: z.string().optional(),
  /** Earlier audit public keys (PEM, separated by a blank line) whose checkpoints stay trusted after a rotation. */
  AUDIT_TRUSTED_KEYS: z.string().optional(),
  /** Folder where every signed audit checkpoint is appended (audit-checkpoints.jsonl); empty turns the copy off. */
  AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** How often new audit events are sealed into the chain (seconds). */
  AUDIT_SEAL_EVERY_SECONDS: z.coerce.number().int().min(5).default(60),
  /** A last signed checkpoint older than this raises the alarm (hours). */
  AUDIT_CHECKPOINT_MAX_AGE_HOURS: z.coerce.number().min(1).default(24),
  /** Staff single sign-on (OpenID Connect, authorization code + PKCE): the provider's issuer URL; empty turns SSO off. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_SCOPES: z.string().default('openid email profile'),
  /** The ID-token claim that carries the provider's groups or roles (a list or one string). */
  OIDC_ROLE_CLAIM: z.string().default('groups'),
  /** Claim value → Simpul role and agency: `group=role@agency-slug;group2=role` (no agency: region-wide). */
  OIDC_ROLE_MAP: z.string().default(''),
  /** `false`: staff sign in through SSO only (local passwords refused); citizens keep theirs. */
  STAFF_LOCAL_PASSWORDS: z.enum(['true', 'false']).default('true'),
  /** Days before a document's last day of validity when its holder is reminded (P-8), e.g. `60,30,7`. */
  DOCUMENT_REMINDER_DAYS: z.string().default('60,30,7'),
  /** How often the document reminders/expiry job runs (seconds). */
  DOCUMENT_REMINDER_EVERY_SECONDS: z.coerce.number().int().min(10).default(3600),
  /** HMAC-SHA256 secret of the bank's virtual-account callback (X-Simpul-Signature); required in production. */
  BANK_CALLBACK_SECRET: z.string().min(16).optional(),
  /** HMAC-SHA256 secret of SP4N-LAPOR!'s status callback (X-Simpul-Signature); without it, callbacks are refused. */
  LAPOR_CALLBACK_SECRET: z.string().min(16).optional(),
  /** Where files live: `local` ($DATA_DIR/files) or `s3` (an S3-compatible object store; required for several nodes). */
  STORAGE: z.enum(['local', 's3']).default('local'),
  /** S3-compatible store: scheme, host and port (`https://s3.ap-southeast-3.amazonaws.com`, `http://minio:9000`). */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** `https://host/bucket/key` (MinIO) rather than `https://bucket.host/key`. */
  S3_FORCE_PATH_STYLE: bool.default(true),
  /** Optional key prefix inside the bucket, e.g. `simpul/`. */
  S3_PREFIX: z.string().default(''),
  /** Backups (S-4): folder of the daily backup (may be another host's mounted path); without it no backup is scheduled. */
  BACKUP_DIR: z.string().optional(),
  /** Local hour (0–23, in BACKUP_TIME_ZONE) of the daily backup. */
  BACKUP_SCHEDULE_HOUR: z.coerce.number().int().min(0).max(23).default(1),
  BACKUP_TIME_ZONE: z.string().default('Asia/Jakarta'),
  /** How many backups to keep in BACKUP_DIR (newest first). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(14),
  /** Also remove backups older than this many days (the newest is always kept). */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
  /** Encrypt scheduled backups (AES-256-GCM) with BACKUP_ENCRYPTION_KEY. */
  BACKUP_ENCRYPT: bool.default(false),
  /** Passphrase of encrypted backups (16+ characters); keep a copy away from the backups. */
  BACKUP_ENCRYPTION_KEY: z.string().min(16).optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  pgliteDir: string;
  role: Env['SIMPUL_ROLE'];
  sessionSecret: string;
  encryptionKey: string;
  /** Keys of personal data at rest (field-crypto): DATA_KEYS and DATA_INDEX_KEY, or the public dev keyring. */
  fieldKeys: FieldKeys;
  cookieSecure: boolean;
  sessionTtlHours: number;
  requireAdminMfa: boolean;
  /**
   * Sign-in failures: maxFailures free per account and address, ratePerIp free per address
   * (15 minutes), then delays of firstDelaySeconds (2), doubling, at most lockMinutes.
   */
  login: { maxFailures: number; lockMinutes: number; ratePerIp: number; firstDelaySeconds?: number };
  /** Self-registrations (citizen and business) per client address and hour. */
  registerRatePerIp: number;
  bodyLimit: number;
  uploadMaxBytes: number;
  /** Largest multipart request and uploads read at once per node (platform/storage/uploads.ts). */
  uploadLimits: { maxRequestBytes: number; maxConcurrent: number };
  smtp:
    | { host: string; port: number; secure: boolean; user?: string; password?: string; ignoreTls: boolean }
    | undefined;
  mailFrom: string;
  logLevel: Env['LOG_LEVEL'];
  demoSeed: boolean;
  jobPollMs: number;
  /** Seconds an anonymous public page stays in the in-memory page cache (0: no cache). */
  publicCacheSeconds: number;
  /** Compress dynamic responses in Simpul (off when a reverse proxy compresses). */
  compression: boolean;
  /** /ready fails when the oldest due job has waited longer than this (seconds; 0: not checked). */
  readyMaxJobLagSeconds: number;
  slaNearingPercent: number;
  slaEscalationEverySeconds: number;
  /** E-2: the internal networks (CIDR) the leaders' figures are reachable from; empty = anywhere. */
  executiveAllowedNetworks: string[];
  /** Local hour after which the daily reconciliation summary of the previous day is e-mailed (P-7). */
  paymentsDailySummaryHour: number;
  /** payments (P-7): working days to pay a bill, and how often overdue bills expire (s). */
  billDueDays: number;
  billExpireEverySeconds: number;
  /** Months between progress reports on an approved coordination request (G-1). */
  govProgressReportMonths: number;
  /** SMS / WhatsApp HTTP gateways; undefined: development adapter (SMS) or off (WhatsApp). */
  smsGateway: GatewayConfig | undefined;
  whatsappGateway: GatewayConfig | undefined;
  /** Token gateways send with delivery reports; without it, reports are refused. */
  deliveryReportToken: string | undefined;
  /** Satu Data CKAN portal; without it the /kinerja data set is not published. */
  satuData: { ckanUrl: string; token: string; organisation: string } | undefined;
  /** SPLP publishing; `url` null: the local fake (development, tests). Undefined: off. */
  splp: { url: string | null; token: string; gatewayClientId: string } | undefined;
  /** SIPD roadmap push; `url` null: the local fake. Undefined: off. */
  sipd: { url: string | null; token: string; everyDays: number } | undefined;
  /** Inbound SMS webhook credentials; with neither, inbound SMS are refused. */
  smsInbound: { token: string | undefined; secret: string | undefined };
  /** Without it, /metrics answers direct loopback requests only. */
  metricsToken: string | undefined;
  trustProxy: boolean | number | string[];
  /** Ed25519 private key (PEM, PKCS#8) that signs issued documents; derived in development/test. */
  documentSigningKey: string;
  /** Staff single sign-on (OpenID Connect); null when not configured. */
  oidc: OidcConfig | null;
  /** Staff may sign in with a local password (false: SSO only). */
  staffLocalPasswords: boolean;
  audit: {
    /** Ed25519 private key (PEM) that signs checkpoints; derived in development/test. */
    signingKey: string;
    trustedKeys: string[];
    checkpointDir: string | null;
    sealEverySeconds: number;
    maxCheckpointAgeSeconds: number;
  };
  /** Reminder offsets in days before expiry: positive, distinct, largest first (P-8). */
  documentReminderDays: number[];
  documentReminderEverySeconds: number;
  /** Bank callback HMAC secret; without it, callbacks are refused (401). */
  bankCallbackSecret: string | undefined;
  /** SP4N-LAPOR! status callback HMAC secret; without it, callbacks are refused (401). */
  laporCallbackSecret: string | undefined;
  /** Where files live: local disk under $DATA_DIR/files, or an S3-compatible object store. */
  storage: StorageConfig;
  /** Backups (S-4): the daily scheduled backup (when `dir` is set) and the passphrase of encrypted ones. */
  backup: BackupConfig;
}

export interface BackupConfig {
  dir: string | undefined;
  scheduleHour: number;
  timeZone: string;
  keep: number;
  retentionDays: number | undefined;
  encrypt: boolean;
  encryptionKey: string | undefined;
}

export class ConfigError extends Error {}

/** An HTTP gateway for SMS or WhatsApp (notifications). */
export interface GatewayConfig {
  url: string;
  method: 'POST' | 'PUT';
  /** Value of the Authorization header, if any. */
  authorization: string | undefined;
  /** JSON body with {{to}} and {{text}} placeholders (filled JSON-escaped). */
  template: string;
}

export const defaultGatewayTemplate = '{"to":"{{to}}","text":"{{text}}"}';

/** `Bearer <token>` is sent as is; `Basic <user>:<password>` is base64-encoded. */
export function gatewayAuthorization(v: string | undefined, name: string): string | undefined {
  if (!v) return undefined;
  const m = /^(bearer|basic)\s+(.+)$/i.exec(v.trim());
  if (!m) throw new ConfigError(`${name} must be "Bearer <token>" or "Basic <user>:<password>"`);
  if (m[1]!.toLowerCase() === 'bearer') return `Bearer ${m[2]}`;
  if (!m[2]!.includes(':')) throw new ConfigError(`${name}: Basic credentials are "<user>:<password>"`);
  return `Basic ${Buffer.from(m[2]!, 'utf8').toString('base64')}`;
}

function gatewayConfig(prefix: 'SMS' | 'WHATSAPP', url: string | undefined, method: 'POST' | 'PUT', auth: string | undefined, template: string | undefined): GatewayConfig | undefined {
  if (!url) return undefined;
  const body = template ?? defaultGatewayTemplate;
  if (!body.includes('{{to}}') || !body.includes('{{text}}')) throw new ConfigError(`${prefix}_GATEWAY_TEMPLATE must contain {{to}} and {{text}}`);
  try {
    JSON.parse(body.replaceAll('{{to}}', '0').replaceAll('{{text}}', 'x'));
  } catch {
    throw new ConfigError(`${prefix}_GATEWAY_TEMPLATE must be JSON (placeholders inside strings)`);
  }
  return { url, method, authorization: gatewayAuthorization(auth, `${prefix}_GATEWAY_AUTH`), template: body };
}

function parseTrustProxy(v: string | undefined): boolean | number | string[] {
  if (!v || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((x) => x.trim()).filter(Boolean);
}

/** An Ed25519 private key (PKCS#8 PEM) from a 32-byte seed: the development signing key. */
export function ed25519PemFromSeed(seed: Buffer): string {
  if (seed.length !== 32) throw new ConfigError('An Ed25519 seed has 32 bytes');
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** DOCUMENT_SIGNING_KEY must be an Ed25519 private key in PEM (literal `\n` accepted for one-line env files). */
function checkedSigningKey(v: string, name = 'DOCUMENT_SIGNING_KEY'): string {
  const pem = v.includes('\\n') ? v.replaceAll('\\n', '\n') : v;
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(pem);
  } catch {
    throw new ConfigError(`${name} must be a PEM private key (PKCS#8)`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${name} must be an Ed25519 key`);
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** `60,30,7` → [60, 30, 7]: positive integers (at most 3650), duplicates dropped, largest first. */
export function parseReminderDays(v: string): number[] {
  const parts = v.split(',').map((x) => x.trim()).filter(Boolean);
  if (!parts.length) throw new ConfigError('DOCUMENT_REMINDER_DAYS: give at least one number of days, e.g. 60,30,7');
  const days = parts.map((x) => {
    if (!/^[0-9]+$/.test(x) || Number(x) < 1 || Number(x) > 3650) throw new ConfigError(`DOCUMENT_REMINDER_DAYS: "${x}" is not a whole number of days between 1 and 3650`);
    return Number(x);
  });
  return [...new Set(days)].sort((a, b) => b - a);
}

// S3 bucket names (the rules every S3-compatible store accepts) and key prefixes (our key alphabet).
const bucketPattern = /^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const s3PrefixPattern = /^([a-z0-9][a-z0-9-]*\/)*$/;

function storageConfig(e: Env): StorageConfig {
  if (e.STORAGE === 'local') return { kind: 'local' };
  const missing = (['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !e[k]);
  if (missing.length) throw new ConfigError(`STORAGE=s3 needs ${missing.join(', ')}`);
  const endpoint = new URL(e.S3_ENDPOINT!);
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new ConfigError('S3_ENDPOINT must be an http:// or https:// address');
  if (endpoint.search || endpoint.hash || endpoint.username) throw new ConfigError('S3_ENDPOINT takes scheme, host and port only (no query, no credentials)');
  if (!bucketPattern.test(e.S3_BUCKET!) || e.S3_BUCKET!.includes('..')) throw new ConfigError('S3_BUCKET must be a valid bucket name (3–63 lower-case letters, digits, dots, dashes)');
  if (!e.S3_FORCE_PATH_STYLE && e.S3_BUCKET!.includes('.') && endpoint.protocol === 'https:') throw new ConfigError('S3_BUCKET with dots needs S3_FORCE_PATH_STYLE=true over https (the certificate would not match)');
  if (!s3PrefixPattern.test(e.S3_PREFIX)) throw new ConfigError('S3_PREFIX must be empty or folder names ending in "/" (lower-case letters, digits, dashes), e.g. simpul/');
  return {
    kind: 's3',
    endpoint: endpoint.origin + endpoint.pathname.replace(/\/+$/, ''),
    bucket: e.S3_BUCKET!,
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    prefix: e.S3_PREFIX,
  };
}

function backupConfig(e: Env): BackupConfig {
  try {
    new Intl.DateTimeFormat('en', { timeZone: e.BACKUP_TIME_ZONE });
  } catch {
    throw new ConfigError(`BACKUP_TIME_ZONE: unknown time zone "${e.BACKUP_TIME_ZONE}" (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)`);
  }
  if (e.BACKUP_ENCRYPT && !e.BACKUP_ENCRYPTION_KEY) throw new ConfigError('BACKUP_ENCRYPT=true needs BACKUP_ENCRYPTION_KEY (16+ characters)');
  return {
    dir: e.BACKUP_DIR,
    scheduleHour: e.BACKUP_SCHEDULE_HOUR,
    timeZone: e.BACKUP_TIME_ZONE,
    keep: e.BACKUP_KEEP,
    retentionDays: e.BACKUP_RETENTION_DAYS,
    encrypt: e.BACKUP_ENCRYPT,
    encryptionKey: e.BACKUP_ENCRYPTION_KEY,
  };
}

export function loadConfig(source: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  if (isProduction) {
    const missing: string[] = [];
    if (!e.SESSION_SECRET || e.SESSION_SECRET.length < 32) missing.push('SESSION_SECRET (32+ characters)');
    if (!e.ENCRYPTION_KEY || e.ENCRYPTION_KEY.length < 32) missing.push('ENCRYPTION_KEY (32+ characters)');
    if (!e.BASE_URL) missing.push('BASE_URL');
    if (!e.DATA_KEYS) missing.push('DATA_KEYS (id:base64 32-byte key, comma-separated, first one active)');
    if (!e.DATA_INDEX_KEY || e.DATA_INDEX_KEY.length < 32) missing.push('DATA_INDEX_KEY (32+ characters)');
    if (!e.DOCUMENT_SIGNING_KEY) missing.push('DOCUMENT_SIGNING_KEY (Ed25519 private key, PEM)');
    if (!e.AUDIT_SIGNING_KEY) missing.push('AUDIT_SIGNING_KEY (Ed25519 private key, PEM)');
    if (!e.BANK_CALLBACK_SECRET) missing.push('BANK_CALLBACK_SECRET (16+ characters)');
    if (missing.length) throw new ConfigError(`Production refuses to start without: ${missing.join(', ')}`);
    if (e.REQUIRE_ADMIN_MFA === false) throw new ConfigError('REQUIRE_ADMIN_MFA cannot be disabled in production');
    if (e.SPLP_ENABLED && (!e.SPLP_URL || !e.SPLP_TOKEN || !e.SPLP_GATEWAY_CLIENT_ID)) throw new ConfigError('SPLP_ENABLED needs SPLP_URL, SPLP_TOKEN and SPLP_GATEWAY_CLIENT_ID in production');
    if (e.SIPD_ENABLED && (!e.SIPD_URL || !e.SIPD_TOKEN)) throw new ConfigError('SIPD_ENABLED needs SIPD_URL and SIPD_TOKEN in production');
    if (e.DEMO_SEED) throw new ConfigError('DEMO_SEED cannot be used in production');
  }
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  // Development defaults: derived, stable per data folder is not needed; a random secret
  // only invalidates sessions' CSRF tokens on restart, sessions themselves live in the DB.
  const devSecret = (label: string) =>
    crypto.createHash('sha256').update(`simpul-dev-${label}-${path.resolve(e.DATA_DIR)}`).digest('hex');
  const documentSigningKey = e.DOCUMENT_SIGNING_KEY
    ? checkedSigningKey(e.DOCUMENT_SIGNING_KEY)
    : ed25519PemFromSeed(Buffer.from(devSecret('document-signing'), 'hex'));
  const auditSigningKey = e.AUDIT_SIGNING_KEY
    ? checkedSigningKey(e.AUDIT_SIGNING_KEY, 'AUDIT_SIGNING_KEY')
    : ed25519PemFromSeed(Buffer.from(devSecret('audit-signing'), 'hex'));
  const config: Config = {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    pgliteDir: path.join(e.DATA_DIR, 'pglite'),
    role: e.SIMPUL_ROLE,
    sessionSecret: e.SESSION_SECRET ?? devSecret('session'),
    encryptionKey: e.ENCRYPTION_KEY ?? devSecret('encryption'),
    fieldKeys: parseFieldKeys(e.DATA_KEYS, e.DATA_INDEX_KEY),
    cookieSecure: e.COOKIE_SECURE ?? (isProduction || baseUrl.startsWith('https://')),
    sessionTtlHours: e.SESSION_TTL_HOURS,
    requireAdminMfa: e.REQUIRE_ADMIN_MFA ?? true,
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES, ratePerIp: e.LOGIN_RATE_PER_IP },
    registerRatePerIp: e.REGISTER_RATE_PER_IP,
    bodyLimit: e.BODY_LIMIT_BYTES,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    uploadLimits: { maxRequestBytes: e.UPLOAD_MAX_REQUEST_BYTES, maxConcurrent: e.UPLOAD_MAX_CONCURRENT },
    smtp: e.SMTP_HOST
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE,
          user: e.SMTP_USER,
          password: e.SMTP_PASSWORD,
          ignoreTls: e.SMTP_IGNORE_TLS,
        }
      : undefined,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    demoSeed: e.DEMO_SEED ?? (!isProduction && e.NODE_ENV !== 'test'),
    jobPollMs: e.JOB_POLL_MS,
    publicCacheSeconds: e.PUBLIC_CACHE_SECONDS,
    compression: e.COMPRESSION,
    readyMaxJobLagSeconds: e.READY_MAX_JOB_LAG_SECONDS,
    slaNearingPercent: e.SLA_NEARING_PERCENT,
    slaEscalationEverySeconds: e.SLA_ESCALATION_EVERY_SECONDS,
    executiveAllowedNetworks: (e.EXECUTIVE_ALLOWED_NETWORKS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    paymentsDailySummaryHour: e.PAYMENTS_DAILY_SUMMARY_HOUR,
    billDueDays: e.BILL_DUE_DAYS,
    billExpireEverySeconds: e.BILL_EXPIRE_EVERY_SECONDS,
    govProgressReportMonths: e.GOV_PROGRESS_REPORT_MONTHS,
    smsGateway: gatewayConfig('SMS', e.SMS_GATEWAY_URL, e.SMS_GATEWAY_METHOD, e.SMS_GATEWAY_AUTH, e.SMS_GATEWAY_TEMPLATE),
    whatsappGateway: gatewayConfig('WHATSAPP', e.WHATSAPP_GATEWAY_URL, e.WHATSAPP_GATEWAY_METHOD, e.WHATSAPP_GATEWAY_AUTH, e.WHATSAPP_GATEWAY_TEMPLATE),
    deliveryReportToken: e.DELIVERY_REPORT_TOKEN,
    splp: e.SPLP_ENABLED ? { url: e.SPLP_URL ?? null, token: e.SPLP_TOKEN ?? 'dev-splp-token', gatewayClientId: e.SPLP_GATEWAY_CLIENT_ID ?? 'splp-gateway' } : undefined,
    sipd: e.SIPD_ENABLED ? { url: e.SIPD_URL ?? null, token: e.SIPD_TOKEN ?? 'dev-sipd-token', everyDays: e.SIPD_PUSH_EVERY_DAYS } : undefined,
    satuData: e.SATU_DATA_CKAN_URL && e.SATU_DATA_CKAN_TOKEN ? { ckanUrl: e.SATU_DATA_CKAN_URL, token: e.SATU_DATA_CKAN_TOKEN, organisation: e.SATU_DATA_ORGANISATION ?? 'pemda' } : undefined,
    smsInbound: { token: e.SMS_INBOUND_TOKEN, secret: e.SMS_INBOUND_SECRET },
    metricsToken: e.METRICS_TOKEN,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    documentSigningKey,
    oidc: parseOidc(e, isProduction),
    staffLocalPasswords: e.STAFF_LOCAL_PASSWORDS !== 'false',
    audit: {
      signingKey: auditSigningKey,
      trustedKeys: (e.AUDIT_TRUSTED_KEYS ?? '').replaceAll('\\n', '\n').match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [],
      checkpointDir: e.AUDIT_CHECKPOINT_DIR === undefined ? (e.NODE_ENV === 'test' ? null : path.join(e.DATA_DIR, 'audit')) : e.AUDIT_CHECKPOINT_DIR || null,
      sealEverySeconds: e.AUDIT_SEAL_EVERY_SECONDS,
      maxCheckpointAgeSeconds: Math.round(e.AUDIT_CHECKPOINT_MAX_AGE_HOURS * 3600),
    },
    documentReminderDays: parseReminderDays(e.DOCUMENT_REMINDER_DAYS),
    documentReminderEverySeconds: e.DOCUMENT_REMINDER_EVERY_SECONDS,
    bankCallbackSecret: e.BANK_CALLBACK_SECRET,
    laporCallbackSecret: e.LAPOR_CALLBACK_SECRET,
    storage: storageConfig(e),
    backup: backupConfig(e),
  };
  return { ...config, ...overrides };
}

/** One claim value mapped to a Simpul role, in one agency (by slug) or region-wide (null). */
export interface OidcRoleMapping {
  claim: string;
  role: string;
  agency: string | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  roleClaim: string;
  mappings: OidcRoleMapping[];
  /** Plain-http issuer (development and tests only). */
  allowInsecure: boolean;
  /** Tests only: the HTTP client openid-client uses (to tamper with responses); openid-client's CustomFetch. */
  fetch?: (url: string, options: { body?: unknown; headers: Record<string, string>; method: string; redirect: 'manual'; signal?: AbortSignal }) => Promise<Response>;
}

function parseOidc(e: { OIDC_ISSUER?: string; OIDC_CLIENT_ID?: string; OIDC_CLIENT_SECRET?: string; OIDC_SCOPES: string; OIDC_ROLE_CLAIM: string; OIDC_ROLE_MAP: string }, isProduction: boolean): OidcConfig | null {
  if (!e.OIDC_ISSUER) return null;
  if (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) throw new ConfigError('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  const mappings = e.OIDC_ROLE_MAP.split(';')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([^=]+)=([a-z_]+)(?:@([a-z0-9-]+))?$/.exec(entry);
      if (!m) throw new ConfigError(`OIDC_ROLE_MAP: '${entry}' is not 'claim=role' or 'claim=role@agency-slug'`);
      return { claim: m[1]!.trim(), role: m[2]!, agency: m[3] ?? null };
    });
  const allowInsecure = e.OIDC_ISSUER.startsWith('http://');
  if (allowInsecure && isProduction) throw new ConfigError('OIDC_ISSUER must be https:// in production');
  return { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, scopes: e.OIDC_SCOPES, roleClaim: e.OIDC_ROLE_CLAIM, mappings, allowInsecure };
}

function parseFieldKeys(dataKeys: string | undefined, indexKey: string | undefined): FieldKeys {
  const dev = devFieldKeys();
  try {
    return {
      dataKeys: dataKeys ? parseDataKeys(dataKeys) : dev.dataKeys,
      indexKey: indexKey ? crypto.createHash('sha256').update(indexKey).digest() : dev.indexKey,
    };
  } catch (err) {
    if (err instanceof FieldCryptoError) throw new ConfigError(err.message);
    throw err;
  }
}
