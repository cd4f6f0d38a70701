// Whistleblowing system (C-2) at /wbs: a report of wrongdoing by officials, no account, may be
// anonymous. The reporter gets a secret follow-up code shown once; only its SHA-256 is stored,
// so a lost code cannot be recovered and a guessed one finds nothing (the same answer as any
// unknown code, guessing slowed per address). Reporter and investigators exchange messages
// through the code. Only the investigating unit (role wbs_investigator, typically the
// Inspektorat) reads reports — not super administrators — and every read is audited.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import { authorize, definePolicy } from '../../platform/auth/policy.ts';
import type { RegionTimeZone } from '../../platform/calendar/working-time.ts';
import { localDateOf } from '../../platform/calendar/working-time.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { errors, type FieldError } from '../../platform/http/errors.ts';
import { hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { DataTable, StatusTag, SummaryList } from '../../platform/views/components/index.ts';
import { shortDateTime } from '../../platform/views/components/index.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { TRACKING_ALPHABET } from './complaints.rules.ts';
import type { ComplaintTables } from './complaints.tables.ts';
import { messageKeyOr } from '../../platform/views/i18n.ts';

definePolicy({
  /** Read and answer whistleblowing reports: the investigating unit only (not super admins). */
  'wbs.investigate': { roles: ['wbs_investigator'], scope: 'region' },
});

export const WBS_PATH = '/wbs';
export const ADMIN_WBS_PATH = '/kelola/wbs';
defineMenuLink({ href: ADMIN_WBS_PATH, labelKey: 'wbs.admin.title', action: 'wbs.investigate', area: 'services', order: 31 });

const TEXT_MAX = 6000;
const LOOKUP_LIMIT = 10;
const LOOKUP_WINDOW_SECONDS = 15 * 60;
const statuses = ['diterima', 'diperiksa', 'selesai', 'ditolak'] as const;
type WbsStatus = (typeof statuses)[number];

const sha = (v: string) => crypto.createHash('sha256').update(`simpul-wbs-v1:${v}`).digest('hex');
export const normaliseWbsCode = (raw: string) => raw.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16);
function newCode(): string {
  const bytes = crypto.randomBytes(16);
  const c = [...bytes].map((b) => TRACKING_ALPHABET[b % TRACKING_ALPHABET.length]).join('');
  return c.match(/.{4}/g)!.join('-');
}

type WDB = Kysely<DB & ComplaintTables>;

