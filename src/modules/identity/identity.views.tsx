// Pages of identity. GOV.UK-style forms: one thing per page, the error summary first, each
// field with its own message, typed values kept (never passwords).
import type { ComponentChildren } from 'preact';
import { provinceOfKode } from '../../platform/area/areas.ts';
import { AddressField } from '../../platform/views/components/address-field.tsx';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, SelectField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { legalForms, tokenExpiryChoices } from './identity.schemas.ts';
import type { BusinessView, Profile, SessionView, TokenView } from './identity.service.ts';
import { recoveryCodesText } from './recovery-codes.ts';
import { type MessageKey, messageKeyOr } from '../../platform/views/i18n.ts';

type T = ViewContext['t'];

function labels(t: T, keys: Record<string, MessageKey>): Record<string, string> {
  return Object.fromEntries(Object.entries(keys).map(([field, key]) => [field, t(key)]));
}

const citizenLabels: Record<string, MessageKey> = {
  nik: 'field.nik',
  name: 'field.name',
  email: 'field.email',
  phone: 'field.phone',
  password: 'field.password',
  passwordConfirm: 'field.password.confirm',
};

/** Error summary labels of an address field named `prefix`: "Alamat (kabupaten/kota)". */
export function addressLabels(ctx: ViewContext, prefix: string, label: string): Record<string, string> {
  return Object.fromEntries((['province', 'regency', 'district', 'village', 'street'] as const).map((l) => [`${prefix}.${l}`, `${label} (${ctx.t(`ui.address.${l}`).toLowerCase()})`]));
}

/** A notice shown after a redirect (`?pesan=…`), from a fixed list of keys. */
export const notices = {
  signed_out: 'notice.signed_out',
  signed_out_all: 'notice.signed_out_all',
  password_reset: 'notice.password_reset',
  password_changed: 'notice.password_changed',
  totp_enabled: 'notice.totp_enabled',
  totp_disabled: 'notice.totp_disabled',
  session_revoked: 'notice.session_revoked',
  sessions_revoked: 'notice.sessions_revoked',
  token_revoked: 'notice.token_revoked',
  rep_added: 'notice.rep_added',
  rep_revoked: 'notice.rep_revoked',
  confirm_sent: 'notice.confirm_sent',
  code_resent: 'notice.code_resent',
  confirm_needed: 'notice.confirm_needed',
} as const;
export type NoticeKey = keyof typeof notices;

export function noticeFrom(value: unknown): NoticeKey | undefined {
  return typeof value === 'string' && value in notices ? (value as NoticeKey) : undefined;
}

function Notice({ ctx, notice }: { ctx: ViewContext; notice?: NoticeKey }) {
  if (!notice) return null;
  return (
    <div class="notice" role="status">
      <p>{ctx.t(notices[notice])}</p>
    </div>
  );
}

function PasswordFields({ ctx, form, newLabel = 'field.password.new' }: { ctx: ViewContext; form: FormState; newLabel?: MessageKey }) {
  const { t } = ctx;
  return (
    <>
      <TextField ctx={ctx} form={form} name="password" type="password" label={t(newLabel)} hint={t('field.password.hint')} autocomplete="new-password" maxLength={200} />
      <TextField ctx={ctx} form={form} name="passwordConfirm" type="password" label={t('field.password.confirm')} autocomplete="new-password" maxLength={200} />
    </>
  );
}

function PrivacyNote({ ctx }: { ctx: ViewContext }) {
  return <p class="hint">{ctx.t('register.privacy')}</p>;
}

// ---------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------

