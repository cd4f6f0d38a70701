// Request schemas of identity: one definition per field, shared by the HTML forms and the
// JSON API (which also produces the OpenAPI document). Custom checks use message keys from
// identity.messages.ts as their message, so errors come out in the caller's language.
import { areaByCode, levelOfCode } from '../../platform/area/areas.ts';
import { isRecoveryCode } from './recovery-codes.ts';
import { z } from 'zod';
import { normalizeMobilePhone, normalizeNpwp, validateNib, validateNik } from './identifiers.ts';
import { passwordWeakness } from './passwords.ts';

/** Trims a string; an empty string becomes undefined so a missing field reads "required". */
const trimmed = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);

export const textField = (max = 200) => z.preprocess(trimmed, z.string().max(max));

export const personName = z
  .preprocess((v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() || undefined : v), z.string().min(2).max(120))
  .meta({ description: 'Full name as on the identity card (KTP)', example: 'Budi Santoso' });

export const nikField = z
  .preprocess(trimmed, z.string().max(40))
  .transform((v, ctx) => {
    const r = validateNik(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.code, input: v });
      return z.NEVER;
    }
    return r.nik;
  })
  .meta({ description: 'NIK: 16 digits (spaces and dots ignored)', example: '5371011208850001' });

export const emailField = z
  .preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v), z.email().max(254))
  .meta({ description: 'E-mail address', example: 'budi@contoh.id' });

export const phoneField = z
  .preprocess(trimmed, z.string().max(30))
  .transform((v, ctx) => {
    const r = normalizeMobilePhone(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.code, input: v });
      return z.NEVER;
    }
    return r.e164;
  })
  .meta({ description: 'Indonesian mobile number (08…, 628… or +628…); stored as E.164', example: '081234567890' });

export const nibField = z
  .preprocess(trimmed, z.string().max(40))
  .transform((v, ctx) => {
    const r = validateNib(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.code, input: v });
      return z.NEVER;
    }
    return r.nib;
  })
  .meta({ description: 'NIB from OSS: 13 digits', example: '9120001234567' });

export const npwpField = z
  .preprocess(trimmed, z.string().max(40))
  .transform((v, ctx) => {
    const r = normalizeNpwp(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.code, input: v });
      return z.NEVER;
    }
    return r.npwp;
  })
  .meta({ description: 'NPWP: 16 digits, or the old 15-digit form XX.XXX.XXX.X-XXX.XXX (normalised to 16)', example: '01.234.567.8-901.000' });

/** A password as typed (never trimmed). Strength is checked by `checkNewPassword`. */
export const passwordField = z.string().min(1).max(200);

/** Six digits (spaces ignored). */
export const codeField = z
  .preprocess((v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '') || undefined : v), z.string().max(12))
  .refine((v) => /^[0-9]{6}$/.test(v), { message: 'code.format' })
  .meta({ description: 'Six-digit code', example: '123456' });

export const legalForms = ['pt', 'pt_perorangan', 'cv', 'firma', 'koperasi', 'yayasan', 'perkumpulan', 'ud', 'bumd', 'bumdes'] as const;
export type LegalForm = (typeof legalForms)[number];

export const positionField = z
  .preprocess((v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() || undefined : v), z.string().min(2).max(80))
  .meta({ description: 'Position of the person in the business, e.g. Direktur', example: 'Direktur' });

/** Object-level checks run even when a field failed, so every problem is reported at once. */
const always = { when: () => true };

type Issues = { addIssue(issue: { code: 'custom'; path: string[]; message: string; input?: unknown }): void };

/**
 * Strength of a new password (passwords.ts) against the person's own data, and the
 * confirmation when the form has one.
 */
export function checkNewPassword(
  value: { password?: unknown; passwordConfirm?: unknown },
  personal: unknown[],
  ctx: Issues,
  field = 'password',
  confirmField: string | null = 'passwordConfirm',
): void {
  const pw = value.password;
  if (typeof pw !== 'string' || pw === '') return;
  const weak = passwordWeakness(
    pw,
    personal.flatMap((p) => (typeof p === 'string' ? [p, ...p.split(/[\s@.]+/)] : [])).filter((p) => p.length >= 4),
  );
  if (weak) ctx.addIssue({ code: 'custom', path: [field], message: weak });
  if (confirmField && value.passwordConfirm !== pw) {
    ctx.addIssue({ code: 'custom', path: [confirmField], message: 'password.mismatch' });
  }
}

const citizenFields = {
  nik: nikField,
  name: personName,
  email: emailField,
  phone: phoneField,
  password: passwordField,
};

/** POST /daftar */
export const registerCitizenForm = z
  .object({ ...citizenFields, passwordConfirm: z.string().max(200).optional() })
  .superRefine((v, ctx) => checkNewPassword(v, [v.name, v.email, v.nik], ctx), always);

