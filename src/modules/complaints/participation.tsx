// Public participation (C-3) at /partisipasi: suggestions about the region's ICT and services,
// and offers of research or investment cooperation. Anyone submits (signed in, or a guest with
// a name and an e-mail or mobile number); the complaints coordinator moderates at
// /kelola/partisipasi (approve with an answer, or reject); approved submissions are listed
// publicly with their answer — never the sender's contact. Also /api/v1/participation (list,
// submit). Rate-limited per address.
import { messageKeyOr } from '../../platform/views/i18n.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ColumnType, Generated, Kysely } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, definePolicy } from '../../platform/auth/policy.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { AppError, errors, type FieldError } from '../../platform/http/errors.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import { hitRateLimit, rateKey } from '../../platform/http/rate-limit.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { DataTable, shortDateTime, StatusTag, SummaryList } from '../../platform/views/components/index.ts';
import type { FormState, ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { mobileE164 } from './complaints.service.ts';

definePolicy({
  /** Moderate and answer public participation: the complaints coordinator. */
  'participation.moderate': { roles: ['complaint_coordinator'], scope: 'region' },
});

export const PARTICIPATION_PATH = '/partisipasi';
export const ADMIN_PARTICIPATION_PATH = '/kelola/partisipasi';
defineMenuLink({ href: ADMIN_PARTICIPATION_PATH, labelKey: 'participation.admin.title', action: 'participation.moderate', area: 'services', order: 32 });

export const participationKinds = ['saran_tik', 'saran_layanan', 'kerja_sama_riset', 'kerja_sama_investasi'] as const;
type Kind = (typeof participationKinds)[number];
const decisions = ['disetujui', 'ditolak'] as const;
type Status = 'menunggu' | 'disetujui' | 'ditolak';
const BODY_MAX = 4000;
const ANSWER_MAX = 4000;
const SUBMIT_LIMIT = 5;
const SUBMIT_WINDOW_SECONDS = 60 * 60;
const PUBLIC_LIMIT = 100;

interface ParticipationTable {
  id: Generated<string>;
  kind: Kind;
  title: string;
  body: string;
  author_id: string | null;
  name: string;
  organisation: string | null;
  contact: string;
  status: Generated<Status>;
  answer: string | null;
  moderated_by: string | null;
  moderated_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
type PDB = Kysely<DB & { participation_items: ParticipationTable }>;
type Who = { actor: FastifyRequest['actor']; meta?: FastifyRequest['meta'] };

export interface ParticipationInput {
  kind: string;
  title: string;
  body: string;
  name: string;
  organisation: string;
  contact: string;
}

export interface PublicParticipation {
  id: string;
  kind: Kind;
  title: string;
  body: string;
  name: string;
  organisation: string | null;
  answer: string | null;
  createdAt: Date;
  answeredAt: Date | null;
}

export function createParticipation(deps: { database: Database }) {
  const db = deps.database.db as unknown as PDB;
  return {
    async submit(actor: Actor | null, input: ParticipationInput, now = new Date()): Promise<{ id: string }> {
      const errs: FieldError[] = [];
      const kind = (participationKinds as readonly string[]).includes(input.kind) ? (input.kind as Kind) : null;
      if (!kind) errs.push({ field: 'kind', key: 'participation.v.kind' });
      const title = input.title.trim();
      const body = input.body.trim();
      if (title.length < 5 || title.length > 150) errs.push({ field: 'title', key: 'participation.v.title' });
      if (body.length < 20 || body.length > BODY_MAX) errs.push({ field: 'body', key: 'participation.v.body', params: { max: BODY_MAX } });
      let name = input.name.trim().slice(0, 120);
      let contact = '';
      if (actor) name ||= actor.name;
      else {
        if (!name) errs.push({ field: 'name', key: 'participation.v.name' });
        const raw = input.contact.trim();
        contact = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) && raw.length <= 200 ? raw.toLowerCase() : (mobileE164(raw) ?? '');
        if (!contact) errs.push({ field: 'contact', key: 'participation.v.contact' });
      }
      if (errs.length) throw errors.validation(errs);
      const row = await db
        .insertInto('participation_items')
        .values({ kind: kind!, title, body, author_id: actor?.userId ?? null, name, organisation: input.organisation.trim().slice(0, 160) || null, contact, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id };
    },

    /** Approved submissions with their answers, newest answer first; no contact, no account. */
    async publicList(limit = PUBLIC_LIMIT): Promise<PublicParticipation[]> {
      const rows = await db
        .selectFrom('participation_items')
        .select(['id', 'kind', 'title', 'body', 'name', 'organisation', 'answer', 'created_at', 'moderated_at'])
        .where('status', '=', 'disetujui')
        .orderBy('moderated_at', 'desc')
        .limit(Math.min(Math.max(limit, 1), PUBLIC_LIMIT))
        .execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, name: r.name, organisation: r.organisation, answer: r.answer, createdAt: r.created_at, answeredAt: r.moderated_at }));
    },

    async list(who: Who, status?: string) {
      authorize(who.actor, 'participation.moderate');
      let q = db.selectFrom('participation_items').select(['id', 'kind', 'title', 'name', 'status', 'created_at']).orderBy('created_at', 'desc').limit(500);
      if (status === 'menunggu' || status === 'disetujui' || status === 'ditolak') q = q.where('status', '=', status);
      return q.execute();
    },

    async get(who: Who, id: string) {
      authorize(who.actor, 'participation.moderate');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      const r = await db.selectFrom('participation_items').selectAll().where('id', '=', id).executeTakeFirst();
      if (!r) throw errors.notFound();
      return r;
    },

    async moderate(who: Who, id: string, decision: string, answer: string, now = new Date()) {
      authorize(who.actor, 'participation.moderate');
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound();
      const errs: FieldError[] = [];
      const next = (decisions as readonly string[]).includes(decision) ? (decision as Status) : null;
      const text = answer.trim().slice(0, ANSWER_MAX);
      if (!next) errs.push({ field: 'decision', key: 'participation.v.decision' });
      if (next === 'disetujui' && !text) errs.push({ field: 'answer', key: 'participation.v.answer' });
      if (errs.length) throw errors.validation(errs);
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('participation_items').select(['status']).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!before) throw errors.notFound();
        await trx.updateTable('participation_items').set({ status: next!, answer: text || null, moderated_by: who.actor!.userId, moderated_at: now, updated_at: now }).where('id', '=', id).execute();
        await recordAudit(trx as never, who, { action: 'participation.moderate', entityType: 'participation_item', entityId: id, before: { status: before.status }, after: { status: next, answered: !!text } });
      });
    },
  };
}
export type Participation = ReturnType<typeof createParticipation>;