export function RegisterPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('register.title')}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ ...labels(t, citizenLabels), ...addressLabels(ctx, 'address', t('account.edit.address')) }} />
      <h1>{t('register.title')}</h1>
      <p class="lead">{t('register.lead')}</p>
      <PostForm ctx={ctx} action="/daftar">
        <TextField ctx={ctx} form={form} name="nik" label={t('field.nik')} hint={t('field.nik.hint')} inputmode="numeric" autocomplete="off" maxLength={40} />
        <TextField ctx={ctx} form={form} name="name" label={t('field.name')} hint={t('field.name.hint')} autocomplete="name" maxLength={120} />
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('field.email')} hint={t('field.email.hint')} autocomplete="email" inputmode="email" maxLength={254} />
        <TextField ctx={ctx} form={form} name="phone" type="tel" label={t('field.phone')} hint={t('field.phone.hint')} autocomplete="tel" inputmode="tel" maxLength={30} />
        <AddressField
          ctx={ctx}
          name="address"
          legend={
            <>
              {t('account.edit.address')} <span class="muted">{t('form.optional')}</span>
            </>
          }
          hint={t('register.address_hint')}
          values={form.values}
          errors={form.errors}
          defaultProvince={provinceOfKode(ctx.regionCode)}
        />
        <PasswordFields ctx={ctx} form={form} newLabel="field.password" />
        <PrivacyNote ctx={ctx} />
        <button type="submit">{t('register.submit')}</button>
      </PostForm>
      <p>
        {t('register.business_prompt')} <a href="/daftar/usaha">{t('register.business_link')}</a>
      </p>
      <p>
        {t('register.have_account')} <a href="/masuk">{t('nav.signin')}</a>
      </p>
    </Layout>
  );
}

const businessLabels: Record<string, MessageKey> = {
  businessName: 'field.business_name',
  legalForm: 'field.legal_form',
  nib: 'field.nib',
  npwp: 'field.npwp',
  address: 'field.address',
  email: 'field.business_email',
  phone: 'field.phone',
  password: 'field.password',
  passwordConfirm: 'field.password.confirm',
  personNik: 'field.person_nik',
  personName: 'field.person_name',
  personPosition: 'field.position',
};

export function RegisterBusinessPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('business.register.title')}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, businessLabels)} />
      <h1>{t('business.register.title')}</h1>
      <p class="lead">{t('business.register.lead')}</p>
      <PostForm ctx={ctx} action="/daftar/usaha">
        <fieldset>
          <legend>{t('business.register.about')}</legend>
          <TextField ctx={ctx} form={form} name="businessName" label={t('field.business_name')} maxLength={200} autocomplete="organization" />
          <SelectField
            ctx={ctx}
            form={form}
            name="legalForm"
            label={t('field.legal_form')}
            options={legalForms.map((f) => ({ value: f, label: t(`legal_form.${f}`) }))}
          />
          <TextField ctx={ctx} form={form} name="nib" label={t('field.nib')} hint={t('field.nib.hint')} inputmode="numeric" maxLength={40} autocomplete="off" />
          <TextField ctx={ctx} form={form} name="npwp" label={t('field.npwp')} hint={t('field.npwp.hint')} maxLength={40} autocomplete="off" />
          <TextField ctx={ctx} form={form} name="address" label={t('field.address')} maxLength={500} autocomplete="street-address" />
        </fieldset>
        <fieldset>
          <legend>{t('business.register.account')}</legend>
          <TextField ctx={ctx} form={form} name="email" type="email" label={t('field.business_email')} hint={t('field.business_email.hint')} inputmode="email" autocomplete="email" maxLength={254} />
          <TextField ctx={ctx} form={form} name="phone" type="tel" label={t('field.phone')} hint={t('field.phone.hint')} inputmode="tel" autocomplete="tel" maxLength={30} />
          <PasswordFields ctx={ctx} form={form} newLabel="field.password" />
        </fieldset>
        <fieldset>
          <legend>{t('business.register.person')}</legend>
          <p class="hint">{t('business.register.person_hint')}</p>
          <TextField ctx={ctx} form={form} name="personNik" label={t('field.person_nik')} hint={t('field.nik.hint')} inputmode="numeric" maxLength={40} autocomplete="off" />
          <TextField ctx={ctx} form={form} name="personName" label={t('field.person_name')} hint={t('field.name.hint')} maxLength={120} autocomplete="name" />
          <TextField ctx={ctx} form={form} name="personPosition" label={t('field.position')} hint={t('field.position.hint')} maxLength={80} autocomplete="organization-title" />
        </fieldset>
        <PrivacyNote ctx={ctx} />
        <button type="submit">{t('business.register.submit')}</button>
      </PostForm>
      <p>
        {t('register.have_account')} <a href="/masuk">{t('nav.signin')}</a>
      </p>
    </Layout>
  );
}

