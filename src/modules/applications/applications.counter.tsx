// Counter filing (P-1): a counter officer finds the person by NIK (or registers a walk-in
// person without e-mail), fills the service's form on his behalf and prints the receipt. The
// application is the person's own (channel 'counter', filed_by the officer): he sees it in
// his account and can track it.
import { provinceOfKode } from '../../platform/area/areas.ts';
import { AddressField, isAddressStep } from '../../platform/views/components/address-field.tsx';
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApplicationsDeps as Deps } from './applications.deps.ts';
import { recordPersonalDataAccess } from '../../platform/privacy/access-log.ts';
import { agenciesFor, authorize } from '../../platform/auth/policy.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import { registerUploads, uploadStatus } from '../../platform/storage/uploads.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import type { ServiceSummary } from '../catalog/index.ts';
import type { RenderValues } from '../catalog/index.ts';
import { maskNik, nikMatch, openPerson, validateNik } from '../identity/index.ts';
import { registerWalkInPerson } from '../identity/index.ts';
import { readAccountAddress } from '../../platform/area/person-address.ts';
import { addressDefaults, counterForm, prefillValues } from './applications.service.ts';
import { splitBody } from './applications.routes.tsx';
import { ApplyPage } from './applications.views.tsx';
import './applications.policy.ts';

const ROOT = '/kelola/loket';
const ACTION = 'applications.counter.file';
defineMenuLink({ href: ROOT, labelKey: 'applications.counter.menu', action: ACTION, area: 'services', order: 15 });

interface Person {
  id: string;
  name: string;
  nik: string | null;
}