const kindOptions = (ctx: ViewContext) => participationKinds.map((k) => ({ value: k, label: ctx.t(`participation.kind.${k}`) }));
const StatusWord = ({ ctx, s }: { ctx: ViewContext; s: string }) => <StatusTag tone={s === 'disetujui' ? 'success' : s === 'ditolak' ? 'neutral' : 'info'}>{ctx.t(messageKeyOr(`participation.status.${s}`, 'value.unknown'))}</StatusTag>;

function PublicPage({ ctx, items, form }: { ctx: ViewContext; items: PublicParticipation[]; form: FormState }) {
  const { t } = ctx;
  const signedIn = !!ctx.user;
  return (
    <Layout ctx={ctx} title={t('participation.title')}>
      <h1>{t('participation.title')}</h1>
      <p>{t('participation.intro')}</p>
      <h2 id="kirim">{t('participation.form_title')}</h2>
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ kind: t('participation.kind'), title: t('participation.f.title'), body: t('participation.f.body'), name: t('participation.f.name'), contact: t('participation.f.contact') }} />
      <form method="post" action={PARTICIPATION_PATH} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <SelectField ctx={ctx} form={form} name="kind" label={t('participation.kind')} options={kindOptions(ctx)} />
        <TextField ctx={ctx} form={form} name="title" label={t('participation.f.title')} maxLength={150} />
        <TextAreaField ctx={ctx} form={form} name="body" label={t('participation.f.body')} rows={6} maxLength={BODY_MAX} />
        {!signedIn && <TextField ctx={ctx} form={form} name="name" label={t('participation.f.name')} maxLength={120} autocomplete="name" />}
        <TextField ctx={ctx} form={form} name="organisation" label={t('participation.f.organisation')} required={false} maxLength={160} autocomplete="organization" />
        {!signedIn && <TextField ctx={ctx} form={form} name="contact" label={t('participation.f.contact')} hint={t('participation.f.contact_hint')} maxLength={200} />}
        <button type="submit">{t('participation.submit')}</button>
      </form>
      <h2>{t('participation.list_title')}</h2>
      {items.length === 0 ? (
        <p class="muted">{t('participation.empty')}</p>
      ) : (
        items.map((i) => (
          <article key={i.id} class="card">
            <h3>{i.title}</h3>
            <p class="muted">
              {t(`participation.kind.${i.kind}`)} · {i.organisation ? `${i.name}, ${i.organisation}` : i.name} · {ctx.date(i.createdAt)}
            </p>
            <p class="pre">{i.body}</p>
            {i.answer && (
              <>
                <h4>{t('participation.answer')}</h4>
                <p class="pre">{i.answer}</p>
              </>
            )}
          </article>
        ))
      )}
    </Layout>
  );
}

