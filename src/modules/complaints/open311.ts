// Open311 GeoReport v2 server (http://wiki.open311.org/GeoReport_v2) at /open311/v2/:
//   discovery.{json,xml}, services.{json,xml}, services/<code>.{json,xml} (definition),
//   requests.{json,xml} GET (service_request_id list, service_code, start_date, end_date,
//   status; default the last 90 days, at most 1000; plus page / page_size) and POST
//   (form fields, api_key required), requests/<id>.{json,xml} (a one-element list).
// JSON bodies are bare arrays as the specification shows; XML as in its examples; errors as
// `[{"code": 400, "description": "…"}]` / `<errors><error>…</error></errors>` with the same
// HTTP status. `jurisdiction_id` is accepted and ignored (one region per installation).
// Services are the complaint categories. Only complaints whose reporter allowed publication
// appear, and only in redacted form: no name, contact, account or attachment, ever.
// Requests are created synchronously, so there are no tokens.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { zoneOffsetMs, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { t, messageKeyOr } from '../../platform/views/i18n.ts';
import { complaintCategories, open311Status, redactPublicText } from './complaints.rules.ts';
import type { Complaints } from './complaints.service.ts';
import { complaintKinds, type ComplaintKind, type ComplaintStatus, type ComplaintTables } from './complaints.tables.ts';

export const OPEN311_PREFIX = '/open311/v2';
const DEFAULT_WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;

type Format = 'json' | 'xml';
type Scalar = string | number | boolean | null;
type XmlValue = Scalar | XmlValue[] | { [k: string]: XmlValue };

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** XML of `value` under element `name`; arrays repeat `itemName` inside. */
export function toXml(name: string, value: XmlValue, itemName?: string): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml(itemName ?? 'item', v, singular(itemName ?? 'item'))).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v, Array.isArray(v) ? singular(k) : undefined))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}
const singular = (plural: string) => (plural === 'attributes' ? 'attribute' : plural === 'values' ? 'value' : plural === 'endpoints' ? 'endpoint' : plural === 'formats' ? 'format' : plural);

function send(reply: FastifyReply, format: Format, status: number, list: XmlValue[], root: string, item: string) {
  if (format === 'json') return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(list));
  return reply.code(status).type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>${toXml(root, list, item)}`);
}

function sendError(reply: FastifyReply, format: Format, status: number, description: string) {
  const errs = [{ code: status, description }];
  if (format === 'json') return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(errs));
  return reply.code(status).type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>${toXml('errors', errs, 'error')}`);
}

/** `name.json` → ['name', 'json']; anything else → null. */
function splitFormat(file: string): [string, Format] | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? [m[1]!, m[2] as Format] : null;
}

/** W3C date-time in the region's offset, e.g. 2026-02-06T10:00:00+08:00. */
export function w3c(at: Date, tz: RegionTimeZone): string {
  const off = zoneOffsetMs(tz);
  const local = new Date(at.getTime() + off).toISOString().slice(0, 19);
  const mins = Math.round(off / 60_000);
  const sign = mins >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(mins) / 60)).padStart(2, '0');
  const mm = String(Math.abs(mins) % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}

/** A W3C / ISO 8601 date or date-time; null when it is not one. */
export function parseW3c(raw: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw)) return null;
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const hashApiKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

export interface Open311Deps {
  complaints: Complaints;
  database: Database;
  region(): Promise<{ timeZone: string }>;
  baseUrl: string;
}