function CounterPage({
  ctx,
  person,
  services,
  walkIn,
  errors: errs = [],
  nik = '',
  values = {},
}: {
  ctx: ViewContext;
  person?: Person;
  services?: ServiceSummary[];
  walkIn?: boolean;
  errors?: FieldError[];
  nik?: string;
  /** What the officer typed for the walk-in (kept on errors and on the address's "Pilih"). */
  values?: Record<string, string>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('applications.counter.title')} face="backoffice">
      <h1>{t('applications.counter.title')}</h1>
      <ErrorSummary
        ctx={ctx}
        errors={errs}
        labels={{
          nik: 'NIK',
          name: t('applications.counter.name'),
          phone: t('applications.counter.phone'),
          ...Object.fromEntries((['province', 'regency', 'district', 'village', 'street'] as const).map((l) => [`address.${l}`, `${t('applications.counter.address')} (${t(`ui.address.${l}`).toLowerCase()})`])),
        }}
      />
      <form method="post" action={ROOT} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="f-nik">{t('applications.counter.find_nik')}</label>
          <input id="f-nik" name="nik" type="text" inputMode="numeric" maxLength={16} autocomplete="off" value={walkIn ? nik : ''} />
        </div>
        <button type="submit">{t('applications.counter.find')}</button>
      </form>
      <form method="get" action={`${ROOT}/tanda-terima`} class="reprint">
        <div class="field">
          <label for="f-reprint">{t('applications.receipt.reprint.title')}</label>
          <p class="hint" id="f-reprint-hint">{t('applications.receipt.reprint.hint')}</p>
          <input id="f-reprint" name="nomor" type="text" maxLength={60} autocomplete="off" aria-describedby="f-reprint-hint" />
        </div>
        <button type="submit" class="secondary">{t('applications.receipt.pdf.download')}</button>
      </form>
      {walkIn && (
        <section>
          <h2>{t('applications.counter.walk_in')}</h2>
          <p class="hint">{t('applications.counter.walk_in_hint')}</p>
          <form method="post" action={`${ROOT}/warga`} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="nik" value={nik} />
            <div class="field">
              <label for="f-name">{t('applications.counter.name')}</label>
              <input id="f-name" name="name" type="text" maxLength={120} value={values.name ?? ''} />
            </div>
            <div class="field">
              <label for="f-phone">
                {t('applications.counter.phone')} <span class="muted">{t('form.optional')}</span>
              </label>
              <input id="f-phone" name="phone" type="tel" value={values.phone ?? ''} />
            </div>
            <AddressField
              ctx={ctx}
              name="address"
              legend={
                <>
                  {t('applications.counter.address')} <span class="muted">{t('form.optional')}</span>
                </>
              }
              values={values}
              errors={errs}
              defaultProvince={provinceOfKode(ctx.regionCode)}
            />
            <button type="submit">{t('applications.counter.register')}</button>
          </form>
        </section>
      )}
      {person && (
        <section>
          <h2>
            {person.name} {person.nik ? `· NIK ${maskNik(person.nik)}` : ''}
          </h2>
          <h3>{t('applications.counter.choose_service')}</h3>
          <ul>
            {(services ?? []).map((s) => (
              <li key={s.id}>
                <a href={`${ROOT}/layanan/${s.slug}?pemohon=${person.id}`}>{s.name}</a> <span class="muted">{s.agencyName}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

export function registerCounterRoutes(app: FastifyInstance, deps: Deps): void {
  const { applications, catalog } = deps;
  const db = deps.database.db;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  async function personById(id: unknown): Promise<Person> {
    if (typeof id !== 'string' || !uuid.test(id)) throw errors.notFound();
    const u = await db.selectFrom('users').select(['id', 'name', 'nik', 'kind']).where('id', '=', id).executeTakeFirst().then((r) => r && openPerson(r));
    if (!u || (u.kind !== 'citizen' && u.kind !== 'business')) throw errors.notFound();
    return u;
  }

  async function counterServices(request: FastifyRequest): Promise<ServiceSummary[]> {
    const scope = agenciesFor(request.actor, ACTION);
    const { items } = await catalog.listPublished({ limit: 500 });
    return items.filter((s) => s.channels.includes('counter') && (scope === 'all' || scope.includes(s.agencyId)));
  }

  app.get<{ Querystring: { pemohon?: string } }>(ROOT, async (request, reply) => {
    authorize(request.actor, ACTION);
    const ctx = await app.viewContext(request, reply);
    if (!request.query.pemohon) return reply.page(CounterPage({ ctx }));
    const person = await personById(request.query.pemohon);
    await recordPersonalDataAccess(db, { actor: request.actor, meta: request.meta }, { subjectUserId: person.id, kinds: ['name', 'nik'], purpose: 'counter', channel: 'page' });
    return reply.page(CounterPage({ ctx, person, services: await counterServices(request) }));
  });

  app.post<{ Body: { nik?: unknown } }>(ROOT, async (request, reply) => {
    authorize(request.actor, ACTION);
    const raw = typeof request.body?.nik === 'string' ? request.body.nik : '';
    const nik = validateNik(raw);
    const ctx = await app.viewContext(request, reply);
    if (!nik.ok) return reply.page(CounterPage({ ctx, errors: [{ field: 'nik', key: 'applications.v.nik' }] }), 422);
    const u = await db.selectFrom('users').select(['id', 'kind']).where(nikMatch(nik.nik)).executeTakeFirst();
    if (u && (u.kind === 'citizen' || u.kind === 'business')) return reply.redirect(`${ROOT}?pemohon=${u.id}`, 303);
    return reply.page(CounterPage({ ctx, walkIn: true, nik: nik.nik }));
  });

  app.post<{ Body: Record<string, unknown> }>(`${ROOT}/warga`, async (request, reply) => {
    authorize(request.actor, ACTION);
    const b = request.body ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 400) : '');
    const values: Record<string, string> = { name: str(b.name), phone: str(b.phone) };
    for (const l of ['province', 'regency', 'district', 'village', 'street']) values[`address.${l}`] = str(b[`address.${l}`]);
    const again = async (errs: FieldError[], status: number) => {
      const ctx = await app.viewContext(request, reply);
      return reply.page(CounterPage({ ctx, walkIn: true, nik: str(b.nik), values, errors: errs }), status);
    };
    // "Pilih" of the address without JavaScript: the form again with the next level's choices.
    if (isAddressStep(b)) return again([], 200);
    const address = readAccountAddress(values, 'address');
    if (address.errors.length) return again(address.errors, 422);
    const res = await db.transaction().execute((trx) =>
      registerWalkInPerson(trx, { actor: request.actor, meta: request.meta }, { name: values.name!, nik: str(b.nik), phone: values.phone, address: address.value }),
    );
    if (!res.ok) {
      const key = res.field === 'nik' ? 'applications.v.nik' : res.field === 'phone' ? 'applications.v.phone' : 'applications.counter.name_invalid';
      return again([{ field: res.field, key }], 422);
    }
    return reply.redirect(`${ROOT}?pemohon=${res.userId}`, 303);
  });

  async function counterService(request: FastifyRequest<{ Params: { slug: string } }>) {
    const s = await catalog.getPublished(request.params.slug);
    if (!s || !s.content.channels.includes('counter')) throw errors.notFound();
    authorize(request.actor, ACTION, { agencyId: s.agency.id });
    return s;
  }

  async function showForm(
    request: FastifyRequest<{ Params: { slug: string }; Querystring: { pemohon?: string } }>,
    reply: FastifyReply,
    opts: { values?: RenderValues; errors?: FieldError[]; status?: number; key?: string } = {},
  ) {
    const s = await counterService(request);
    const person = await personById(request.query.pemohon);
    if (request.method === 'GET') await recordPersonalDataAccess(db, { actor: request.actor, meta: request.meta }, { subjectUserId: person.id, kinds: ['name', 'nik', 'address', 'phone'], purpose: 'counter', channel: 'page', agencyId: s.agency.id });
    const prefill = await applications.prefillFor(person.id);
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      ApplyPage({
        ctx,
        s,
        form: counterForm(s.form),
        prefilled: prefillValues(s.form, prefill),
        values: opts.values ?? addressDefaults(s.form, prefill),
        errors: opts.errors ?? [],
        attachments: [],
        idempotencyKey: opts.key ?? crypto.randomUUID(),
        action: `${ROOT}/layanan/${s.slug}?pemohon=${person.id}`,
        applicantNote: ctx.t('applications.apply.counter_for', { name: person.name }),
        allowDraft: false,
        accountLink: false,
      }),
      opts.status ?? 200,
    );
  }

  app.get<{ Params: { slug: string }; Querystring: { pemohon?: string } }>(`${ROOT}/layanan/:slug`, async (request, reply) => showForm(request, reply));

  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: deps.config.uploadMaxBytes, maxFiles: 20 });
    scope.post<{ Params: { slug: string }; Querystring: { pemohon?: string } }>(`${ROOT}/layanan/:slug`, async (request, reply) => {
      const s = await counterService(request);
      const person = await personById(request.query.pemohon);
      const { values, files } = splitBody(request.body);
      const key = typeof values.idempotency_key === 'string' ? values.idempotency_key : undefined;
      // "Pilih" of an address field without JavaScript: the form again, with the next choices.
      if (isAddressStep(values)) return showForm(request, reply, { values, key });
      try {
        const res = await applications.save({
          service: s,
          applicantId: person.id,
          values,
          files,
          submit: true,
          idempotencyKey: key,
          channel: 'counter',
          filedBy: request.actor!.userId,
          who: { actor: request.actor, meta: request.meta },
        });
        return reply.redirect(`/permohonan/${res.trackingNumber}/tanda-terima`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        return showForm(request, reply, { values, errors: err.fields ?? [], status: uploadStatus(files), key });
      }
    });
  });
}