export function ConfirmPage({
  ctx,
  form,
  maskedEmail,
  notice,
  resendError,
}: {
  ctx: ViewContext;
  form: FormState;
  /** Known from the registration cookie: only the code is asked. */
  maskedEmail: string | null;
  notice?: NoticeKey;
  resendError?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('confirm.title')}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, { email: 'field.email', code: 'field.code' })} />
      <Notice ctx={ctx} notice={notice} />
      <h1>{t('confirm.title')}</h1>
      <p class="lead">{maskedEmail ? t('confirm.lead_known', { email: maskedEmail }) : t('confirm.lead')}</p>
      <PostForm ctx={ctx} action="/daftar/konfirmasi">
        {!maskedEmail && <TextField ctx={ctx} form={form} name="email" type="email" label={t('field.email')} inputmode="email" autocomplete="email" maxLength={254} />}
        <TextField ctx={ctx} form={form} name="code" label={t('field.code')} hint={t('field.code.hint')} inputmode="numeric" autocomplete="one-time-code" maxLength={12} />
        <button type="submit">{t('confirm.submit')}</button>
      </PostForm>
      <h2>{t('confirm.resend.title')}</h2>
      {resendError && (
        <p class="error-message" role="alert">
          {resendError}
        </p>
      )}
      <p>{t('confirm.resend.hint')}</p>
      <PostForm ctx={ctx} action="/daftar/konfirmasi/kirim-ulang">
        {!maskedEmail && (
          <TextField ctx={ctx} form={{ values: form.values, errors: [] }} name="resendEmail" type="email" label={t('field.email')} value={form.values.email} inputmode="email" autocomplete="email" maxLength={254} />
        )}
        <button type="submit" class="button secondary">
          {t('confirm.resend.submit')}
        </button>
      </PostForm>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------
// Sign-in
// ---------------------------------------------------------------------------------------

export function SignInPage({ ctx, form, kembali, notice, sso }: { ctx: ViewContext; form: FormState; kembali: string; notice?: NoticeKey; sso?: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('signin.title')}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, { login: 'field.login', password: 'field.password' })} />
      <Notice ctx={ctx} notice={notice} />
      <h1>{t('signin.title')}</h1>
      <PostForm ctx={ctx} action="/masuk">
        <input type="hidden" name="kembali" value={kembali} />
        <TextField ctx={ctx} form={form} name="login" label={t('field.login')} hint={t('field.login.hint')} autocomplete="username" maxLength={254} />
        <TextField ctx={ctx} form={form} name="password" type="password" label={t('field.password')} autocomplete="current-password" maxLength={200} />
        <button type="submit">{t('signin.submit')}</button>
      </PostForm>
      {sso && (
        <p>
          <a class="button secondary" href={`/masuk/sso?kembali=${encodeURIComponent(kembali === '/akun' ? '/kelola/mulai' : kembali)}`}>
            {t('sso.link')}
          </a>
        </p>
      )}
      <p>
        <a href="/lupa-sandi">{t('signin.forgot')}</a>
      </p>
      <p>
        {t('signin.no_account')} <a href="/daftar">{t('signin.register')}</a> · <a href="/daftar/usaha">{t('register.business_link')}</a>
      </p>
      <p>
        <a href="/daftar/konfirmasi">{t('signin.confirm_link')}</a>
      </p>
    </Layout>
  );
}

export function TotpSignInPage({ ctx, form, kembali }: { ctx: ViewContext; form: FormState; kembali: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('totp.signin.title')}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, { code: 'field.totp_code' })} />
      <h1>{t('totp.signin.title')}</h1>
      <p class="lead">{t('totp.signin.lead')}</p>
      <PostForm ctx={ctx} action="/masuk/totp">
        <input type="hidden" name="kembali" value={kembali} />
        <TextField ctx={ctx} form={form} name="code" label={t('field.totp_code')} hint={t('recovery.field_hint')} autocomplete="one-time-code" maxLength={24} />
        <p class="muted">{t('recovery.signin_hint')}</p>
        <button type="submit">{t('totp.signin.submit')}</button>
      </PostForm>
      <PostForm ctx={ctx} action="/keluar">
        <button type="submit" class="link">
          {t('totp.signin.cancel')}
        </button>
      </PostForm>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------
