// /akun/ubah (issue 11, item 3): the citizen changes his name and address, and his e-mail
// address and phone number through a code sent to the new one (identity.contact.ts). Bad input
// shows the page again with the message and what was typed (never the code).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityRouteDeps as Deps } from './identity.deps.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { provinceOfKode } from '../../platform/area/areas.ts';
import { AddressField, isAddressStep } from '../../platform/views/components/address-field.tsx';
import { ErrorSummary, PostForm, TextField } from '../../platform/views/forms.tsx';
import { accountAddressValues } from '../../platform/area/person-address.ts';
import { createAccountEditing, CHANGE_CODE_MINUTES, type ContactKind, type EditableAccount } from './identity.contact.ts';
import { AccountLayout, addressLabels } from './identity.views.tsx';
import { type MessageKey } from '../../platform/views/i18n.ts';

const ROOT = '/akun/ubah';
const notices = { profil: 'account.edit.saved', kode: 'account.edit.code_sent', email: 'account.edit.email_changed', telepon: 'account.edit.phone_changed' } as const;
const pathOf: Record<ContactKind, string> = { email: 'email', phone: 'telepon' };

type Forms = { profile?: FormState; email?: FormState; phone?: FormState; emailCode?: FormState; phoneCode?: FormState };

function localPhone(e164: string | null): string | null {
  return e164 && e164.startsWith('+62') ? `0${e164.slice(3)}` : e164;
}

function EditPage({ ctx, account, forms, notice }: { ctx: ViewContext; account: EditableAccount; forms: Forms; notice?: MessageKey }) {
  const { t } = ctx;
  const empty: FormState = { values: {}, errors: [] };
  // An address typed as free text before the area codes existed: shown, and kept as the street line until replaced.
  const legacy = !account.addressArea && account.address ? account.address : null;
  const profile = forms.profile ?? { values: { name: account.name, ...accountAddressValues('address', { area: account.addressArea, street: account.address }) }, errors: [] };
  const errs: FieldError[] = Object.values(forms).flatMap((f) => f?.errors ?? []);
  const labels = {
    name: t('account.edit.name'),
    address: t('account.edit.address'),
    ...addressLabels(ctx, 'address', t('account.edit.address')), email: t('account.edit.new_email'), phone: t('account.edit.new_phone'), code: t('account.edit.code') };
  const contact = (kind: ContactKind) => {
    const current = kind === 'email' ? account.email : localPhone(account.phone);
    const pending = kind === 'email' ? account.pending.email : localPhone(account.pending.phone);
    const codeForm = (kind === 'email' ? forms.emailCode : forms.phoneCode) ?? empty;
    return (
      <section aria-labelledby={`h-${kind}`} key={kind}>
        <h2 id={`h-${kind}`}>{t(`account.edit.${kind}`)}</h2>
        <p>{t('account.edit.current', { value: current ?? t('account.edit.none') })}</p>
        {pending && (
          <PostForm ctx={ctx} action={`${ROOT}/${pathOf[kind]}/konfirmasi`}>
            <p class="notice">{t('account.edit.pending', { value: pending, minutes: CHANGE_CODE_MINUTES })}</p>
            <TextField ctx={ctx} form={codeForm} name="code" label={t('account.edit.code')} inputmode="numeric" autocomplete="one-time-code" maxLength={6} />
            <button type="submit">{t('account.edit.confirm')}</button>
          </PostForm>
        )}
        <PostForm ctx={ctx} action={`${ROOT}/${pathOf[kind]}`}>
          <TextField
            ctx={ctx}
            form={(kind === 'email' ? forms.email : forms.phone) ?? empty}
            name={kind}
            type={kind === 'email' ? 'email' : 'tel'}
            label={t(kind === 'email' ? 'account.edit.new_email' : 'account.edit.new_phone')}
            hint={t('account.edit.code_hint')}
            autocomplete={kind === 'email' ? 'email' : 'tel'}
            maxLength={254}
          />
          <button type="submit" class="secondary">
            {t('account.edit.send_code')}
          </button>
        </PostForm>
      </section>
    );
  };
  return (
    <AccountLayout ctx={ctx} title={t('account.edit.title')} profile={{ kind: 'citizen' }} current={ROOT}>
      {notice && (
        <div class="notice" role="status">
          <p>{t(notice)}</p>
        </div>
      )}
      <h1>{t('account.edit.title')}</h1>
      <ErrorSummary ctx={ctx} errors={errs} labels={labels} />
      <section aria-labelledby="h-profile">
        <h2 id="h-profile">{t('account.edit.profile')}</h2>
        <PostForm ctx={ctx} action={ROOT}>
          <TextField ctx={ctx} form={profile} name="name" label={t('account.edit.name')} autocomplete="name" maxLength={120} />
          <AddressField
            ctx={ctx}
            name="address"
            legend={
              <>
                {t('account.edit.address')} <span class="muted">{t('form.optional')}</span>
              </>
            }
            values={profile.values}
            errors={profile.errors}
            defaultProvince={provinceOfKode(ctx.regionCode)}
            legacyText={legacy && !forms.profile ? legacy : null}
          />
          <button type="submit">{t('account.edit.save')}</button>
        </PostForm>
        <p class="hint">{t('account.edit.nik_note')}</p>
      </section>
      {contact('email')}
      {contact('phone')}
    </AccountLayout>
  );
}