export function registerParticipationRoutes(app: FastifyInstance, deps: { participation: Participation; database: Database; api: ApiRegistry }): void {
  const { participation } = deps;
  const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
  const body = (r: FastifyRequest) => (r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {});
  const limit = async (request: FastifyRequest) => {
    const r = await hitRateLimit(deps.database.db, rateKey('participation:ip', request.ip ?? 'unknown'), SUBMIT_LIMIT, SUBMIT_WINDOW_SECONDS);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
  };
  const inputOf = (b: Record<string, unknown>): ParticipationInput => ({
    kind: str(b.kind, 40),
    title: str(b.title, 300),
    body: str(b.body, BODY_MAX + 100),
    name: str(b.name, 120),
    organisation: str(b.organisation, 160),
    contact: str(b.contact, 200),
  });

  app.get(PARTICIPATION_PATH, async (request, reply) => reply.page(PublicPage({ ctx: await app.viewContext(request, reply), items: await participation.publicList(), form: { values: {}, errors: [] } })));
  app.post(PARTICIPATION_PATH, async (request, reply) => {
    const b = body(request);
    const input = inputOf(b);
    await limit(request);
    try {
      await participation.submit(request.actor ?? null, input);
    } catch (e) {
      if (e instanceof AppError && e.fields) {
        const ctx = await app.viewContext(request, reply);
        return reply.page(PublicPage({ ctx, items: await participation.publicList(), form: { values: { ...input }, errors: e.fields } }), 422);
      }
      throw e;
    }
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      <Layout ctx={ctx} title={ctx.t('participation.received.title')}>
        <h1>{ctx.t('participation.received.title')}</h1>
        <p class="notice" role="status">
          {ctx.t('participation.received.intro')}
        </p>
        <p>
          <a href={PARTICIPATION_PATH}>{ctx.t('participation.back')}</a>
        </p>
      </Layout>,
      201,
    );
  });

  app.get<{ Querystring: { status?: unknown } }>(ADMIN_PARTICIPATION_PATH, async (request, reply) => {
    const status = str(request.query.status, 20);
    const rows = await participation.list({ actor: request.actor, meta: request.meta }, status);
    const ctx = await app.viewContext(request, reply);
    return reply.page(
      <Layout ctx={ctx} face="backoffice" title={ctx.t('participation.admin.title')}>
        <h1>{ctx.t('participation.admin.title')}</h1>
        <p>
          <a href={ADMIN_PARTICIPATION_PATH}>{ctx.t('participation.admin.filter_all')}</a>
          {(['menunggu', 'disetujui', 'ditolak'] as const).map((s) => (
            <>
              {' · '}
              <a href={`${ADMIN_PARTICIPATION_PATH}?status=${s}`} aria-current={status === s ? 'page' : undefined}>
                {ctx.t(`participation.status.${s}`)}
              </a>
            </>
          ))}
        </p>
        <DataTable
          ctx={ctx}
          rows={rows}
          rowKey={(r) => r.id}
          empty={ctx.t('participation.admin.empty')}
          columns={[
            { key: 'title', label: ctx.t('participation.f.title'), primary: true, cell: (r) => <a href={`${ADMIN_PARTICIPATION_PATH}/${r.id}`}>{r.title}</a> },
            { key: 'kind', label: ctx.t('participation.kind'), cell: (r) => ctx.t(`participation.kind.${r.kind}`) },
            { key: 'from', label: ctx.t('participation.admin.from'), cell: (r) => r.name },
            { key: 'status', label: ctx.t('participation.status'), cell: (r) => <StatusWord ctx={ctx} s={r.status} /> },
            { key: 'at', label: ctx.t('participation.admin.received'), nowrap: true, cell: (r) => shortDateTime(ctx, r.created_at) },
          ]}
        />
      </Layout>,
    );
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, id: string, form: FormState, status = 200) {
    const r = await participation.get({ actor: request.actor, meta: request.meta }, id);
    const ctx = await app.viewContext(request, reply);
    const values = { decision: form.values.decision ?? (r.status === 'menunggu' ? '' : r.status), answer: form.values.answer ?? r.answer ?? '' };
    return reply.page(
      <Layout ctx={ctx} face="backoffice" title={r.title}>
        <p class="muted">
          <a href={ADMIN_PARTICIPATION_PATH}>{ctx.t('participation.admin.title')}</a>
        </p>
        <h1>{r.title}</h1>
        <ErrorSummary ctx={ctx} errors={form.errors} labels={{ decision: ctx.t('participation.admin.decision'), answer: ctx.t('participation.answer') }} />
        <SummaryList
          rows={[
            { label: ctx.t('participation.kind'), value: ctx.t(`participation.kind.${r.kind}`) },
            { label: ctx.t('participation.status'), value: <StatusWord ctx={ctx} s={r.status} /> },
            { label: ctx.t('participation.f.name'), value: r.name },
            { label: ctx.t('participation.f.organisation'), value: r.organisation },
            { label: ctx.t('participation.f.contact'), value: r.contact || null },
            { label: ctx.t('participation.admin.received'), value: ctx.dateTime(r.created_at) },
          ]}
        />
        <p class="pre">{r.body}</p>
        <form method="post" action={`${ADMIN_PARTICIPATION_PATH}/${r.id}`} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
          <SelectField ctx={ctx} form={{ values, errors: form.errors }} name="decision" label={ctx.t('participation.admin.decision')} options={decisions.map((d) => ({ value: d, label: ctx.t(`participation.status.${d}`) }))} />
          <TextAreaField ctx={ctx} form={{ values, errors: form.errors }} name="answer" label={ctx.t('participation.answer')} hint={ctx.t('participation.admin.answer_hint')} required={false} rows={5} maxLength={ANSWER_MAX} />
          <button type="submit">{ctx.t('participation.admin.save')}</button>
        </form>
      </Layout>,
      status,
    );
  }
  app.get<{ Params: { id: string } }>(`${ADMIN_PARTICIPATION_PATH}/:id`, async (request, reply) => detail(request, reply, request.params.id, { values: {}, errors: [] }));
  app.post<{ Params: { id: string } }>(`${ADMIN_PARTICIPATION_PATH}/:id`, async (request, reply) => {
    const b = body(request);
    const decision = str(b.decision, 20);
    const answer = str(b.answer, ANSWER_MAX + 100);
    try {
      await participation.moderate({ actor: request.actor, meta: request.meta }, request.params.id, decision, answer);
    } catch (e) {
      if (e instanceof AppError && e.fields) return detail(request, reply, request.params.id, { values: { decision, answer }, errors: e.fields }, 422);
      throw e;
    }
    return reply.redirect(`${ADMIN_PARTICIPATION_PATH}/${request.params.id}`, 303);
  });

  // API (C-4): the same list and submission for other applications.
  const itemSchema = z
    .object({ id: z.string(), kind: z.enum(participationKinds), title: z.string(), body: z.string(), name: z.string(), organisation: z.string().nullable(), answer: z.string().nullable(), createdAt: z.string(), answeredAt: z.string().nullable() })
    .meta({ id: 'ParticipationItem' });
  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/participation',
    operationId: 'listParticipation',
    summary: 'Approved public participation with answers (C-3, public)',
    description: 'Suggestions about the region’s ICT and services and offers of research or investment cooperation that the coordinator approved, newest answer first (at most 100). Never the sender’s contact.',
    tag: 'complaints',
    auth: 'public',
    query: z.object({ limit: z.coerce.number().int().min(1).max(PUBLIC_LIMIT).optional() }),
    response: z.object({ items: z.array(itemSchema) }),
    handler: async ({ query }) => ({
      items: (await participation.publicList(query.limit)).map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), answeredAt: i.answeredAt?.toISOString() ?? null })),
    }),
  });
  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/participation',
    operationId: 'submitParticipation',
    summary: 'Submit a suggestion or cooperation offer (C-3)',
    description: 'A guest gives name and contact (e-mail or Indonesian mobile number); a signed-in user needs neither. Shown publicly only after moderation. 422 with field errors on bad input; rate-limited per address.',
    tag: 'complaints',
    auth: 'public',
    body: z.object({ kind: z.string(), title: z.string(), body: z.string(), name: z.string().optional(), organisation: z.string().optional(), contact: z.string().optional() }),
    response: z.object({ id: z.string(), status: z.literal('menunggu') }),
    status: 201,
    handler: async ({ body: b, actor, request }) => {
      await limit(request);
      const r = await participation.submit(actor, { kind: b.kind, title: b.title.slice(0, 300), body: b.body.slice(0, BODY_MAX + 100), name: (b.name ?? '').slice(0, 120), organisation: (b.organisation ?? '').slice(0, 160), contact: (b.contact ?? '').slice(0, 200) });
      return { id: r.id, status: 'menunggu' as const };
    },
  });
}