export function createWbs(deps: { database: Database; region(): Promise<{ timeZone: string }> }) {
  const db = deps.database.db.withTables<ComplaintTables>() as unknown as WDB;

  async function byCode(code: string) {
    const c = normaliseWbsCode(code);
    if (c.length !== 16) return null;
    return (await db.selectFrom('wbs_reports').selectAll().where('code_hash', '=', sha(c)).executeTakeFirst()) ?? null;
  }
  const messagesOf = (id: string) => db.selectFrom('wbs_messages').select(['sender', 'body', 'created_at']).where('report_id', '=', id).orderBy('created_at').orderBy('id').execute();

  return {
    async submit(input: { title: string; body: string; name: string; contact: string }, now = new Date()): Promise<{ number: string; code: string }> {
      const errs: FieldError[] = [];
      const title = input.title.trim();
      const body = input.body.trim();
      if (title.length < 5 || title.length > 150) errs.push({ field: 'title', key: 'wbs.v.title' });
      if (body.length < 30 || body.length > TEXT_MAX) errs.push({ field: 'body', key: 'wbs.v.body', params: { max: TEXT_MAX } });
      if (errs.length) throw errors.validation(errs);
      const tz = (await deps.region()).timeZone as RegionTimeZone;
      const code = newCode();
      return db.transaction().execute(async (trx) => {
        const seq = await trx.selectNoFrom((eb) => eb.fn<string>('nextval', [eb.val('wbs_number_seq')]).as('n')).executeTakeFirstOrThrow();
        const number = `WBS-${localDateOf(tz, now).slice(0, 4)}-${String(seq.n).padStart(6, '0')}`;
        const row = await trx
          .insertInto('wbs_reports')
          .values({ number, code_hash: sha(normaliseWbsCode(code)), title, body, reporter_name: input.name.trim().slice(0, 120) || null, reporter_contact: input.contact.trim().slice(0, 200) || null, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        // The trail records that a report arrived, never its content or the reporter.
        await recordAudit(trx as never, { actor: null, label: 'pelapor WBS' }, { action: 'wbs.submit', entityType: 'wbs_report', entityId: row.id, after: { number } });
        return { number, code };
      });
    },

    /** The reporter's view by code; null for an unknown code. */
    async follow(code: string) {
      const r = await byCode(code);
      if (!r) return null;
      return { number: r.number, title: r.title, status: r.status as WbsStatus, createdAt: r.created_at, messages: await messagesOf(r.id) };
    },

    async reporterMessage(code: string, body: string): Promise<boolean> {
      const r = await byCode(code);
      if (!r) return false;
      const text = body.trim().slice(0, TEXT_MAX);
      if (!text) throw errors.validation([{ field: 'message', key: 'wbs.v.message' }]);
      await db.insertInto('wbs_messages').values({ report_id: r.id, sender: 'reporter', body: text }).execute();
      return true;
    },

    async list(who: { actor: FastifyRequest['actor']; meta?: FastifyRequest['meta'] }) {
      authorize(who.actor, 'wbs.investigate');
      return db.selectFrom('wbs_reports').select(['id', 'number', 'title', 'status', 'created_at']).orderBy('created_at', 'desc').limit(500).execute();
    },

    /** One report for the investigating unit; the read is audited. */
    async read(who: { actor: FastifyRequest['actor']; meta?: FastifyRequest['meta'] }, id: string) {
      authorize(who.actor, 'wbs.investigate');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      const r = await db.selectFrom('wbs_reports').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) throw errors.notFound();
      await recordAudit(deps.database.db, who, { action: 'wbs.read', entityType: 'wbs_report', entityId: id });
      return { ...r, messages: await messagesOf(id) };
    },

    async answer(who: { actor: FastifyRequest['actor']; meta?: FastifyRequest['meta'] }, id: string, body: string, status: string) {
      authorize(who.actor, 'wbs.investigate');
      const text = body.trim().slice(0, TEXT_MAX);
      const next = (statuses as readonly string[]).includes(status) ? (status as WbsStatus) : null;
      if (!text && !next) throw errors.validation([{ field: 'message', key: 'wbs.v.message' }]);
      const actor = who.actor;
      await db.transaction().execute(async (trx) => {
        const r = await trx.selectFrom('wbs_reports').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!r) throw errors.notFound();
        if (text) await trx.insertInto('wbs_messages').values({ report_id: id, sender: 'investigator', author_id: actor.userId, body: text }).execute();
        if (next && next !== r.status) await trx.updateTable('wbs_reports').set({ status: next, updated_at: new Date() }).where('id', '=', id).execute();
        await recordAudit(trx as never, who, { action: 'wbs.answer', entityType: 'wbs_report', entityId: id, before: { status: r.status }, after: { status: next ?? r.status, message: text ? true : false } });
      });
    },
  };
}

export type Wbs = ReturnType<typeof createWbs>;

const StatusWord = ({ ctx, s }: { ctx: ViewContext; s: string }) => <StatusTag tone={s === 'selesai' ? 'success' : s === 'ditolak' ? 'neutral' : 'info'}>{ctx.t(messageKeyOr(`wbs.status.${s}`, 'value.unknown'))}</StatusTag>;