export function registerAccountEditRoutes(app: FastifyInstance, deps: Deps): void {
  const editing = createAccountEditing({
    config: deps.config,
    database: deps.database,
    mailer: deps.mailer,
    sendSms: async (trx, m) => {
      await deps.notifications.sendShortMessage(trx, { channel: 'sms', to: m.to, text: m.text, userId: m.userId, event: 'phone_change_code', secrets: m.secrets, secretsExpireAt: m.secretsExpireAt });
    },
  });
  const body = (request: FastifyRequest): Record<string, unknown> => (request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {});
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 400) : '');

  async function show(request: FastifyRequest, reply: FastifyReply, forms: Forms = {}, status = 200, notice?: MessageKey) {
    const actor = editing.requireCitizen(request.actor);
    const ctx = await app.viewContext(request, reply);
    return reply.page(EditPage({ ctx, account: await editing.load(actor.userId), forms, notice }), status);
  }

  /** Runs a change; a 4xx with field errors shows the page again with `form` holding them. */
  async function attempt(request: FastifyRequest, reply: FastifyReply, which: keyof Forms, values: Record<string, string>, run: () => Promise<void>, done: string) {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || !err.fields) throw err;
      return show(request, reply, { [which]: { values, errors: err.fields } }, err.status);
    }
    return reply.redirect(`${ROOT}?pesan=${done}`, 303);
  }

  app.get<{ Querystring: { pesan?: string } }>(ROOT, async (request, reply) => {
    const key = request.query.pesan as keyof typeof notices | undefined;
    return show(request, reply, {}, 200, key && key in notices ? notices[key] : undefined);
  });

  app.post(ROOT, async (request, reply) => {
    const b = body(request);
    const values: Record<string, string> = { name: str(b.name) };
    for (const l of ['province', 'regency', 'district', 'village', 'street']) values[`address.${l}`] = str(b[`address.${l}`]);
    // "Pilih" without JavaScript: the form again with the next level's choices, nothing saved.
    if (isAddressStep(b)) return show(request, reply, { profile: { values, errors: [] } });
    return attempt(request, reply, 'profile', values, () => editing.updateProfile({ actor: editing.requireCitizen(request.actor), meta: request.meta }, { name: values.name, address: values }), 'profil');
  });

  for (const kind of ['email', 'phone'] as const) {
    app.post(`${ROOT}/${pathOf[kind]}`, async (request, reply) => {
      const value = str(body(request)[kind]);
      return attempt(request, reply, kind, { [kind]: value }, () => editing.requestChange({ actor: editing.requireCitizen(request.actor), meta: request.meta }, kind, value), 'kode');
    });
    app.post(`${ROOT}/${pathOf[kind]}/konfirmasi`, async (request, reply) => {
      const code = str(body(request).code);
      return attempt(request, reply, kind === 'email' ? 'emailCode' : 'phoneCode', {}, () => editing.confirmChange({ actor: editing.requireCitizen(request.actor), meta: request.meta }, kind, code), pathOf[kind]);
    });
  }
}
