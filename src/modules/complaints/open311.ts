// Open311 GeoReport v2 server (http://wiki.open311.org/GeoReport_v2) at /open311/v2/:
//   discovery.{json,xml}, services.{json,xml}, services/<code>.{json,xml} (definition),
//   requests.{json,xml} GET (service_request_id list, service_code, start_date, end_date,
//   status; default the last 90 days, at most 1000; plus page / page_size) and POST
//   (form fields, api_key required), requests/<id>.{json,xml} (a one-element list).
// JSON bodies are bare arrays as the specification shows; XML as in its examples; errors as
// `[{"code": 400, "description": "…"}]` / `<errors><error>…</error></errors>` with the same
// HTTP status. `jurisdiction_id` is accepted on every call and ignored (one region per
// installation). Services are the complaint categories, with the attributes `jenis`
// (singlevaluelist), `dampak` (multivaluelist: `attribute[dampak][]`) and `patokan` (string).
// Only complaints whose reporter allowed publication AND whose redacted public version the
// coordinator has previewed and confirmed (`published_at`) appear, and only in that version: no
// name, contact, account or attachment of ours, ever (a client's own `media_url` is echoed).
// Until then `requests/<id>` answers 404 exactly as for an unknown id, GET `requests` and
// `servicerequestupdates` leave it out; `tokens/<token>` still gives the client its id.
// Requests are created synchronously; a client issued with "answer with a token" gets a
// `token` instead of the id and polls `tokens/<token>` (FixMyStreet does). FixMyStreet's
// extension `servicerequestupdates`: GET lists the public status changes and staff answers
// (start_date/end_date, default the last 90 days, at most 1000), POST records a client's update
// (idempotent on the client's `update_id`) for the staff, without changing the status.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ColumnType, Generated, Kysely } from 'kysely';
import { zoneOffsetMs, type RegionTimeZone } from '../../platform/calendar/working-time.ts';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { agencyNames } from '../agencies/index.ts';
import { t, messageKeyOr } from '../../platform/views/i18n.ts';
import { complaintCategories, maskForPublic, open311Status, redactPublicText } from './complaints.rules.ts';
import type { Complaints } from './complaints.service.ts';
import { complaintKinds, type ComplaintKind, type ComplaintStatus, type ComplaintTables } from './complaints.tables.ts';
import { openContact } from './complaints.sealing.ts';

export const OPEN311_PREFIX = '/open311/v2';
const DEFAULT_WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;

type Format = 'json' | 'xml';

/** Open311 tables of migration 0049, typed here (this file owns them). */
export interface Open311Tables {
  open311_requests: { complaint_id: string; client_id: string; token: string; attributes: string; media_url: string | null; address_id: string | null; created_at: ColumnType<Date, Date | undefined, never> };
  open311_updates: { id: Generated<string>; complaint_id: string; client_id: string; external_id: string; status: string; description: string; media_url: string | null; client_time: Date | null; created_at: ColumnType<Date, Date | undefined, never> };
}
/** open311_clients gained respond_with_token in 0049. */
type ClientsTable = ComplaintTables['open311_clients'] & { respond_with_token: Generated<boolean> };
type ODB = Kysely<DB & Omit<ComplaintTables, 'open311_clients'> & Open311Tables & { open311_clients: ClientsTable }>;
const impactKeys = ['keselamatan', 'lalu_lintas', 'kesehatan', 'lingkungan'] as const;
const LANDMARK_MAX = 200;
const MEDIA_URL_MAX = 500;
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