function Messages({ ctx, messages }: { ctx: ViewContext; messages: { sender: string; body: string; created_at: Date }[] }) {
  if (!messages.length) return <p class="muted">{ctx.t('wbs.messages.none')}</p>;
  return (
    <ol class="timeline">
      {messages.map((m, i) => (
        <li key={i}>
          <strong>{ctx.t(messageKeyOr(`wbs.sender.${m.sender}`, 'value.unknown'))}</strong> <span class="muted">{ctx.dateTime(m.created_at)}</span>
          <p class="pre">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

function SubmitPage({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('wbs.title')}>
      <h1>{t('wbs.title')}</h1>
      <p>{t('wbs.intro')}</p>
      <p>
        <a href={`${WBS_PATH}/lacak`}>{t('wbs.follow.link')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ title: t('wbs.f.title'), body: t('wbs.f.body') }} />
      <form method="post" action={WBS_PATH} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField ctx={ctx} form={form} name="title" label={t('wbs.f.title')} maxLength={150} />
        <TextAreaField ctx={ctx} form={form} name="body" label={t('wbs.f.body')} hint={t('wbs.f.body_hint')} rows={10} maxLength={TEXT_MAX} />
        <TextField ctx={ctx} form={form} name="name" label={t('wbs.f.name')} required={false} hint={t('wbs.f.anonymous_hint')} maxLength={120} />
        <TextField ctx={ctx} form={form} name="contact" label={t('wbs.f.contact')} required={false} maxLength={200} />
        <button type="submit">{t('wbs.submit')}</button>
      </form>
    </Layout>
  );
}

function FollowPage({ ctx, code, report, notFound, errors: errs }: { ctx: ViewContext; code: string; report?: Awaited<ReturnType<Wbs['follow']>>; notFound?: boolean; errors?: FieldError[] }) {
  const { t } = ctx;
  const form: FormState = { values: {}, errors: errs ?? [] };
  return (
    <Layout ctx={ctx} title={t('wbs.follow.title')}>
      <h1>{t('wbs.follow.title')}</h1>
      <form method="post" action={`${WBS_PATH}/lacak`} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class="field">
          <label for="f-kode">{t('wbs.code')}</label>
          <input id="f-kode" name="kode" type="password" autocomplete="off" maxLength={30} value={code} />
        </div>
        <button type="submit">{t('wbs.follow.submit')}</button>
      </form>
      {notFound && (
        <p class="notice" role="status">
          {t('wbs.follow.not_found')}
        </p>
      )}
      {report && (
        <section>
          <SummaryList
            rows={[
              { label: t('wbs.number'), value: report.number },
              { label: t('wbs.f.title'), value: report.title },
              { label: t('wbs.status'), value: <StatusWord ctx={ctx} s={report.status} /> },
              { label: t('wbs.created'), value: ctx.dateTime(report.createdAt) },
            ]}
          />
          <h2>{t('wbs.messages')}</h2>
          <Messages ctx={ctx} messages={report.messages} />
          <ErrorSummary ctx={ctx} errors={form.errors} labels={{ message: t('wbs.message') }} />
          <form method="post" action={`${WBS_PATH}/lacak/pesan`} novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="kode" value={code} />
            <TextAreaField ctx={ctx} form={form} name="message" label={t('wbs.message')} rows={4} maxLength={TEXT_MAX} />
            <button type="submit">{t('wbs.send')}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function registerWbsRoutes(app: FastifyInstance, deps: { wbs: Wbs; database: Database }): void {
  const { wbs } = deps;
  const str = (v: unknown, max = TEXT_MAX + 100) => (typeof v === 'string' ? v.slice(0, max) : '');
  const body = (r: FastifyRequest) => (r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {});
  const slow = async (request: FastifyRequest) => {
    const r = await hitRateLimit(deps.database.db, rateKey('wbs:ip', request.ip ?? 'unknown'), LOOKUP_LIMIT, LOOKUP_WINDOW_SECONDS);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
  };
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get(WBS_PATH, async (request, reply) => reply.page(SubmitPage({ ctx: await app.viewContext(request, reply), form: { values: {}, errors: [] } })));
  app.post(WBS_PATH, async (request, reply) => {
    const b = body(request);
    await slow(request);
    const ctx = await app.viewContext(request, reply);
    try {
      const r = await wbs.submit({ title: str(b.title, 300), body: str(b.body), name: str(b.name, 120), contact: str(b.contact, 200) });
      noStore(reply);
      return reply.page(
        <Layout ctx={ctx} title={ctx.t('wbs.received.title')}>
          <h1>{ctx.t('wbs.received.title')}</h1>
          <p class="notice" role="status">
            {ctx.t('wbs.received.intro', { number: r.number })}
          </p>
          <SummaryList rows={[{ label: ctx.t('wbs.number'), value: r.number }, { label: ctx.t('wbs.code'), value: <strong class="mono">{r.code}</strong> }]} />
          <p>{ctx.t('wbs.received.keep')}</p>
          <p>
            <a href={`${WBS_PATH}/lacak`}>{ctx.t('wbs.follow.link')}</a>
          </p>
        </Layout>,
        201,
      );
    } catch (e) {
      const fields = (e as { fields?: FieldError[] }).fields;
      if (fields) {
        const values: Record<string, string> = {};
        for (const k of ['title', 'body', 'name', 'contact']) values[k] = str(b[k]);
        return reply.page(SubmitPage({ ctx, form: { values, errors: fields } }), 422);
      }
      throw e;
    }
  });

  app.get(`${WBS_PATH}/lacak`, async (request, reply) => reply.page(FollowPage({ ctx: await app.viewContext(request, reply), code: '' })));
  app.post(`${WBS_PATH}/lacak`, async (request, reply) => {
    await slow(request);
    const code = str(body(request).kode, 30);
    const report = await wbs.follow(code);
    const ctx = await app.viewContext(request, reply);
    noStore(reply);
    if (!report) return reply.page(FollowPage({ ctx, code: '', notFound: true }), 404);
    return reply.page(FollowPage({ ctx, code, report }));
  });
  app.post(`${WBS_PATH}/lacak/pesan`, async (request, reply) => {
    await slow(request);
    const b = body(request);
    const code = str(b.kode, 30);
    const ctx = await app.viewContext(request, reply);
    noStore(reply);
    try {
      if (!(await wbs.reporterMessage(code, str(b.message)))) return reply.page(FollowPage({ ctx, code: '', notFound: true }), 404);
    } catch (e) {
      const fields = (e as { fields?: FieldError[] }).fields;
      if (fields) return reply.page(FollowPage({ ctx, code, report: await wbs.follow(code), errors: fields }), 422);
      throw e;
    }
    return reply.page(FollowPage({ ctx, code, report: await wbs.follow(code) }));
  });

  app.get(ADMIN_WBS_PATH, async (request, reply) => {
    const rows = await wbs.list({ actor: request.actor, meta: request.meta });
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      <Layout ctx={ctx} face="backoffice" title={ctx.t('wbs.admin.title')}>
        <h1>{ctx.t('wbs.admin.title')}</h1>
        <DataTable
          ctx={ctx}
          rows={rows}
          rowKey={(r) => r.id}
          empty={ctx.t('wbs.admin.empty')}
          columns={[
            { key: 'number', label: ctx.t('wbs.number'), primary: true, nowrap: true, cell: (r) => <a href={`${ADMIN_WBS_PATH}/${r.id}`}>{r.number}</a> },
            { key: 'title', label: ctx.t('wbs.f.title'), cell: (r) => r.title },
            { key: 'status', label: ctx.t('wbs.status'), cell: (r) => <StatusWord ctx={ctx} s={r.status} /> },
            { key: 'at', label: ctx.t('wbs.created'), nowrap: true, cell: (r) => shortDateTime(ctx, r.created_at) },
          ]}
        />
      </Layout>,
    );
  });

  async function adminDetail(request: FastifyRequest, reply: FastifyReply, id: string, errs: FieldError[] = [], status = 200) {
    const r = await wbs.read({ actor: request.actor, meta: request.meta }, id);
    const ctx = await app.viewContext(request, reply);
    const form: FormState = { values: {}, errors: errs };
    return reply.page(
      <Layout ctx={ctx} face="backoffice" title={r.number}>
        <p class="muted">
          <a href={ADMIN_WBS_PATH}>{ctx.t('wbs.admin.title')}</a>
        </p>
        <h1>{r.number}</h1>
        <ErrorSummary ctx={ctx} errors={errs} labels={{ message: ctx.t('wbs.message') }} />
        <SummaryList
          rows={[
            { label: ctx.t('wbs.status'), value: <StatusWord ctx={ctx} s={r.status} /> },
            { label: ctx.t('wbs.created'), value: ctx.dateTime(r.created_at) },
            { label: ctx.t('wbs.f.name'), value: r.reporter_name ?? ctx.t('wbs.anonymous') },
            { label: ctx.t('wbs.f.contact'), value: r.reporter_contact },
          ]}
        />
        <h2>{r.title}</h2>
        <p class="pre">{r.body}</p>
        <h2>{ctx.t('wbs.messages')}</h2>
        <Messages ctx={ctx} messages={r.messages} />
        <form method="post" action={`${ADMIN_WBS_PATH}/${r.id}`} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <TextAreaField ctx={ctx} form={form} name="message" label={ctx.t('wbs.message')} required={false} rows={4} maxLength={TEXT_MAX} />
          <div class="field">
            <label for="f-status">{ctx.t('wbs.status')}</label>
            <select id="f-status" name="status">
              {statuses.map((s) => (
                <option key={s} value={s} selected={s === r.status}>
                  {ctx.t(`wbs.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{ctx.t('wbs.send')}</button>
        </form>
      </Layout>,
      status,
    );
  }
  app.get<{ Params: { id: string } }>(`${ADMIN_WBS_PATH}/:id`, async (request, reply) => adminDetail(request, reply, request.params.id));
  app.post<{ Params: { id: string } }>(`${ADMIN_WBS_PATH}/:id`, async (request, reply) => {
    const b = body(request);
    try {
      await wbs.answer({ actor: request.actor, meta: request.meta }, request.params.id, str(b.message), str(b.status, 20));
    } catch (e) {
      const fields = (e as { fields?: FieldError[] }).fields;
      if (fields) return adminDetail(request, reply, request.params.id, fields, 422);
      throw e;
    }
    return reply.redirect(`${ADMIN_WBS_PATH}/${request.params.id}`, 303);
  });
}