// Password reset and invitations
// ---------------------------------------------------------------------------------------

export function ForgotPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forgot.title')}>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, { email: 'field.email' })} />
      <h1>{t('forgot.title')}</h1>
      <p class="lead">{t('forgot.lead')}</p>
      <PostForm ctx={ctx} action="/lupa-sandi">
        <TextField ctx={ctx} form={form} name="email" type="email" label={t('field.email')} inputmode="email" autocomplete="email" maxLength={254} />
        <button type="submit">{t('forgot.submit')}</button>
      </PostForm>
    </Layout>
  );
}

export function ForgotSentPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forgot.sent.title')}>
      <h1>{t('forgot.sent.title')}</h1>
      <p class="lead">{t('forgot.sent.lead')}</p>
      <p>
        <a class="button" href="/atur-sandi">
          {t('forgot.sent.next')}
        </a>
      </p>
      <p class="hint">{t('forgot.sent.hint')}</p>
    </Layout>
  );
}

export function ResetPage({ ctx, form, ref, code }: { ctx: ViewContext; form: FormState; ref: string | null; code: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.title')}>
      <ErrorSummary
        ctx={ctx}
        errors={form.errors}
        labels={labels(t, { email: 'field.email', code: 'field.code', password: 'field.password.new', passwordConfirm: 'field.password.confirm' })}
      />
      <h1>{t('reset.title')}</h1>
      <p class="lead">{ref ? t('reset.lead_link') : t('reset.lead')}</p>
      <PostForm ctx={ctx} action="/atur-sandi">
        {ref ? (
          <input type="hidden" name="ref" value={ref} />
        ) : (
          <TextField ctx={ctx} form={form} name="email" type="email" label={t('field.email')} inputmode="email" autocomplete="email" maxLength={254} />
        )}
        <TextField ctx={ctx} form={form} name="code" value={code} label={t('field.code')} hint={t('field.code.hint')} inputmode="numeric" autocomplete="one-time-code" maxLength={12} />
        <PasswordFields ctx={ctx} form={form} />
        <button type="submit">{t('reset.submit')}</button>
      </PostForm>
      <p>
        <a href="/lupa-sandi">{t('reset.new_code')}</a>
      </p>
    </Layout>
  );
}

// ---------------------------------------------------------------------------------------
// Account
// ---------------------------------------------------------------------------------------