/**
 * The optional address of a citizen registering through the API: the official village code
 * (kode wilayah `PP.KK.CC.DDDD`, as listed by GET /api/v1/wilayah) and a street line, the same
 * address the registration form takes by cascading choices.
 */
export const accountAddressBody = z
  .object({
    villageCode: z
      .string()
      .max(20)
      .refine((v) => levelOfCode(v) === 'village' && areaByCode(v) !== undefined, { message: 'ui.address.v.unknown.village' })
      .meta({ description: 'Official village (desa/kelurahan) code', example: '53.71.01.1001' }),
    street: z.preprocess(trimmed, z.string().max(300, { message: 'ui.address.v.street' }).optional()).meta({ description: 'Street, RT/RW, house number', example: 'Jl. El Tari No. 5, RT 003/RW 002' }),
  })
  .meta({ id: 'AccountAddress' });

/** POST /api/v1/auth/register */
export const registerCitizenBody = z
  .object({ ...citizenFields, address: accountAddressBody.optional() })
  .superRefine((v, ctx) => checkNewPassword(v, [v.name, v.email, v.nik], ctx, 'password', null), always)
  .meta({ id: 'RegisterCitizen' });

const businessFields = {
  businessName: z
    .preprocess((v) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() || undefined : v), z.string().min(2).max(200))
    .meta({ description: 'Registered business name', example: 'PT Maju Bersama' }),
  legalForm: z.enum(legalForms).meta({ description: 'Legal form (bentuk usaha)' }),
  nib: nibField,
  npwp: npwpField,
  address: z.preprocess(trimmed, z.string().min(5).max(500)).meta({ description: 'Business address' }),
  email: emailField,
  phone: phoneField,
  password: passwordField,
  personNik: nikField,
  personName: personName,
  personPosition: positionField,
};

/** POST /daftar/usaha */
export const registerBusinessForm = z
  .object({ ...businessFields, passwordConfirm: z.string().max(200).optional() })
  .superRefine((v, ctx) => checkNewPassword(v, [v.businessName, v.email, v.nib, v.personName], ctx), always);

/** POST /api/v1/auth/register-business */
export const registerBusinessBody = z
  .object(businessFields)
  .superRefine((v, ctx) => checkNewPassword(v, [v.businessName, v.email, v.nib, v.personName], ctx, 'password', null), always)
  .meta({ id: 'RegisterBusiness' });

/** E-mail or NIK, as typed on the sign-in form. */
export const loginField = z
  .preprocess(trimmed, z.string().max(254))
  .meta({ description: 'E-mail address or NIK', example: 'budi@contoh.id' });

export const signInForm = z.object({ login: loginField, password: passwordField });

export const confirmForm = z.object({ email: emailField.optional(), code: codeField });

export const totpForm = z.object({ code: codeField });

/** The second sign-in step: six digits from the app, or a recovery code (`abcde-fgh23`). */
export const secondStepCodeField = z
  .preprocess((v) => (typeof v === 'string' ? v.replace(/[\s-]/g, '').toLowerCase() || undefined : v), z.string().max(24))
  .refine((v) => /^[0-9]{6}$/.test(v) || isRecoveryCode(v), { message: 'recovery.format' })
  .meta({ description: 'Six-digit code from the authenticator app, or a one-time recovery code', example: '123456' });
export const totpSignInForm = z.object({ code: secondStepCodeField });
/** Field names differ from the disable form's: both forms are on one page. */
export const regenerateRecoveryForm = z.object({ regen_password: passwordField, regen_code: codeField });

export const forgotForm = z.object({ email: emailField });

/** POST /atur-sandi: from the e-mailed link (`ref`) or by e-mail address + code. */
export const resetForm = z
  .object({
    ref: z.uuid().optional(),
    email: emailField.optional(),
    code: codeField,
    password: passwordField,
    passwordConfirm: z.string().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.ref && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'validation.required' });
    checkNewPassword(v, [v.email], ctx);
  }, always);

export const changePasswordForm = z
  .object({ currentPassword: passwordField, password: passwordField, passwordConfirm: z.string().max(200).optional() })
  .superRefine((v, ctx) => checkNewPassword(v, [], ctx), always);

export const disableTotpForm = z.object({ password: passwordField, code: codeField });

export const tokenExpiryChoices = ['30', '90', '365', 'never'] as const;

export const createTokenForm = z.object({
  name: z.preprocess(trimmed, z.string().min(2).max(80)),
  expiresIn: z.enum(tokenExpiryChoices).default('90'),
});

export const addRepresentativeForm = z.object({ nik: nikField, name: personName, position: positionField });
