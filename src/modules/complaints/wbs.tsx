// Whistleblowing system (C-2) at /wbs: a report of wrongdoing by officials, no account, may be
// anonymous. The reporter gets a secret follow-up code shown once; only its SHA-256 is stored,
// so a lost code cannot be recovered and a guessed one finds nothing (the same answer as any
// unknown code, guessing slowed per address). Reporter and investigators exchange messages
// through the code. Only the investigating unit (role wbs_investigator, typically the
// Inspektorat) reads reports — not super administrators — and every read is audited.
// Reports and the reporter's messages may carry one attachment each (JPEG, PNG or PDF, 10 MB),
// streamed to a temporary file by the upload scope, cleaned of identifying metadata
// (metadata-strip.ts; what cannot be cleaned is refused) and stored under wbs/. Only the
// investigating unit downloads them, each download audited.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ColumnType, Generated, Kysely } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.ts';
import { formatFileSize } from '../../platform/format.ts';
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
import { ErrorSummary, FieldFrame, TextAreaField, TextField } from '../../platform/views/forms.tsx';
import { columnOwner, type FileOwner } from '../../platform/storage/orphans.ts';
import type { Storage } from '../../platform/storage/storage.ts';
import { sniffUpload } from '../../platform/storage/upload-file.ts';
import { cleanFilename, isUploadedFile, registerRawUpload, registerUploads, uploadedFile, uploadStatus, type UploadedFile } from '../../platform/storage/uploads.ts';
import { stripMetadata } from './metadata-strip.ts';
import { z } from 'zod';
import type { ApiRegistry } from '../../platform/http/openapi.ts';
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
export const WBS_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const MB = WBS_ATTACHMENT_MAX_BYTES / 1024 / 1024;
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

/** wbs_attachments (migration 0049), typed here: this file owns it. */
export interface WbsAttachmentsTable {
  id: Generated<string>;
  report_id: string;
  message_id: string | null;
  storage_key: string;
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}
type WDB = Kysely<DB & ComplaintTables & { wbs_attachments: WbsAttachmentsTable }>;

/** The stored files of whistleblowing attachments, for the orphan sweep. */
export const wbsFileOwners: FileOwner[] = [
  columnOwner('wbs/', async (db, keys) =>
    (await (db.withTables<ComplaintTables>() as unknown as WDB).selectFrom('wbs_attachments').select('storage_key').where('storage_key', 'in', keys).execute()).map((r) => r.storage_key),
  ),
];

/** Checks and cleans an attachment; a field error when it is too large, of another type or cannot be cleaned. */
function cleanAttachment(file: UploadedFile | undefined, errs: FieldError[]): Promise<{ bytes: Buffer; type: string; filename: string } | null> | null {
  if (!file) return null;
  if (file.tooLarge || file.size > WBS_ATTACHMENT_MAX_BYTES) {
    errs.push({ field: 'attachment', key: 'wbs.v.attachment_size', params: { mb: MB } });
    return null;
  }
  const type = sniffUpload(file);
  if (type !== 'image/jpeg' && type !== 'image/png' && type !== 'application/pdf') {
    errs.push({ field: 'attachment', key: 'wbs.v.attachment_type' });
    return null;
  }
  return file.read().then((raw) => {
    const r = stripMetadata(type, raw);
    if (!r.ok) {
      errs.push({ field: 'attachment', key: 'wbs.v.attachment_clean' });
      return null;
    }
    const ext = type === 'application/pdf' ? 'pdf' : type === 'image/png' ? 'png' : 'jpg';
    const base = cleanFilename(file.filename).replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'lampiran';
    return { bytes: r.bytes, type, filename: `${base.slice(0, 100)}.${ext}` };
  });
}