function AccountNav({ ctx, profile, current }: { ctx: ViewContext; profile: Pick<Profile, 'kind'>; current: string }) {
  const { t } = ctx;
  const links: [string, MessageKey][] = [
    ['/akun', 'account.nav.profile'],
    ['/akun/sandi', 'account.nav.password'],
    ['/akun/keamanan/totp', 'account.nav.totp'],
    ['/akun/sesi', 'account.nav.sessions'],
  ];
  if (profile.kind === 'citizen') links.splice(1, 0, ['/akun/ubah', 'account.edit.link']);
  if (profile.kind === 'business') links.push(['/akun/usaha', 'account.nav.business']);
  if (profile.kind === 'staff') links.push(['/akun/token', 'account.nav.tokens']);
  links.push(['/akun/data-pribadi', 'privacy.account.link']);
  return (
    <nav aria-label={t('account.nav.label')}>
      <ul class="chips">
        {links.map(([href, key]) => (
          <li key={href}>
            <a href={href} aria-current={href === current ? 'page' : undefined}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AccountLayout({ ctx, title, profile, current, children }: { ctx: ViewContext; title: string; profile: Pick<Profile, 'kind'>; current: string; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={title}>
      <AccountNav ctx={ctx} profile={profile} current={current} />
      {children}
    </Layout>
  );
}

export function AccountPage({
  ctx,
  profile,
  represented,
  notice,
}: {
  ctx: ViewContext;
  profile: Profile;
  represented: { name: string; legalForm: string; nib: string; position: string; since: Date }[];
  notice?: NoticeKey;
}) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('account.title')} profile={profile} current="/akun">
      <Notice ctx={ctx} notice={notice} />
      <h1>{t('account.title')}</h1>
      <dl class="summary">
        <dt>{t('account.kind')}</dt>
        <dd>{t(`account.kind.${profile.kind}`)}</dd>
        <dt>{profile.kind === 'business' ? t('field.business_name') : t('field.name')}</dt>
        <dd>{profile.name}</dd>
        {profile.nikMasked && (
          <>
            <dt>{t('field.nik')}</dt>
            <dd>{profile.nikMasked}</dd>
          </>
        )}
        <dt>{t('field.email')}</dt>
        <dd>
          {profile.email ?? '—'} {profile.emailVerified && <span class="tag">{t('account.email_verified')}</span>}
        </dd>
        <dt>{t('field.phone')}</dt>
        <dd>{profile.phone ?? '—'}</dd>
        <dt>{t('account.language')}</dt>
        <dd>
          {t('lang.current')} (<a href={`/bahasa/${ctx.locale === 'id' ? 'en' : 'id'}?kembali=/akun`}>{t('lang.switch')}</a>)
        </dd>
        <dt>{t('account.totp')}</dt>
        <dd>
          {profile.mfaEnabled ? t('account.totp.on') : t('account.totp.off')} (<a href="/akun/keamanan/totp">{t('account.totp.manage')}</a>)
        </dd>
        {profile.lastLoginAt && (
          <>
            <dt>{t('account.last_login')}</dt>
            <dd>{ctx.dateTime(profile.lastLoginAt)}</dd>
          </>
        )}
      </dl>
      {profile.kind === 'citizen' && (
        <section aria-labelledby="h-represented">
          <h2 id="h-represented">{t('account.represented.title')}</h2>
          {represented.length ? (
            <ul class="list">
              {represented.map((b) => (
                <li key={b.nib}>
                  <strong>{b.name}</strong> ({t(messageKeyOr(`legal_form.${b.legalForm}`, 'value.unknown'))}, NIB {b.nib}) — {b.position}, {t('account.since', { date: ctx.date(b.since) })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('account.represented.none')}</p>
          )}
        </section>
      )}
    </AccountLayout>
  );
}

export function ChangePasswordPage({ ctx, form, profile }: { ctx: ViewContext; form: FormState; profile: Pick<Profile, 'kind'> }) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('password.change.title')} profile={profile} current="/akun/sandi">
      <ErrorSummary
        ctx={ctx}
        errors={form.errors}
        labels={labels(t, { currentPassword: 'field.password.current', password: 'field.password.new', passwordConfirm: 'field.password.confirm' })}
      />
      <h1>{t('password.change.title')}</h1>
      <p class="lead">{t('password.change.lead')}</p>
      <PostForm ctx={ctx} action="/akun/sandi">
        <TextField ctx={ctx} form={form} name="currentPassword" type="password" label={t('field.password.current')} autocomplete="current-password" maxLength={200} />
        <PasswordFields ctx={ctx} form={form} />
        <button type="submit">{t('password.change.submit')}</button>
      </PostForm>
    </AccountLayout>
  );
}

function shortAgent(ua: string | null, t: T): string {
  if (!ua) return t('sessions.unknown_device');
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return browser && os ? `${browser} · ${os}` : ua.slice(0, 80);
}

export function SessionsPage({ ctx, profile, sessions, notice }: { ctx: ViewContext; profile: Pick<Profile, 'kind'>; sessions: SessionView[]; notice?: NoticeKey }) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('sessions.title')} profile={profile} current="/akun/sesi">
      <Notice ctx={ctx} notice={notice} />
      <h1>{t('sessions.title')}</h1>
      <p class="lead">{t('sessions.lead')}</p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption class="muted">{t('sessions.caption', { n: sessions.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col">{t('sessions.ip')}</th>
              <th scope="col">{t('sessions.created')}</th>
              <th scope="col">{t('sessions.last_seen')}</th>
              <th scope="col">
                <span class="muted">{t('sessions.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  <span title={s.userAgent ?? ''}>{shortAgent(s.userAgent, t)}</span> {s.current && <strong class="tag">{t('sessions.current')}</strong>}
                </td>
                <td>{s.ip ?? '—'}</td>
                <td>{ctx.dateTime(s.createdAt)}</td>
                <td>{ctx.dateTime(s.lastSeenAt)}</td>
                <td>
                  {!s.current && (
                    <PostForm ctx={ctx} action={`/akun/sesi/${s.id}/cabut`} class="inline">
                      <button type="submit" class="link">
                        {t('sessions.revoke')}
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('sessions.all.title')}</h2>
      <p>{t('sessions.all.hint')}</p>
      <PostForm ctx={ctx} action="/akun/sesi/keluar-semua">
        <button type="submit" class="button danger">
          {t('sessions.all.submit')}
        </button>
      </PostForm>
    </AccountLayout>
  );
}

// ---------------------------------------------------------------------------------------
// TOTP
// ---------------------------------------------------------------------------------------

export function TotpEnrolPage({
  ctx,
  form,
  profile,
  secretGrouped,
  qrDataUrl,
  required,
}: {
  ctx: ViewContext;
  form: FormState;
  profile: Pick<Profile, 'kind'>;
  secretGrouped: string;
  qrDataUrl: string;
  required: boolean;
}) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('totp.enrol.title')} profile={profile} current="/akun/keamanan/totp">
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, { code: 'field.totp_code' })} />
      <h1>{t('totp.enrol.title')}</h1>
      {required && <p class="notice warn">{t('totp.enrol.required')}</p>}
      <p class="lead">{t('totp.enrol.lead')}</p>
      <ol>
        <li>{t('totp.enrol.step1')}</li>
        <li>
          {t('totp.enrol.step2')}
          <p>
            <img src={qrDataUrl} width={200} height={200} alt={t('totp.enrol.qr_alt')} />
          </p>
          <p>
            {t('totp.enrol.manual')} <code>{secretGrouped}</code>
          </p>
        </li>
        <li>{t('totp.enrol.step3')}</li>
      </ol>
      <PostForm ctx={ctx} action="/akun/keamanan/totp">
        <TextField ctx={ctx} form={form} name="code" label={t('field.totp_code')} hint={t('field.totp_code.hint')} inputmode="numeric" autocomplete="one-time-code" maxLength={12} />
        <button type="submit">{t('totp.enrol.submit')}</button>
      </PostForm>
    </AccountLayout>
  );
}

