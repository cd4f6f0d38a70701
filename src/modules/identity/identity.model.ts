// Identity: the types, limits and error helpers the parts of the service share
// (identity.service.ts composes the parts; see its header for the conventions).
import type { AccountAddress } from '../../platform/area/person-address.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { uniqueViolation } from '../../platform/db/values.ts';
import type { Actor, RequestMeta } from '../../platform/auth/actor.ts';
import { type JobQueue } from '../../platform/jobs/queue.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { type Locale, type MessageKey } from '../../platform/views/i18n.ts';
import './identity.policy.ts';

export interface IdentityDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  jobs: JobQueue;
}

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Who acts, for the audit trail. */
export interface Who {
  actor: Actor | null;
  meta?: RequestMeta | null;
  label?: string;
}


/** Limits of one-time codes. */
export const CODE_MAX_ATTEMPTS = 5;
export const CONFIRM_CODE_MINUTES = 30;
export const RESET_CODE_MINUTES = 30;
export const INVITATION_HOURS = 72;
/** "Kirim ulang kode": per account and per IP. */
export const RESEND_PER_ACCOUNT = 3;
export const RESEND_WINDOW_SECONDS = 15 * 60;
/** Window of the per-address registration limit (config.registerRatePerIp). */
export const REGISTER_WINDOW_SECONDS = 3600;
export const MAX_ACTIVE_TOKENS = 20;
/** Retention (UU PDP Art. 42–45: keep no longer than needed). */
export const KEEP_CODES_DAYS = 7;
export const KEEP_ENDED_SESSIONS_DAYS = 90;
/**
 * A citizen self-registration whose e-mail was never confirmed is abandoned after this many
 * days: its NIK and e-mail are released (a mistyped address must not lock a NIK forever) and
 * its personal data is not kept.
 */
export const ABANDONED_REGISTRATION_DAYS = 7;

/** 'email_change' and 'phone_change' belong to account editing (identity.contact.ts). */
export type CodePurpose = 'email_confirm' | 'password_reset' | 'invitation' | 'email_change' | 'phone_change';

export interface Profile {
  id: string;
  kind: Actor['kind'];
  name: string;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  nikMasked: string | null;
  locale: Locale;
  status: 'pending' | 'active' | 'disabled';
  mfaEnabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  /** The address on the account (area code down to the village, street line), when one is held. */
  address: AccountAddress;
}

export interface SessionView {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface TokenView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  expired: boolean;
}

export interface BusinessView {
  id: string;
  name: string;
  legalForm: string;
  nib: string;
  npwp: string;
  address: string | null;
  representatives: {
    id: string;
    name: string;
    nikMasked: string | null;
    position: string;
    since: Date;
    /** The person has not yet made their own citizen account (see registerBusiness). */
    hasAccount: boolean;
  }[];
}

/** The session the browser had before (replaced on sign-in and on privilege changes). */
export type PreviousSession = { sessionId: string; userId: string } | null;

export type SignInResult =
  | { status: 'ok'; session: NewSession; userId: string; mfaRequired: boolean }
  | { status: 'pending'; userId: string };

/** Code-check failures, in the order the person should read them. */
export type CodeFailure = { ok: false; reason: 'wrong' | 'expired' | 'attempts'; left?: number };
export type CodeCheck = { ok: true; rowId: string } | CodeFailure;

export function codeError(f: CodeFailure): AppError {
  switch (f.reason) {
    case 'expired':
      return new AppError('code_expired', 422, 'code.expired', undefined, [{ field: 'code', key: 'code.expired' }]);
    case 'attempts':
      return new AppError('code_attempts', 422, 'code.attempts', undefined, [{ field: 'code', key: 'code.attempts' }]);
    default:
      return new AppError('code_invalid', 422, 'code.wrong', { left: f.left ?? 0 }, [
        { field: 'code', key: 'code.wrong', params: { left: f.left ?? 0 } },
      ]);
  }
}

export const fieldError = (code: string, status: number, field: string, key: MessageKey, params?: Record<string, string | number>) =>
  new AppError(code, status, key, params, [{ field, key, params }]);

/** Unique index → the form field it protects and the message. */
export const uniqueFields: Record<string, FieldError> = {
  users_nik_key: { field: 'nik', key: 'register.nik_taken' },
  users_email_key: { field: 'email', key: 'register.email_taken' },
  businesses_nib_key: { field: 'nib', key: 'business.nib_taken' },
  businesses_npwp_key: { field: 'npwp', key: 'business.npwp_taken' },
};

/** A unique violation raced past our checks: the same 409 as the check would give. */
export function conflictFromUniqueViolation(err: unknown, overrides: Record<string, FieldError> = {}): AppError | null {
  const e = uniqueViolation(err);
  if (!e) return null;
  const known = { ...uniqueFields, ...overrides };
  const name = e.constraint ?? Object.keys(known).find((k) => e.message.includes(k));
  const field = name ? known[name] : undefined;
  return new AppError('conflict', 409, field?.key ?? 'account.conflict', undefined, field ? [field] : undefined);
}

export const normaliseName = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