export function createWbs(deps: { database: Database; storage: Storage; region(): Promise<{ timeZone: string }> }) {
  const db = deps.database.db.withTables<ComplaintTables>() as unknown as WDB;

  /** Stores a cleaned attachment; the row is written by the caller's transaction. */
  async function store(a: { bytes: Buffer; type: string; filename: string }) {
    const key = `wbs/${crypto.randomUUID()}.${a.filename.split('.').pop()}`;
    const put = await deps.storage.put(key, a.bytes, a.type, { maxBytes: WBS_ATTACHMENT_MAX_BYTES });
    return { storage_key: key, filename: a.filename, content_type: a.type, size_bytes: put.size, sha256: put.sha256 };
  }

  async function byCode(code: string) {
    const c = normaliseWbsCode(code);
    if (c.length !== 16) return null;
    return (await db.selectFrom('wbs_reports').selectAll().where('code_hash', '=', sha(c)).executeTakeFirst()) ?? null;
  }
  const messagesOf = (id: string) => db.selectFrom('wbs_messages').select(['id', 'sender', 'body', 'created_at']).where('report_id', '=', id).orderBy('created_at').orderBy('id').execute();
  const attachmentsOf = (id: string) => db.selectFrom('wbs_attachments').select(['id', 'message_id', 'filename', 'size_bytes']).where('report_id', '=', id).orderBy('created_at').execute();

  return {
    async submit(input: { title: string; body: string; name: string; contact: string; attachment?: UploadedFile }, now = new Date()): Promise<{ number: string; code: string }> {
      const errs: FieldError[] = [];
      const title = input.title.trim();
      const body = input.body.trim();
      if (title.length < 5 || title.length > 150) errs.push({ field: 'title', key: 'wbs.v.title' });
      if (body.length < 30 || body.length > TEXT_MAX) errs.push({ field: 'body', key: 'wbs.v.body', params: { max: TEXT_MAX } });
      const cleaned = await cleanAttachment(input.attachment, errs);
      if (errs.length) throw errors.validation(errs);
      const stored = cleaned ? await store(cleaned) : null;
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
        if (stored) await trx.insertInto('wbs_attachments').values({ report_id: row.id, ...stored }).execute();
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

    /** The reporter writes (with the code); through the API a file alone is a message too (`fileOnly`). */
    async reporterMessage(code: string, body: string, attachment?: UploadedFile, fileOnly = false): Promise<boolean> {
      const r = await byCode(code);
      if (!r) return false;
      const text = body.trim().slice(0, TEXT_MAX);
      const errs: FieldError[] = [];
      if (fileOnly && !attachment) errs.push({ field: 'attachment', key: 'wbs.v.attachment_type' });
      if (!text && !(fileOnly && attachment)) errs.push({ field: 'message', key: 'wbs.v.message' });
      const cleaned = await cleanAttachment(attachment, errs);
      if (errs.length) throw errors.validation(errs);
      const stored = cleaned ? await store(cleaned) : null;
      await db.transaction().execute(async (trx) => {
        const m = await trx.insertInto('wbs_messages').values({ report_id: r.id, sender: 'reporter', body: text }).returning('id').executeTakeFirstOrThrow();
        if (stored) await trx.insertInto('wbs_attachments').values({ report_id: r.id, message_id: m.id, ...stored }).execute();
      });
      return true;
    },

    /** An attachment's bytes for the investigating unit; the download is audited. Anything else: not found. */
    async attachment(who: { actor: FastifyRequest['actor']; meta?: FastifyRequest['meta'] }, reportId: string, attachmentId: string) {
      authorize(who.actor, 'wbs.investigate');
      if (!/^[0-9a-f-]{36}$/i.test(reportId) || !/^[0-9a-f-]{36}$/i.test(attachmentId)) throw errors.notFound();
      const a = await db.selectFrom('wbs_attachments').selectAll().where('id', '=', attachmentId).where('report_id', '=', reportId).executeTakeFirst();
      if (!a) throw errors.notFound();
      const bytes = await deps.storage.get(a.storage_key);
      if (!bytes) throw errors.notFound();
      await recordAudit(deps.database.db, who, { action: 'wbs.attachment.read', entityType: 'wbs_report', entityId: reportId, after: { attachment: attachmentId } });
      return { bytes, type: a.content_type, filename: a.filename };
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
      return { ...r, messages: await messagesOf(id), attachments: await attachmentsOf(id) };
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

type AttachmentLink = { id: string; message_id: string | null; filename: string; size_bytes: number };
function AttachmentLinks({ ctx, files, href }: { ctx: ViewContext; files: AttachmentLink[]; href: (id: string) => string }) {
  if (!files.length) return null;
  return (
    <ul class="plain">
      {files.map((f) => (
        <li key={f.id}>
          <a href={href(f.id)}>{f.filename}</a> <span class="muted">({formatFileSize(f.size_bytes)})</span>
        </li>
      ))}
    </ul>
  );
}

function Messages({ ctx, messages, files = [], href }: { ctx: ViewContext; messages: { id: string; sender: string; body: string; created_at: Date }[]; files?: AttachmentLink[]; href?: (id: string) => string }) {
  if (!messages.length) return <p class="muted">{ctx.t('wbs.messages.none')}</p>;
  return (
    <ol class="timeline">
      {messages.map((m) => (
        <li key={m.id}>
          <strong>{ctx.t(messageKeyOr(`wbs.sender.${m.sender}`, 'value.unknown'))}</strong> <span class="muted">{ctx.dateTime(m.created_at)}</span>
          <p class="pre">{m.body}</p>
          {href && <AttachmentLinks ctx={ctx} files={files.filter((f) => f.message_id === m.id)} href={href} />}
        </li>
      ))}
    </ol>
  );
}

function AttachmentField({ ctx, form }: { ctx: ViewContext; form: FormState }) {
  return (
    <FieldFrame ctx={ctx} form={form} name="attachment" label={ctx.t('wbs.f.attachment')} hint={ctx.t('wbs.f.attachment_hint', { mb: MB })} required={false}>
      {({ id, describedBy, invalid }) => <input id={id} name="attachment" type="file" accept="application/pdf,image/jpeg,image/png" aria-invalid={invalid} aria-describedby={describedBy} />}
    </FieldFrame>
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
      <ErrorSummary ctx={ctx} errors={form.errors} labels={{ title: t('wbs.f.title'), body: t('wbs.f.body'), attachment: t('wbs.f.attachment') }} />
      <form method="post" action={WBS_PATH} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <TextField ctx={ctx} form={form} name="title" label={t('wbs.f.title')} maxLength={150} />
        <TextAreaField ctx={ctx} form={form} name="body" label={t('wbs.f.body')} hint={t('wbs.f.body_hint')} rows={10} maxLength={TEXT_MAX} />
        <TextField ctx={ctx} form={form} name="name" label={t('wbs.f.name')} required={false} hint={t('wbs.f.anonymous_hint')} maxLength={120} />
        <TextField ctx={ctx} form={form} name="contact" label={t('wbs.f.contact')} required={false} maxLength={200} />
        <AttachmentField ctx={ctx} form={form} />
        <button type="submit">{t('wbs.submit')}</button>
      </form>
    </Layout>
  );
}

function FollowPage({ ctx, code, report, notFound, errors: errs, message }: { ctx: ViewContext; code: string; report?: Awaited<ReturnType<Wbs['follow']>>; notFound?: boolean; errors?: FieldError[]; message?: string }) {
  const { t } = ctx;
  const form: FormState = { values: message ? { message } : {}, errors: errs ?? [] };
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
          <ErrorSummary ctx={ctx} errors={form.errors} labels={{ message: t('wbs.message'), attachment: t('wbs.f.attachment') }} />
          <form method="post" action={`${WBS_PATH}/lacak/pesan`} enctype="multipart/form-data" novalidate>
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <input type="hidden" name="kode" value={code} />
            <TextAreaField ctx={ctx} form={form} name="message" label={t('wbs.message')} rows={4} maxLength={TEXT_MAX} />
            <AttachmentField ctx={ctx} form={form} />
            <button type="submit">{t('wbs.send')}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}

export function registerWbsRoutes(app: FastifyInstance, deps: { wbs: Wbs; database: Database; api?: ApiRegistry }): void {
  const { wbs } = deps;
  const str = (v: unknown, max = TEXT_MAX + 100) => (typeof v === 'string' ? v.slice(0, max) : '');
  const body = (r: FastifyRequest) => (r.body && typeof r.body === 'object' ? (r.body as Record<string, unknown>) : {});
  const slow = async (request: FastifyRequest) => {
    const r = await hitRateLimit(deps.database.db, rateKey('wbs:ip', request.ip ?? 'unknown'), LOOKUP_LIMIT, LOOKUP_WINDOW_SECONDS);
    if (!r.allowed) throw errors.rateLimited(r.retryAfterMinutes);
  };
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get(WBS_PATH, async (request, reply) => reply.page(SubmitPage({ ctx: await app.viewContext(request, reply), form: { values: {}, errors: [] } })));
  // The two forms that may carry an attachment: multipart, public (CSRF still checked).
  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: WBS_ATTACHMENT_MAX_BYTES, maxFiles: 1, access: 'public' });
    scope.post(WBS_PATH, async (request, reply) => {
      const b = body(request);
      await slow(request);
      const ctx = await app.viewContext(request, reply);
      try {
        const r = await wbs.submit({ title: str(b.title, 300), body: str(b.body), name: str(b.name, 120), contact: str(b.contact, 200), attachment: uploadedFile(b, 'attachment') });
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
          return reply.page(SubmitPage({ ctx, form: { values, errors: fields } }), uploadStatus({ attachment: uploadedFile(b, 'attachment') }));
        }
        throw e;
      }
    });

    scope.post(`${WBS_PATH}/lacak/pesan`, async (request, reply) => {
      await slow(request);
      const b = body(request);
      const code = str(b.kode, 30);
      const ctx = await app.viewContext(request, reply);
      noStore(reply);
      const file = uploadedFile(b, 'attachment');
      try {
        if (!(await wbs.reporterMessage(code, str(b.message), file))) return reply.page(FollowPage({ ctx, code: '', notFound: true }), 404);
      } catch (e) {
        const fields = (e as { fields?: FieldError[] }).fields;
        if (fields) return reply.page(FollowPage({ ctx, code, report: await wbs.follow(code), errors: fields, message: str(b.message) }), uploadStatus({ attachment: file }));
        throw e;
      }
      return reply.page(FollowPage({ ctx, code, report: await wbs.follow(code) }));
    });
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
    const fileHref = (att: string) => `${ADMIN_WBS_PATH}/${r.id}/lampiran/${att}`;
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
        {r.attachments.some((a) => !a.message_id) && (
          <>
            <h3>{ctx.t('wbs.attachments')}</h3>
            <AttachmentLinks ctx={ctx} files={r.attachments.filter((a) => !a.message_id)} href={fileHref} />
          </>
        )}
        <h2>{ctx.t('wbs.messages')}</h2>
        <Messages ctx={ctx} messages={r.messages} files={r.attachments} href={fileHref} />
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
  app.get<{ Params: { id: string; att: string } }>(`${ADMIN_WBS_PATH}/:id/lampiran/:att`, async (request, reply) => {
    const file = await wbs.attachment({ actor: request.actor, meta: request.meta }, request.params.id, request.params.att);
    const safeName = file.filename.replace(/[^A-Za-z0-9._-]/g, '_');
    return reply.type(file.type).header('content-disposition', `attachment; filename="${safeName}"`).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').send(file.bytes);
  });
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

  // API (C-4): file a report, follow it and write with the secret code (sent in the body, never
  // in a URL). An unknown or guessed code is the same 404 as any; guessing is slowed per address.
  if (!deps.api) return;
  const messageSchema = z.object({ sender: z.enum(['reporter', 'investigator']), body: z.string(), createdAt: z.string() });
  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/wbs/reports',
    operationId: 'fileWbsReport',
    summary: 'File a whistleblowing report (C-2)',
    description: 'No account; name and contact may be left out (anonymous). The answer holds the secret follow-up code, shown only this once (only its hash is kept). Files follow with POST /api/v1/wbs/attachments.',
    tag: 'complaints',
    auth: 'public',
    body: z.object({ title: z.string(), body: z.string(), name: z.string().optional(), contact: z.string().optional() }),
    response: z.object({ number: z.string(), code: z.string() }),
    status: 201,
    handler: async ({ body: b, request }) => {
      await slow(request);
      return wbs.submit({ title: b.title.slice(0, 300), body: b.body.slice(0, TEXT_MAX + 100), name: (b.name ?? '').slice(0, 120), contact: (b.contact ?? '').slice(0, 200) });
    },
  });
  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/wbs/follow',
    operationId: 'followWbsReport',
    summary: 'Follow a whistleblowing report with its secret code (C-2)',
    description: 'Status and the messages between reporter and investigators. 404 for any unknown code.',
    tag: 'complaints',
    auth: 'public',
    body: z.object({ code: z.string() }),
    response: z.object({ number: z.string(), title: z.string(), status: z.string(), createdAt: z.string(), messages: z.array(messageSchema) }),
    status: 200,
    handler: async ({ body: b, request, reply }) => {
      await slow(request);
      noStore(reply);
      const r = await wbs.follow(b.code.slice(0, 30));
      if (!r) throw errors.notFound();
      return { number: r.number, title: r.title, status: r.status, createdAt: r.createdAt.toISOString(), messages: r.messages.map((m) => ({ sender: m.sender, body: m.body, createdAt: m.created_at.toISOString() })) };
    },
  });
  deps.api.route(app, {
    method: 'POST',
    url: '/api/v1/wbs/messages',
    operationId: 'messageWbsReport',
    summary: 'Write to the investigators of a whistleblowing report (C-2)',
    description: 'With the secret code. 404 for any unknown code; 422 for an empty message.',
    tag: 'complaints',
    auth: 'public',
    body: z.object({ code: z.string(), message: z.string() }),
    response: z.object({ sent: z.literal(true) }),
    status: 201,
    handler: async ({ body: b, request }) => {
      await slow(request);
      if (!(await wbs.reporterMessage(b.code.slice(0, 30), b.message.slice(0, TEXT_MAX + 100)))) throw errors.notFound();
      return { sent: true as const };
    },
  });
  // One attachment as the raw request body, streamed to a temporary file like the form's, then
  // checked by its bytes and cleaned of metadata exactly as the form's (same limits and errors).
  // The secret code travels in a header, never in the URL.
  const api = deps.api;
  app.register(async (scope) => {
    registerRawUpload(scope, { contentType: WBS_API_TYPES, maxBytes: WBS_ATTACHMENT_MAX_BYTES, access: 'public' });
    api.route(scope, {
      method: 'POST',
      url: '/api/v1/wbs/attachments',
      operationId: 'attachToWbsReport',
      summary: 'Send a file to the investigators of a whistleblowing report (C-2; request body: the file, Content-Type: application/pdf, image/jpeg or image/png)',
      description: `With the secret code in the header ${WBS_CODE_HEADER}. The file arrives as a reporter message of its own. It is checked by its content (PDF, JPEG, PNG), at most ${MB} MB (413 above), and its metadata is removed before it is stored (EXIF and text chunks of images, the author fields of a PDF); a PDF whose metadata cannot be removed is refused (422). 404 for any unknown code.`,
      tag: 'complaints',
      auth: 'public',
      query: z.object({ filename: z.string().max(200).optional().meta({ description: 'The name to show the investigators (the extension follows the content)' }) }),
      response: z.object({ sent: z.literal(true), filename: z.string() }),
      status: 201,
      handler: async ({ query, request }) => {
        await slow(request);
        const file = request.body;
        if (!isUploadedFile(file)) throw errors.validation([{ field: 'attachment', key: 'wbs.v.attachment_type' }]);
        const code = String(request.headers[WBS_CODE_HEADER] ?? '').slice(0, 30);
        const named: UploadedFile = { ...file, filename: query.filename ?? '' };
        if (!(await wbs.reporterMessage(code, '', named, true))) throw errors.notFound();
        return { sent: true as const, filename: cleanFilename(query.filename ?? '') || 'lampiran' };
      },
    });
  });
}

/** The header that carries a WBS report's secret code on an attachment upload through the API. */
export const WBS_CODE_HEADER = 'simpul-wbs-code';
const WBS_API_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