export function TotpEnabledPage({
  ctx,
  form,
  profile,
  canDisable,
  recoveryLeft,
  notice,
}: {
  ctx: ViewContext;
  form: FormState;
  profile: Pick<Profile, 'kind'>;
  canDisable: boolean;
  /** Unused recovery codes. */
  recoveryLeft: number;
  notice?: NoticeKey;
}) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('totp.enabled.title')} profile={profile} current="/akun/keamanan/totp">
      <ErrorSummary
        ctx={ctx}
        errors={form.errors}
        labels={labels(t, { password: 'field.password', code: 'field.totp_code', regen_password: 'field.password', regen_code: 'field.totp_code' })}
      />
      <Notice ctx={ctx} notice={notice} />
      <h1>{t('totp.enabled.title')}</h1>
      <p class="lead">{t('totp.enabled.lead')}</p>
      <h2 id="kode-pemulihan">{t('recovery.title')}</h2>
      <p class={recoveryLeft <= 2 ? 'notice warn' : undefined}>
        {t('recovery.left', { count: recoveryLeft })} {recoveryLeft === 0 ? t('recovery.none_left') : recoveryLeft <= 2 ? t('recovery.low') : ''}
      </p>
      <details open={recoveryLeft <= 2 || form.errors.some((e) => e.field.startsWith('regen_'))}>
        <summary>{t('recovery.regenerate.title')}</summary>
        <p>{t('recovery.regenerate.hint')}</p>
        <PostForm ctx={ctx} action="/akun/keamanan/totp/kode-pemulihan">
          <TextField ctx={ctx} form={form} name="regen_password" type="password" label={t('field.password')} autocomplete="current-password" maxLength={200} />
          <TextField ctx={ctx} form={form} name="regen_code" label={t('field.totp_code')} inputmode="numeric" autocomplete="one-time-code" maxLength={12} />
          <button type="submit">{t('recovery.regenerate.submit')}</button>
        </PostForm>
      </details>
      {canDisable ? (
        <>
          <h2>{t('totp.disable.title')}</h2>
          <p>{t('totp.disable.hint')}</p>
          <PostForm ctx={ctx} action="/akun/keamanan/totp/nonaktif">
            <TextField ctx={ctx} form={form} name="password" type="password" label={t('field.password')} autocomplete="current-password" maxLength={200} />
            <TextField ctx={ctx} form={form} name="code" label={t('field.totp_code')} inputmode="numeric" autocomplete="one-time-code" maxLength={12} />
            <button type="submit" class="button danger">
              {t('totp.disable.submit')}
            </button>
          </PostForm>
        </>
      ) : (
        <p class="notice">{t('totp.admin_required')}</p>
      )}
    </AccountLayout>
  );
}