export function registerOpen311Routes(app: FastifyInstance, deps: Open311Deps): void {
  const db = deps.database.db.withTables<ComplaintTables>() as unknown as Kysely<DB & ComplaintTables>;
  const label = (code: string) => t('id', messageKeyOr(`complaints.category.${code}`, 'value.unknown'));

  const serviceList = () =>
    complaintCategories.map((code) => ({
      service_code: code,
      service_name: label(code),
      description: t('id', 'complaints.open311.service_description', { name: label(code) }),
      metadata: true,
      type: 'realtime',
      keywords: code,
      group: t('id', 'complaints.open311.group'),
    }));

  const definition = (code: string) => ({
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'jenis',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: t('id', 'complaints.open311.kind_description'),
        order: 1,
        description: t('id', 'complaints.f.kind'),
        values: complaintKinds.map((k) => ({ key: k, name: t('id', `complaints.kind.${k}`) })),
      },
    ],
  });

  async function publicRequests(filter: { ids?: string[]; serviceCodes?: string[]; start?: Date; end?: Date; status?: ('open' | 'closed')[]; limit: number; offset: number }) {
    let q = db
      .selectFrom('complaints as c')
      .leftJoin('agencies as a', 'a.id', 'c.routed_agency_id')
      .select(['c.number', 'c.status', 'c.category', 'c.title', 'c.body', 'c.address', 'c.latitude', 'c.longitude', 'c.submitted_at', 'c.updated_at', 'c.response_due_at', 'a.name as agency_name'])
      .where('c.allow_publish', '=', true)
      .where('c.status', 'not in', ['menunggu_konfirmasi', 'diarsipkan'])
      .where('c.number', 'is not', null);
    if (filter.ids) q = q.where('c.number', 'in', filter.ids.length ? filter.ids : ['-']);
    else {
      if (filter.serviceCodes?.length) q = q.where('c.category', 'in', filter.serviceCodes);
      if (filter.start) q = q.where('c.submitted_at', '>=', filter.start);
      if (filter.end) q = q.where('c.submitted_at', '<=', filter.end);
      if (filter.status?.length === 1) {
        const closed: ComplaintStatus[] = ['selesai', 'bukan_wewenang'];
        q = filter.status[0] === 'closed' ? q.where('c.status', 'in', closed) : q.where('c.status', 'not in', closed);
      }
    }
    const rows = await q.orderBy('c.submitted_at', 'desc').limit(filter.limit).offset(filter.offset).execute();
    const tz = (await deps.region()).timeZone as RegionTimeZone;
    return rows.map((r) => ({
      service_request_id: r.number!,
      status: open311Status(r.status),
      status_notes: t('id', `complaints.status.${r.status}`),
      service_name: label(r.category),
      service_code: r.category,
      description: redactPublicText(`${r.title}\n\n${r.body}`),
      agency_responsible: r.agency_name,
      service_notice: null,
      requested_datetime: r.submitted_at ? w3c(r.submitted_at, tz) : null,
      updated_datetime: w3c(r.updated_at, tz),
      expected_datetime: r.response_due_at ? w3c(r.response_due_at, tz) : null,
      address: r.address ? redactPublicText(r.address) : null,
      address_id: null,
      zipcode: null,
      lat: r.latitude === null ? null : Number(r.latitude),
      long: r.longitude === null ? null : Number(r.longitude),
      media_url: null,
    }));
  }

  const list = (v: unknown): string[] | undefined =>
    typeof v === 'string' && v.trim() ? v.split(',').map((s) => s.trim()).filter(Boolean).slice(0, MAX_RESULTS) : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

  app.register(
    async (scope) => {
      scope.setNotFoundHandler((request, reply) => sendError(reply, /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json', 404, 'Not found'));
      scope.setErrorHandler((err, request, reply) => {
        const format: Format = /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json';
        if (err instanceof Open311Error) return sendError(reply, format, err.status, err.description);
        const status = (err as { statusCode?: number }).statusCode;
        if (status && status >= 400 && status < 500) return sendError(reply, format, status, 'Bad request');
        request.log.error({ err }, 'open311 request failed');
        return sendError(reply, format, 500, 'Internal error');
      });

      scope.get<{ Params: { file: string } }>('/:file', async (request, reply) => {
        const parsed = splitFormat(request.params.file);
        if (!parsed) throw new Open311Error(404, 'Not found');
        const [name, format] = parsed;
        if (name === 'discovery') {
          const doc = {
            changeset: '2026-01-01T00:00:00Z',
            contact: t('id', 'complaints.open311.contact', { url: `${deps.baseUrl}/pengaduan` }),
            key_service: t('id', 'complaints.open311.key_service'),
            endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${deps.baseUrl}${OPEN311_PREFIX}`, changeset: '2026-01-01T00:00:00Z', type: 'production', formats: ['text/xml', 'application/json'] }],
          };
          if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(doc));
          return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>${toXml('discovery', doc)}`);
        }
        if (name === 'services') return send(reply, format, 200, serviceList(), 'services', 'service');
        if (name === 'requests') {
          const q = request.query as Record<string, unknown>;
          const ids = list(q.service_request_id);
          const serviceCodes = list(q.service_code);
          if (serviceCodes?.some((c) => !(complaintCategories as readonly string[]).includes(c))) throw new Open311Error(400, 'Unknown service_code');
          const start = typeof q.start_date === 'string' && q.start_date ? parseW3c(q.start_date) : undefined;
          const end = typeof q.end_date === 'string' && q.end_date ? parseW3c(q.end_date) : undefined;
          if (start === null) throw new Open311Error(400, 'Invalid start_date');
          if (end === null) throw new Open311Error(400, 'Invalid end_date');
          const status = list(q.status);
          if (status?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'Invalid status');
          const pageSize = q.page_size === undefined ? MAX_RESULTS : Number(q.page_size);
          const page = q.page === undefined ? 1 : Number(q.page);
          if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_RESULTS || !Number.isInteger(page) || page < 1) throw new Open311Error(400, 'Invalid page or page_size');
          // The specification's default window: the last 90 days.
          const endAt = end ?? new Date();
          const startAt = start ?? (ids ? undefined : new Date((end ?? new Date()).getTime() - DEFAULT_WINDOW_DAYS * 86_400_000));
          const items = await publicRequests({ ids, serviceCodes, start: startAt, end: ids ? undefined : endAt, status: status as ('open' | 'closed')[] | undefined, limit: pageSize, offset: (page - 1) * pageSize });
          return send(reply, format, 200, items, 'service_requests', 'request');
        }
        throw new Open311Error(404, 'Not found');
      });

      scope.get<{ Params: { file: string } }>('/services/:file', async (request, reply) => {
        const parsed = splitFormat(request.params.file);
        if (!parsed) throw new Open311Error(404, 'Not found');
        const [code, format] = parsed;
        if (!(complaintCategories as readonly string[]).includes(code)) throw new Open311Error(404, 'Unknown service_code');
        const def = definition(code);
        if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(def));
        return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>${toXml('service_definition', def)}`);
      });

      scope.get<{ Params: { file: string } }>('/requests/:file', async (request, reply) => {
        const parsed = splitFormat(request.params.file);
        if (!parsed) throw new Open311Error(404, 'Not found');
        const [id, format] = parsed;
        const items = await publicRequests({ ids: [id.toUpperCase()], limit: 1, offset: 0 });
        if (!items.length) throw new Open311Error(404, 'Unknown service_request_id');
        return send(reply, format, 200, items, 'service_requests', 'request');
      });

      scope.post<{ Params: { file: string } }>('/:file', async (request, reply) => {
        const parsed = splitFormat(request.params.file);
        if (!parsed || parsed[0] !== 'requests') throw new Open311Error(404, 'Not found');
        const format = parsed[1];
        const b = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
        const s = (k: string, max = 4000) => (typeof b[k] === 'string' ? (b[k] as string).trim().slice(0, max) : '');
        const key = s('api_key', 200);
        const client = key ? await db.selectFrom('open311_clients').select(['id', 'name']).where('key_hash', '=', hashApiKey(key)).where('revoked_at', 'is', null).executeTakeFirst() : undefined;
        if (!client) throw new Open311Error(403, 'Invalid api_key');
        const code = s('service_code', 60);
        if (!code) throw new Open311Error(400, 'service_code is required');
        if (!(complaintCategories as readonly string[]).includes(code)) throw new Open311Error(404, 'Unknown service_code');
        const lat = s('lat', 30);
        const lon = s('long', 30);
        const address = s('address_string', 300) || s('address_id', 100);
        const hasPoint = lat !== '' && lon !== '';
        if (!hasPoint && !address) throw new Open311Error(400, 'A location is required: lat and long, address_string or address_id');
        const latN = hasPoint ? Number(lat) : null;
        const lonN = hasPoint ? Number(lon) : null;
        if (hasPoint && (!Number.isFinite(latN) || !Number.isFinite(lonN) || Math.abs(latN!) > 90 || Math.abs(lonN!) > 180)) throw new Open311Error(400, 'Invalid lat or long');
        const description = s('description', 4000);
        if (description.length < 10) throw new Open311Error(400, 'description is required (at least 10 characters)');
        const kindAttr = typeof b['attribute[jenis]'] === 'string' ? (b['attribute[jenis]'] as string) : (b.attribute as Record<string, unknown> | undefined)?.jenis;
        const kind: ComplaintKind = typeof kindAttr === 'string' && (complaintKinds as readonly string[]).includes(kindAttr) ? (kindAttr as ComplaintKind) : 'pengaduan';
        const email = s('email', 200);
        const name = [s('first_name', 60), s('last_name', 60)].filter(Boolean).join(' ') || null;
        const phone = s('phone', 30) || null;
        const created = await deps.complaints.fileExternal({
          kind,
          category: code,
          title: description.split(/\r?\n/)[0]!.slice(0, 100),
          body: description,
          address: address || null,
          latitude: latN,
          longitude: lonN,
          name,
          email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email.toLowerCase() : null,
          phone,
          channel: 'open311',
          clientId: client.id,
          allowPublish: true,
          label: client.name,
        });
        return send(reply, format, 201, [{ service_request_id: created.number, service_notice: t('id', 'complaints.open311.notice'), account_id: null }], 'service_requests', 'request');
      });
    },
    { prefix: OPEN311_PREFIX },
  );
}

/** Issues an api_key for an Open311 client: the key is returned once, only its hash is kept. */
export async function issueOpen311Key(database: Database, name: string, createdBy: string | null): Promise<{ id: string; key: string }> {
  const db = database.db.withTables<ComplaintTables>() as unknown as Kysely<DB & ComplaintTables>;
  const key = crypto.randomBytes(24).toString('base64url');
  const row = await db.insertInto('open311_clients').values({ name: name.slice(0, 120), key_hash: hashApiKey(key), created_by: createdBy }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, key };
}

export interface Open311Client {
  id: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export async function listOpen311Clients(database: Database): Promise<Open311Client[]> {
  const db = database.db.withTables<ComplaintTables>() as unknown as Kysely<DB & ComplaintTables>;
  const rows = await db.selectFrom('open311_clients').select(['id', 'name', 'created_at', 'revoked_at']).orderBy('created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

export async function revokeOpen311Key(database: Database, id: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
  const db = database.db.withTables<ComplaintTables>() as unknown as Kysely<DB & ComplaintTables>;
  const r = await db.updateTable('open311_clients').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