/** The request's format from its URL: `.xml` before the query (or at the end) means XML. */
const formatOfUrl = (url: string): Format => (/\.xml(\?|$)/.test(url) ? 'xml' : 'json');

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
  const db = deps.database.db.withTables<ComplaintTables>() as unknown as ODB;
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
      {
        variable: true,
        code: 'dampak',
        datatype: 'multivaluelist',
        required: false,
        datatype_description: t('id', 'open311.attr.impact_description'),
        order: 2,
        description: t('id', 'open311.attr.impact'),
        values: impactKeys.map((k) => ({ key: k, name: t('id', `open311.attr.impact.${k}`) })),
      },
      {
        variable: true,
        code: 'patokan',
        datatype: 'string',
        required: false,
        datatype_description: t('id', 'open311.attr.landmark_description'),
        order: 3,
        description: t('id', 'open311.attr.landmark'),
      },
    ],
  });

  async function publicRequests(filter: { ids?: string[]; serviceCodes?: string[]; start?: Date; end?: Date; status?: ('open' | 'closed')[]; limit: number; offset: number }) {
    let q = db
      .selectFrom('complaints as c')
      .leftJoin('open311_requests as o', 'o.complaint_id', 'c.id')
      .select(['c.number', 'c.status', 'c.category', 'c.title', 'c.body', 'c.address', 'c.public_title', 'c.public_body', 'c.public_address', 'c.reporter_name', 'c.latitude', 'c.longitude', 'c.submitted_at', 'c.updated_at', 'c.response_due_at', 'c.routed_agency_id', 'o.media_url', 'o.address_id'])
      .where('c.allow_publish', '=', true)
      .where('c.published_at', 'is not', null)
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
    const agencies = await agencyNames(deps.database.db, rows.map((r) => r.routed_agency_id));
    return rows.map((r) => ({
      service_request_id: r.number!,
      status: open311Status(r.status),
      status_notes: t('id', `complaints.status.${r.status}`),
      service_name: label(r.category),
      service_code: r.category,
      // The coordinator's confirmed public version (always there once published; the automatic
      // masking is only a guard against a row edited by hand).
      description: r.public_title !== null ? `${r.public_title}\n\n${r.public_body ?? ''}` : maskForPublic(`${r.title}\n\n${r.body}`, [openContact({ reporter_name: r.reporter_name }).reporter_name]),
      agency_responsible: (r.routed_agency_id && agencies.get(r.routed_agency_id)) || null,
      service_notice: null,
      requested_datetime: r.submitted_at ? w3c(r.submitted_at, tz) : null,
      updated_datetime: w3c(r.updated_at, tz),
      expected_datetime: r.response_due_at ? w3c(r.response_due_at, tz) : null,
      address: r.public_title !== null ? r.public_address : r.address ? maskForPublic(r.address, [openContact({ reporter_name: r.reporter_name }).reporter_name]) : null,
      address_id: r.address_id ?? null,
      zipcode: null,
      lat: r.latitude === null ? null : Number(r.latitude),
      long: r.longitude === null ? null : Number(r.longitude),
      media_url: r.media_url ? r.media_url.split('\n')[0]! : null,
    }));
  }

  const list = (v: unknown): string[] | undefined =>
    typeof v === 'string' && v.trim() ? v.split(',').map((s) => s.trim()).filter(Boolean).slice(0, MAX_RESULTS) : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

  const tz = async () => (await deps.region()).timeZone as RegionTimeZone;

  /** The client of a non-empty api_key; 403 for a wrong or revoked key (or a missing one when `required`). */
  async function clientOf(raw: unknown, required: boolean) {
    const key = typeof raw === 'string' ? raw.trim().slice(0, 200) : '';
    if (!key && !required) return null;
    const client = key ? await db.selectFrom('open311_clients').select(['id', 'name', 'respond_with_token']).where('key_hash', '=', hashApiKey(key)).where('revoked_at', 'is', null).executeTakeFirst() : undefined;
    if (!client) throw new Open311Error(403, 'Invalid api_key');
    return client;
  }

  /** start_date / end_date of a GET: a bad date is a 400; without them the last 90 days. */
  function window(q: Record<string, unknown>) {
    const start = typeof q.start_date === 'string' && q.start_date ? parseW3c(q.start_date) : undefined;
    const end = typeof q.end_date === 'string' && q.end_date ? parseW3c(q.end_date) : undefined;
    if (start === null) throw new Open311Error(400, 'Invalid start_date');
    if (end === null) throw new Open311Error(400, 'Invalid end_date');
    if (start && end && start > end) throw new Open311Error(400, 'start_date is after end_date');
    const endAt = end ?? new Date();
    return { start: start ?? new Date(endAt.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000), end: endAt, given: { start, end } };
  }

  function paging(q: Record<string, unknown>) {
    const pageSize = q.page_size === undefined ? MAX_RESULTS : Number(q.page_size);
    const page = q.page === undefined ? 1 : Number(q.page);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_RESULTS || !Number.isInteger(page) || page < 1) throw new Open311Error(400, 'Invalid page or page_size');
    return { limit: pageSize, offset: (page - 1) * pageSize };
  }

  /** Public status changes and staff answers of public complaints (servicerequestupdates GET). */
  async function publicUpdates(filter: { start: Date; end: Date; ids?: string[]; limit: number; offset: number }) {
    let q = db
      .selectFrom('complaint_events as e')
      .innerJoin('complaints as c', 'c.id', 'e.complaint_id')
      .leftJoin('open311_requests as o', 'o.complaint_id', 'c.id')
      .select(['e.id', 'e.kind', 'e.status as event_status', 'e.note', 'e.created_at', 'c.number', 'c.status', 'o.media_url'])
      .where('c.allow_publish', '=', true)
      .where('c.published_at', 'is not', null)
      .where('c.status', 'not in', ['menunggu_konfirmasi', 'diarsipkan'])
      .where('c.number', 'is not', null)
      .where('e.visible', '=', true)
      .where('e.kind', 'not in', ['filed', 'client_update', 'rated'])
      .where('e.created_at', '>=', filter.start)
      .where('e.created_at', '<=', filter.end);
    if (filter.ids) q = q.where('c.number', 'in', filter.ids.length ? filter.ids : ['-']);
    const rows = await q.orderBy('e.created_at').orderBy('e.id').limit(filter.limit).offset(filter.offset).execute();
    const zone = await tz();
    return rows.map((r) => {
      const st = (r.event_status ?? r.status) as ComplaintStatus;
      return {
        update_id: r.id,
        service_request_id: r.number!,
        status: open311Status(st),
        updated_datetime: w3c(r.created_at, zone),
        description: r.note ? redactPublicText(r.note) : t('id', `complaints.status.${st}`),
        media_url: null,
        external_status_code: st,
      };
    });
  }

  /** attribute[CODE] and attribute[CODE][] of a form body (flat keys, or an object when nested). */
  function attributesOf(b: Record<string, unknown>): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const add = (code: string, v: unknown) => {
      const vals = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((x) => x.trim());
      if (vals.length) out[code] = [...(out[code] ?? []), ...vals].slice(0, 20);
    };
    for (const [k, v] of Object.entries(b)) {
      const m = /^attribute\[([A-Za-z0-9_.-]{1,60})\](\[\])?$/.exec(k);
      if (m) add(m[1]!, v);
    }
    if (b.attribute && typeof b.attribute === 'object' && !Array.isArray(b.attribute)) for (const [k, v] of Object.entries(b.attribute as Record<string, unknown>)) add(k, v);
    return out;
  }

  function mediaUrls(v: unknown): string[] {
    const urls = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean).slice(0, 10);
    for (const u of urls) {
      let ok = false;
      try {
        ok = u.length <= MEDIA_URL_MAX && ['http:', 'https:'].includes(new URL(u).protocol);
      } catch {
        ok = false;
      }
      if (!ok) throw new Open311Error(400, 'Invalid media_url');
    }
    return urls;
  }

  app.register(
    async (scope) => {
      scope.setNotFoundHandler((request, reply) => sendError(reply, formatOfUrl(request.url), 404, 'Not found'));
      scope.setErrorHandler((err, request, reply) => {
        const format = formatOfUrl(request.url);
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
          const win = window(q);
          const status = list(q.status);
          if (status?.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, 'Invalid status');
          // The specification's default window: the last 90 days; service_request_id ignores it.
          const items = await publicRequests({ ids, serviceCodes, start: ids ? win.given.start : win.start, end: ids ? win.given.end : win.end, status: status as ('open' | 'closed')[] | undefined, ...paging(q) });
          return send(reply, format, 200, items, 'service_requests', 'request');
        }
        if (name === 'servicerequestupdates') {
          const q = request.query as Record<string, unknown>;
          await clientOf(q.api_key, false);
          const win = window(q);
          const items = await publicUpdates({ start: win.start, end: win.end, ids: list(q.service_request_id), ...paging(q) });
          return send(reply, format, 200, items, 'service_requests_updates', 'request_update');
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
        return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?>${toXml('service_definition', def as unknown as XmlValue)}`);
      });

      scope.get<{ Params: { file: string } }>('/requests/:file', async (request, reply) => {
        const parsed = splitFormat(request.params.file);
        if (!parsed) throw new Open311Error(404, 'Not found');
        const [id, format] = parsed;
        const items = await publicRequests({ ids: [id.toUpperCase()], limit: 1, offset: 0 });
        if (!items.length) throw new Open311Error(404, 'Unknown service_request_id');
        return send(reply, format, 200, items, 'service_requests', 'request');
      });

      // A token stands for a request until its id is known; here the id is known at once, so
      // the answer is immediate, also before the coordinator has confirmed its public version
      // (the client needs the id; the request itself stays 404 until then). An unknown token, or
      // one of an archived request, is a 404.
      scope.get<{ Params: { file: string } }>('/tokens/:file', async (request, reply) => {
        const parsed = splitFormat(request.params.file);
        if (!parsed) throw new Open311Error(404, 'Not found');
        const [token, format] = parsed;
        const row = /^[A-Za-z0-9_-]{16,64}$/.test(token)
          ? await db.selectFrom('open311_requests as o').innerJoin('complaints as c', 'c.id', 'o.complaint_id').select(['c.number']).where('o.token', '=', token).where('c.status', '!=', 'diarsipkan').executeTakeFirst()
          : undefined;
        if (!row?.number) throw new Open311Error(404, 'Unknown token');
        return send(reply, format, 200, [{ service_request_id: row.number, token }], 'service_requests', 'request');
      });

      scope.post<{ Params: { file: string } }>('/:file', async (request, reply) => {
        const parsed = splitFormat(request.params.file);
        if (!parsed || (parsed[0] !== 'requests' && parsed[0] !== 'servicerequestupdates')) throw new Open311Error(404, 'Not found');
        const format = parsed[1];
        const b = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
        const s = (k: string, max = 4000) => (typeof b[k] === 'string' ? (b[k] as string).trim().slice(0, max) : '');
        const client = (await clientOf(b.api_key, true))!;
        if (parsed[0] === 'servicerequestupdates') return postUpdate(reply, format, client, b);
        const code = s('service_code', 60);
        if (!code) throw new Open311Error(400, 'service_code is required');
        if (!(complaintCategories as readonly string[]).includes(code)) throw new Open311Error(404, 'Unknown service_code');
        const lat = s('lat', 30);
        const lon = s('long', 30);
        const addressId = s('address_id', 100);
        // FixMyStreet sends address_id '#NOTPINPOINTED#' next to lat/long: not an address.
        const address = s('address_string', 300) || (addressId && !addressId.startsWith('#') ? addressId : '');
        const hasPoint = lat !== '' && lon !== '';
        if (!hasPoint && !address) throw new Open311Error(400, 'A location is required: lat and long, address_string or address_id');
        const latN = hasPoint ? Number(lat) : null;
        const lonN = hasPoint ? Number(lon) : null;
        if (hasPoint && (!Number.isFinite(latN) || !Number.isFinite(lonN) || Math.abs(latN!) > 90 || Math.abs(lonN!) > 180)) throw new Open311Error(400, 'Invalid lat or long');
        const description = s('description', 4000);
        if (description.length < 10) throw new Open311Error(400, 'description is required (at least 10 characters)');
        const attrs = attributesOf(b);
        const kindAttr = attrs.jenis?.[0];
        if (kindAttr !== undefined && !(complaintKinds as readonly string[]).includes(kindAttr)) throw new Open311Error(400, 'Invalid attribute[jenis]');
        const kind: ComplaintKind = (kindAttr as ComplaintKind | undefined) ?? 'pengaduan';
        const impacts = [...new Set(attrs.dampak ?? [])];
        if (impacts.some((v) => !(impactKeys as readonly string[]).includes(v))) throw new Open311Error(400, 'Invalid attribute[dampak]');
        const landmark = (attrs.patokan?.[0] ?? '').slice(0, LANDMARK_MAX);
        const media = mediaUrls(b.media_url);
        const extra = [
          impacts.length ? t('id', 'open311.attr.impact_line', { list: impacts.map((v) => t('id', messageKeyOr(`open311.attr.impact.${v}`, 'value.unknown'))).join(', ') }) : '',
          landmark ? t('id', 'open311.attr.landmark_line', { text: landmark }) : '',
        ].filter(Boolean);
        const email = s('email', 200);
        const name = [s('first_name', 60), s('last_name', 60)].filter(Boolean).join(' ') || null;
        const phone = s('phone', 30) || null;
        const created = await deps.complaints.fileExternal({
          kind,
          category: code,
          title: description.split(/\r?\n/)[0]!.slice(0, 100),
          body: extra.length ? `${description}\n\n${extra.join('\n')}` : description,
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
        const token = crypto.randomBytes(18).toString('base64url');
        const kept: Record<string, string | string[]> = {};
        if (kindAttr) kept.jenis = kindAttr;
        if (impacts.length) kept.dampak = impacts;
        if (landmark) kept.patokan = landmark;
        await db
          .insertInto('open311_requests')
          .values({ complaint_id: created.id, client_id: client.id, token, attributes: JSON.stringify(kept), media_url: media.length ? media.join('\n') : null, address_id: addressId || null })
          .execute();
        const notice = t('id', 'complaints.open311.notice');
        if (client.respond_with_token) return send(reply, format, 201, [{ token, service_notice: notice, account_id: null }], 'service_requests', 'request');
        return send(reply, format, 201, [{ service_request_id: created.number, service_notice: notice, account_id: null }], 'service_requests', 'request');
      });

      /** servicerequestupdates POST (FixMyStreet's extension): a client's update, for the staff. */
      async function postUpdate(reply: FastifyReply, format: Format, client: { id: string; name: string }, b: Record<string, unknown>) {
        const s = (k: string, max = 4000) => (typeof b[k] === 'string' ? (b[k] as string).trim().slice(0, max) : '');
        const number = s('service_request_id', 40).toUpperCase();
        if (!number) throw new Open311Error(400, 'service_request_id is required');
        const externalId = s('update_id', 100) || s('update_id_ext', 100);
        if (!externalId) throw new Open311Error(400, 'update_id is required');
        const status = s('status', 40).toUpperCase();
        if (!/^[A-Z_]{2,40}$/.test(status)) throw new Open311Error(400, 'Invalid status');
        const description = s('description', 4000);
        const media = mediaUrls(b.media_url);
        if (!description && !media.length) throw new Open311Error(400, 'description is required');
        const at = s('updated_datetime', 40);
        const clientTime = at ? parseW3c(at) : null;
        if (at && !clientTime) throw new Open311Error(400, 'Invalid updated_datetime');
        const target = await db
          .selectFrom('complaints')
          .select(['id', 'routed_agency_id'])
          .where('number', '=', number)
          .where('allow_publish', '=', true)
          .where('status', 'not in', ['menunggu_konfirmasi', 'diarsipkan'])
          // Published, or posted by this very client (it follows its own request before the
          // coordinator has confirmed the public version); anything else is unknown.
          .where((eb) => eb.or([eb('published_at', 'is not', null), eb.exists(eb.selectFrom('open311_requests as own').select('own.complaint_id').whereRef('own.complaint_id', '=', 'complaints.id').where('own.client_id', '=', client.id))]))
          .executeTakeFirst();
        if (!target) throw new Open311Error(404, 'Unknown service_request_id');
        const id = await db.transaction().execute(async (trx) => {
          const seen = await trx.selectFrom('open311_updates').select('id').where('client_id', '=', client.id).where('external_id', '=', externalId).executeTakeFirst();
          if (seen) return seen.id;
          const row = await trx
            .insertInto('open311_updates')
            .values({ complaint_id: target.id, client_id: client.id, external_id: externalId, status, description, media_url: media.length ? media.join('\n') : null, client_time: clientTime })
            .returning('id')
            .executeTakeFirstOrThrow();
          // The staff see it on the complaint's timeline (not shown to the public nor echoed back).
          const note = `${t('id', 'open311.update.from_client', { client: client.name })} (${status}): ${description}${media.length ? `\n${media.join('\n')}` : ''}`;
          await trx.insertInto('complaint_events').values({ complaint_id: target.id, kind: 'client_update', status: null, agency_id: target.routed_agency_id, actor_id: null, note: note.slice(0, 4500), visible: false, created_at: new Date() }).execute();
          return row.id;
        });
        return send(reply, format, 200, [{ update_id: id }], 'service_request_updates', 'request_update');
      }
    },
    { prefix: OPEN311_PREFIX },
  );
}

/** Issues an api_key for an Open311 client: the key is returned once, only its hash is kept. */
export async function issueOpen311Key(database: Database, name: string, createdBy: string | null, opts: { respondWithToken?: boolean } = {}): Promise<{ id: string; key: string }> {
  const db = database.db.withTables<ComplaintTables>() as unknown as ODB;
  const key = crypto.randomBytes(24).toString('base64url');
  const row = await db
    .insertInto('open311_clients')
    .values({ name: name.slice(0, 120), key_hash: hashApiKey(key), created_by: createdBy, respond_with_token: opts.respondWithToken ?? false })
    .returning('id')
    .executeTakeFirstOrThrow();
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