/**
 * The recovery codes, shown this once (at enrolment or after a regeneration), with a plain
 * text file to download (a data: link: nothing is kept on the server) and printing.
 */
export function RecoveryCodesPage({
  ctx,
  profile,
  codes,
  name,
  madeAt,
  notice,
}: {
  ctx: ViewContext;
  profile: Pick<Profile, 'kind'>;
  codes: string[];
  name: string;
  madeAt: Date;
  notice: 'totp_enabled' | 'recovery_regenerated';
}) {
  const { t } = ctx;
  const text = recoveryCodesText(t('recovery.file_title', { name }), [t('recovery.file_line1'), t('recovery.file_line2', { date: ctx.date(madeAt) })], codes);
  return (
    <AccountLayout ctx={ctx} title={t('recovery.title')} profile={profile} current="/akun/keamanan/totp">
      <div class="notice" role="status">
        <p>{t(notice === 'totp_enabled' ? 'notice.totp_enabled' : 'recovery.regenerated')}</p>
      </div>
      <h1>{t('recovery.title')}</h1>
      <p class="notice warn">{t('recovery.shown_once')}</p>
      <ol class="recovery-codes" aria-label={t('recovery.codes_label')}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button secondary" href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`} download="simpul-kode-pemulihan.txt">
          {t('recovery.download')}
        </a>
      </p>
      <p class="muted">{t('recovery.print_hint', { key: 'Ctrl+P' })}</p>
      <p>
        <a class="button" href="/akun/keamanan/totp">
          {t('recovery.done')}
        </a>
      </p>
    </AccountLayout>
  );
}

// ---------------------------------------------------------------------------------------
// API tokens (staff)
// ---------------------------------------------------------------------------------------

export function TokensPage({
  ctx,
  form,
  profile,
  tokens,
  created,
  notice,
  blocked,
}: {
  ctx: ViewContext;
  form: FormState;
  profile: Pick<Profile, 'kind'>;
  tokens: TokenView[];
  /** The token just created: shown this once. */
  created?: { name: string; token: string };
  notice?: NoticeKey;
  /** An administrator who must enrol TOTP first. */
  blocked?: boolean;
}) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('tokens.title')} profile={profile} current="/akun/token">
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, { name: 'field.token_name', expiresIn: 'field.token_expiry' })} />
      <Notice ctx={ctx} notice={notice} />
      <h1>{t('tokens.title')}</h1>
      <p class="lead">{t('tokens.lead')}</p>
      {created && (
        <div class="notice" role="status">
          <h2>{t('tokens.created.title', { name: created.name })}</h2>
          <p>{t('tokens.created.once')}</p>
          <p>
            <code id="new-token">{created.token}</code>
          </p>
        </div>
      )}
      {tokens.length ? (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.token_name')}</th>
                <th scope="col">{t('tokens.created_at')}</th>
                <th scope="col">{t('tokens.last_used')}</th>
                <th scope="col">{t('tokens.expires')}</th>
                <th scope="col">
                  <span class="muted">{t('sessions.action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>{ctx.dateTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? ctx.dateTime(k.lastUsedAt) : t('tokens.never_used')}</td>
                  <td>{k.expiresAt ? `${ctx.date(k.expiresAt)}${k.expired ? ` (${t('tokens.expired')})` : ''}` : t('tokens.no_expiry')}</td>
                  <td>
                    <PostForm ctx={ctx} action={`/akun/token/${k.id}/cabut`} class="inline">
                      <button type="submit" class="link">
                        {t('tokens.revoke')}
                      </button>
                    </PostForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('tokens.none')}</p>
      )}
      <h2>{t('tokens.new.title')}</h2>
      {blocked ? (
        <p class="notice warn">
          {t('error.mfa_required')} <a href="/akun/keamanan/totp">{t('account.totp.manage')}</a>
        </p>
      ) : (
        <PostForm ctx={ctx} action="/akun/token">
          <TextField ctx={ctx} form={form} name="name" label={t('field.token_name')} hint={t('field.token_name.hint')} maxLength={80} autocomplete="off" />
          <SelectField
            ctx={ctx}
            form={form}
            name="expiresIn"
            label={t('field.token_expiry')}
            value={form.values.expiresIn ?? '90'}
            options={tokenExpiryChoices.map((c) => ({ value: c, label: t(`tokens.expiry.${c}`) }))}
          />
          <button type="submit">{t('tokens.new.submit')}</button>
        </PostForm>
      )}
    </AccountLayout>
  );
}

