// Public page cache (issue 16): anonymous GETs of the public pages chosen by the composition
// root are kept rendered in memory, with their gzip and brotli forms made once, an ETag, and
// 304 on If-None-Match. Correct with several nodes: every change to what these pages show
// raises one number in the database (`public_content_version`, in the same transaction as the
// change, through `markPublicContentChanged`), and every node reads that number before
// answering from its cache; a page rendered at an older number is never served.
//
// Never cached: anything with a session cookie, a bearer token or a signed-in actor; a
// response that set a cookie or used a CSRF token; anything but 200.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Executor } from '../db/database.ts';
import { SESSION_COOKIE } from './context.ts';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/**
 * Records that what anonymous public pages show has changed. Call it inside the transaction
 * that makes the change: the cached pages of every node are dropped when it commits.
 */
export async function markPublicContentChanged(trx: Executor): Promise<void> {
  await trx
    .updateTable('public_content_version')
    .set({ version: sql<number>`version + 1`, updated_at: new Date() })
    .where('id', '=', 1)
    .execute();
}

/** The committed version number; requests arriving in the same turn of the event loop share one read. */
function versionReader(database: Database): () => Promise<number> {
  let pending: Promise<number> | null = null;
  const query = async () => {
    const row = await database.db.selectFrom('public_content_version').select('version').where('id', '=', 1).executeTakeFirst();
    return Number(row?.version ?? 0);
  };
  return () => {
    if (pending) return pending;
    const p: Promise<number> = new Promise((resolve, reject) => {
      // A read that starts after every request sharing it arrived: none sees an older number.
      setImmediate(() => {
        if (pending === p) pending = null;
        query().then(resolve, reject);
      });
    });
    pending = p;
    return p;
  };
}

interface Entry {
  version: number;
  storedAt: number;
  status: number;
  contentType: string;
  body: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag: string;
  bytes: number;
}

interface Slot {
  key: string;
  version: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheSlot: Slot | null;
  }
}

export interface PublicCacheOptions {
  /** Route patterns (as registered, e.g. `/layanan/:slug`) whose anonymous GETs are cached. */
  routes: string[];
  /** Seconds an entry may be served (an upper bound for figures such as "most used"); 0 = off. */
  maxAgeSeconds: number;
  /** Called on a cache hit of a route (e.g. to count a page view without rendering). */
  onHit?: Record<string, (request: FastifyRequest) => void>;
  maxEntries?: number;
  maxBytes?: number;
  /** Bodies smaller than this are kept uncompressed. */
  compressThreshold?: number;
}

export interface PublicCacheStats {
  hits: number;
  misses: number;
  stored: number;
  entries: number;
  bytes: number;
}

const CACHE_CONTROL = 'private, no-cache';
const VARY = 'Accept-Encoding, Accept-Language, Cookie';

/** Chooses the stored encoding the client accepts: brotli, then gzip, else none. */
function pickEncoding(accept: string | undefined, entry: Entry): 'br' | 'gzip' | null {
  if (!accept) return null;
  const a = accept.toLowerCase();
  const accepts = (name: string) => {
    const i = a.indexOf(name);
    if (i < 0) return false;
    const rest = a.slice(i + name.length).split(',')[0] ?? '';
    return !/;\s*q=0(?:\.0*)?\s*$/.test(rest);
  };
  if (entry.br && accepts('br')) return 'br';
  if (entry.gzip && accepts('gzip')) return 'gzip';
  return null;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

export interface PublicPageCache {
  stats(): PublicCacheStats;
  /** Drops every entry (this node only; other nodes follow the database version). */
  clear(): void;
}

export function registerPublicPageCache(app: FastifyInstance, database: Database, opts: PublicCacheOptions): PublicPageCache {
  const routes = new Set(opts.routes);
  const maxAgeMs = opts.maxAgeSeconds * 1000;
  const maxEntries = opts.maxEntries ?? 2000;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const threshold = opts.compressThreshold ?? 1024;
  const readVersion = versionReader(database);
  const entries = new Map<string, Entry>();
  let currentVersion = -1;
  let bytes = 0;
  const counters = { hits: 0, misses: 0, stored: 0 };

  app.decorateRequest('publicCacheSlot', null);

  function clear() {
    entries.clear();
    bytes = 0;
  }

  function remove(key: string) {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.bytes;
  }

  function eligible(request: FastifyRequest): boolean {
    if (maxAgeMs <= 0 || request.method !== 'GET') return false;
    const url = request.routeOptions.url;
    if (!url || !routes.has(url)) return false;
    if (request.actor || request.headers.authorization || request.cookies[SESSION_COOKIE]) return false;
    return true;
  }

  // After the request context (actor, locale) is known: answer from the cache when we can.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!eligible(request)) return;
    const version = await readVersion();
    if (version !== currentVersion) {
      clear();
      currentVersion = version;
    }
    const key = `${request.locale}\u0000${request.url}`;
    const entry = entries.get(key);
    if (!entry || Date.now() - entry.storedAt > maxAgeMs) {
      if (entry) remove(key);
      counters.misses++;
      request.publicCacheSlot = { key, version };
      return;
    }
    counters.hits++;
    // Most recently used last: the oldest are evicted first.
    entries.delete(key);
    entries.set(key, entry);
    opts.onHit?.[request.routeOptions.url!]?.(request);
    reply.header('etag', entry.etag).header('cache-control', CACHE_CONTROL).header('vary', VARY);
    if (etagMatches(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
    const encoding = pickEncoding(request.headers['accept-encoding'], entry);
    reply.code(entry.status).type(entry.contentType);
    if (encoding) return reply.header('content-encoding', encoding).send(encoding === 'br' ? entry.br : entry.gzip);
    // Small, not yet compressed, or no encoding accepted: as it is (compression may still apply).
    return reply.send(entry.body);
  });

  // A miss: keep what was rendered, unless it was meant for this visitor only.
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const slot = request.publicCacheSlot;
    if (!slot) return payload;
    request.publicCacheSlot = null;
    if (reply.statusCode !== 200 || request.personal || reply.getHeader('set-cookie')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = `"${crypto.createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
    reply.header('etag', etag).header('cache-control', CACHE_CONTROL).header('vary', VARY);
    if (slot.version !== currentVersion) return payload;
    const entry: Entry = {
      version: slot.version,
      storedAt: Date.now(),
      status: 200,
      contentType: String(reply.getHeader('content-type') ?? 'text/html; charset=utf-8'),
      body,
      etag,
      bytes: body.length,
    };
    remove(slot.key);
    entries.set(slot.key, entry);
    bytes += entry.bytes;
    counters.stored++;
    while (entries.size > maxEntries || bytes > maxBytes) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      remove(oldest);
    }
    if (body.length >= threshold) {
      // Made once per page and version, off the event loop, at levels too slow per request.
      void Promise.all([gzip(body, { level: 9 }), brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } })])
        .then(([gz, br]) => {
          if (entries.get(slot.key) !== entry) return;
          entry.gzip = gz;
          entry.br = br;
          entry.bytes += gz.length + br.length;
          bytes += gz.length + br.length;
        })
        .catch(() => undefined);
    }
    return payload;
  });

  return {
    stats: () => ({ ...counters, entries: entries.size, bytes }),
    clear,
  };
}
