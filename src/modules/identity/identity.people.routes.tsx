// Back-office people pages (issue 11, item 3): /kelola/warga — look a citizen up (masked) —
// and /kelola/warga/:id — the person, with the NIK change through staff (identity.people.ts).
// The search is POSTed, so a typed NIK or e-mail never appears in a URL (nor in access logs
// or the browser's history).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Executor } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { can } from '../../platform/auth/policy.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { DataTable, shortDate, StatusTag, SummaryList } from '../../platform/views/components/index.ts';
import { emptyForm, type FormState, type ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, PostForm, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { createPeople, type PersonSummary } from './identity.people.ts';
import { messageKeyOr } from '../../platform/views/i18n.ts';

export const ROOT_PEOPLE = '/kelola/warga';
const personPath = (id: string) => `${ROOT_PEOPLE}/${encodeURIComponent(id)}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

defineMenuLink({ href: ROOT_PEOPLE, labelKey: 'people.menu', action: 'identity.person.read', area: 'system', order: 15 });

function Crumbs({ ctx, person }: { ctx: ViewContext; person?: boolean }) {
  return (
    <nav aria-label={ctx.t('people.crumbs')} class="crumbs">
      <ul>
        <li>
          <a href="/kelola">{ctx.t('nav.backoffice')}</a>
        </li>
        {person && (
          <li>
            <a href={ROOT_PEOPLE}>{ctx.t('people.title')}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

const statusTone = (s: string) => (s === 'active' ? 'success' : s === 'pending' ? 'info' : 'neutral');

export function PeopleSearchPage({ ctx, q, result }: { ctx: ViewContext; q: string; result?: { items: PersonSummary[]; problem?: 'too_short' } }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('people.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('people.title')}</h1>
      <p class="lead">{t('people.lead')}</p>
      <PostForm ctx={ctx} action={ROOT_PEOPLE} class="filter-bar">
        <div class={`field${result?.problem ? ' field-error' : ''}`}>
          <label for="f-q">{t('people.search')}</label>
          {result?.problem && (
            <p class="error-message" id="f-q-error">
              {t('people.too_short')}
            </p>
          )}
          <input id="f-q" name="q" type="search" value={q} maxLength={120} autocomplete="off" aria-invalid={result?.problem ? 'true' : undefined} aria-describedby={result?.problem ? 'f-q-error' : undefined} />
        </div>
        <p>
          <button type="submit">{t('ui.filter.apply')}</button>
        </p>
      </PostForm>
      {result && !result.problem && (
        <>
          <h2>{t('people.count', { count: result.items.length })}</h2>
          <DataTable
            ctx={ctx}
            caption={t('people.title')}
            captionHidden
            rows={result.items}
            rowKey={(p) => p.id}
            empty={t('people.none')}
            columns={[
              { key: 'name', label: t('people.col.name'), primary: true, cell: (p) => <a href={personPath(p.id)}>{p.name}</a> },
              { key: 'nik', label: t('people.col.nik'), nowrap: true, cell: (p) => p.nikMasked ?? '—' },
              { key: 'email', label: t('people.col.email'), cell: (p) => p.emailMasked ?? '—' },
              { key: 'status', label: t('people.col.status'), cell: (p) => <StatusTag tone={statusTone(p.status)}>{t(messageKeyOr(`people.status.${p.status}`, 'value.unknown'))}</StatusTag> },
              { key: 'created', label: t('people.col.created'), nowrap: true, cell: (p) => shortDate(ctx, p.createdAt) },
            ]}
          />
        </>
      )}
    </Layout>
  );
}

export function PersonPage({ ctx, person, canChangeNik, form, done }: { ctx: ViewContext; person: PersonSummary; canChangeNik: boolean; form: FormState; done?: boolean }) {
  const { t } = ctx;
  const labels = { nik: t('people.nik.new'), reason: t('people.nik.reason'), documentRef: t('people.nik.document') };
  return (
    <Layout ctx={ctx} title={t('people.person.title', { name: person.name })} face="backoffice">
      <Crumbs ctx={ctx} person />
      {done && (
        <div class="notice" role="status">
          <p>{t('people.nik.done')}</p>
        </div>
      )}
      <ErrorSummary ctx={ctx} errors={form.errors} labels={labels} />
      <h1>{t('people.person.title', { name: person.name })}</h1>
      <SummaryList
        rows={[
          { label: t('people.col.name'), value: person.name },
          { label: t('people.col.nik'), value: person.nikMasked },
          { label: t('people.col.email'), value: person.emailMasked },
          { label: t('people.col.phone'), value: person.phoneMasked },
          { label: t('people.col.status'), value: <StatusTag tone={statusTone(person.status)}>{t(messageKeyOr(`people.status.${person.status}`, 'value.unknown'))}</StatusTag> },
          { label: t('people.col.created'), value: ctx.date(person.createdAt) },
        ]}
      />
      {canChangeNik && (
        <section aria-labelledby="h-nik" class="action-panel">
          <h2 id="h-nik">{t('people.nik.title')}</h2>
          <p class="muted">{t('people.nik.lead')}</p>
          <PostForm ctx={ctx} action={`${personPath(person.id)}/nik`}>
            <TextField ctx={ctx} form={form} name="nik" label={labels.nik} hint={t('people.nik.new_hint')} inputmode="numeric" autocomplete="off" maxLength={20} />
            <TextAreaField ctx={ctx} form={form} name="reason" label={labels.reason} hint={t('people.nik.reason_hint')} maxLength={500} />
            <TextField ctx={ctx} form={form} name="documentRef" label={labels.documentRef} hint={t('people.nik.document_hint')} maxLength={120} />
            <button type="submit">{t('people.nik.submit')}</button>
          </PostForm>
        </section>
      )}
      <p>
        <a href={ROOT_PEOPLE}>{t('people.back')}</a>
      </p>
    </Layout>
  );
}

/** What the people pages need from the application (a structural part of its Deps). */
export interface PeopleRouteDeps {
  database: Database;
  mailer: Mailer;
  config: { baseUrl: string };
  notifications: { sendShortMessage(trx: Executor, msg: { channel: 'sms'; to: string; text: string; userId: string; event: string }): Promise<unknown> };
}

export function registerPeopleRoutes(app: FastifyInstance, deps: PeopleRouteDeps): void {
  const people = createPeople({
    database: deps.database,
    mailer: deps.mailer,
    baseUrl: deps.config.baseUrl,
    sendSms: async (trx, m) => {
      await deps.notifications.sendShortMessage(trx, { channel: 'sms', to: m.to, text: m.text, userId: m.userId, event: 'nik_changed' });
    },
  });
  const body = (request: FastifyRequest): Record<string, unknown> => (request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {});
  const str = (v: unknown, max = 600) => (typeof v === 'string' ? v.slice(0, max) : '');

  app.get(ROOT_PEOPLE, async (request, reply) => {
    await people.search(request.actor, ''); // authorises
    const ctx = await app.viewContext(request, reply);
    return reply.page(PeopleSearchPage({ ctx, q: '' }));
  });

  app.post(ROOT_PEOPLE, async (request, reply) => {
    const q = str(body(request).q, 120);
    const result = await people.search(request.actor, q);
    const ctx = await app.viewContext(request, reply);
    reply.header('cache-control', 'no-store');
    // A typed NIK is not shown back (the rows show it masked); names and e-mails are.
    const shown = /^\d{16}$/.test(q.replace(/[\s.]/g, '')) ? '' : q;
    return reply.page(PeopleSearchPage({ ctx, q: shown, result }), result.problem ? 422 : 200);
  });

  async function show(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, form: FormState, status = 200, done = false) {
    if (!UUID.test(request.params.id)) throw errors.notFound();
    const person = await people.get(request.actor, request.params.id);
    const ctx = await app.viewContext(request, reply);
    return reply.page(PersonPage({ ctx, person, canChangeNik: can(request.actor, 'identity.person.nik_change'), form, done }), status);
  }

  app.get<{ Params: { id: string }; Querystring: { ok?: string } }>(`${ROOT_PEOPLE}/:id`, async (request, reply) => show(request, reply, emptyForm, 200, request.query.ok === 'nik'));

  app.post<{ Params: { id: string } }>(`${ROOT_PEOPLE}/:id/nik`, async (request, reply) => {
    if (!UUID.test(request.params.id)) throw errors.notFound();
    const b = body(request);
    const values = { nik: str(b.nik, 40), reason: str(b.reason), documentRef: str(b.documentRef, 200) };
    try {
      await people.changeNik({ actor: request.actor, meta: request.meta }, request.params.id, values);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422 || !err.fields) throw err;
      return show(request, reply, { values, errors: err.fields }, 422);
    }
    return reply.redirect(`${personPath(request.params.id)}?ok=nik`, 303);
  });
}