// ---------------------------------------------------------------------------------------
// Business account
// ---------------------------------------------------------------------------------------

export function BusinessAccountPage({ ctx, form, business, notice, pageError }: { ctx: ViewContext; form: FormState; business: BusinessView; notice?: NoticeKey; pageError?: string }) {
  const { t } = ctx;
  return (
    <AccountLayout ctx={ctx} title={t('business.account.title')} profile={{ kind: 'business' }} current="/akun/usaha">
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels(t, { nik: 'field.nik', name: 'field.name', position: 'field.position' })} />
      <Notice ctx={ctx} notice={notice} />
      {pageError && (
        <div class="error-summary" role="alert">
          <p>{pageError}</p>
        </div>
      )}
      <h1>{business.name}</h1>
      <dl class="summary">
        <dt>{t('field.legal_form')}</dt>
        <dd>{t(messageKeyOr(`legal_form.${business.legalForm}`, 'value.unknown'))}</dd>
        <dt>{t('field.nib')}</dt>
        <dd>{business.nib}</dd>
        <dt>{t('field.npwp')}</dt>
        <dd>{business.npwp}</dd>
        <dt>{t('field.address')}</dt>
        <dd>{business.address ?? '—'}</dd>
      </dl>
      <h2>{t('business.reps.title')}</h2>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.nik')}</th>
              <th scope="col">{t('field.position')}</th>
              <th scope="col">{t('business.reps.since')}</th>
              <th scope="col">
                <span class="muted">{t('sessions.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {business.representatives.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.name} {!r.hasAccount && <span class="tag">{t('business.reps.no_account')}</span>}
                </td>
                <td>{r.nikMasked ?? '—'}</td>
                <td>{r.position}</td>
                <td>{ctx.date(r.since)}</td>
                <td>
                  {business.representatives.length > 1 && (
                    <PostForm ctx={ctx} action={`/akun/usaha/perwakilan/${r.id}/cabut`} class="inline">
                      <button type="submit" class="link">
                        {t('business.reps.revoke')}
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('business.reps.add.title')}</h2>
      <p>{t('business.reps.add.hint')}</p>
      <PostForm ctx={ctx} action="/akun/usaha/perwakilan">
        <TextField ctx={ctx} form={form} name="nik" label={t('field.nik')} inputmode="numeric" maxLength={40} autocomplete="off" />
        <TextField ctx={ctx} form={form} name="name" label={t('field.name')} hint={t('field.name.hint')} maxLength={120} autocomplete="off" />
        <TextField ctx={ctx} form={form} name="position" label={t('field.position')} hint={t('field.position.hint')} maxLength={80} autocomplete="off" />
        <button type="submit">{t('business.reps.add.submit')}</button>
      </PostForm>
    </AccountLayout>
  );
}
