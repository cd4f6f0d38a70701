// Multipart uploads from server-rendered forms (no JavaScript needed). Register on the
// encapsulated scope that holds the upload routes: every field arrives in `request.body` as a
// string (so the `_csrf` field is checked like any form) and every file as an `UploadedFile`
// (`upload-file.ts`) streamed to a temporary file while it arrives — hashed and measured on
// the way, never held in memory. A file larger than the scope's `maxBytes` is cut there,
// its partial copy removed at once and the file marked `tooLarge`, not thrown, so the route can
// show the form again (413) with a clear message and the other values kept. The temporary
// files of a request are removed once it is answered (or aborted).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { errors } from '../http/errors.ts';
import { cleanFormBody, findInvalidText, invalidTextError } from '../http/text-guard.ts';
import { FileEnds, spooledFile, type UploadedFile } from './upload-file.ts';

export type { UploadedFile } from './upload-file.ts';

export function isUploadedFile(v: unknown): v is UploadedFile {
  return !!v && typeof v === 'object' && typeof (v as UploadedFile).open === 'function' && typeof (v as UploadedFile).size === 'number' && typeof (v as UploadedFile).filename === 'string';
}

/** The file in `field` of a parsed form body; undefined when none was chosen (empty file input). */
export function uploadedFile(body: unknown, field: string): UploadedFile | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (!isUploadedFile(v)) return undefined;
  if (v.filename === '' && v.size === 0) return undefined;
  return v;
}

/** The status of a form refused for its values: 413 when a file was over the limit, else 422. */
export function uploadStatus(files: Record<string, UploadedFile | undefined>): 413 | 422 {
  return Object.values(files).some((f) => f?.tooLarge) ? 413 : 422;
}

/** Keeps the last path segment and printable characters of a browser-sent file name. */
export function cleanFilename(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  return last.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
}

/** The CSRF cookie (`app.ts`, @fastify/csrf-protection's `cookieKey`). */
const CSRF_COOKIE = 'simpul_csrf';

/** Per node: the largest multipart request, and how many are read at once (set by app.ts). */
export interface UploadLimits {
  maxRequestBytes: number;
  maxConcurrent: number;
  /** Where file parts are spooled while a request is handled (default: the system's temporary folder). */
  spoolDir?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    uploadLimits: UploadLimits & { active: number };
  }
}

/** Gives every upload scope of `app` the node's limits (call once on the root instance). */
export function decorateUploadLimits(app: FastifyInstance, limits: UploadLimits): void {
  app.decorate('uploadLimits', { ...limits, active: 0 });
  if (limits.spoolDir) removeStaleSpools(limits.spoolDir);
}

const SPOOL_PREFIX = 'simpul-upload-';

/** Spool folders a crashed process left behind (older than a day), removed in the background. */
function removeStaleSpools(dir: string): void {
  void (async () => {
    const entries = await fs.promises.readdir(dir).catch(() => [] as string[]);
    for (const name of entries) {
      if (!name.startsWith(SPOOL_PREFIX)) continue;
      const p = path.join(dir, name);
      const st = await fs.promises.stat(p).catch(() => null);
      if (st && Date.now() - st.mtimeMs > 86_400_000) await fs.promises.rm(p, { recursive: true, force: true }).catch(() => {});
    }
  })();
}

/** The request's spool folder (created on its first file part) and its parts so far. */
const spools = new WeakMap<FastifyRequest, { dir: Promise<string>; parts: number }>();

function spoolFor(request: FastifyRequest, base: string): { dir: Promise<string>; parts: number } {
  let s = spools.get(request);
  if (!s) {
    s = { dir: fs.promises.mkdir(base, { recursive: true }).then(() => fs.promises.mkdtemp(path.join(base, SPOOL_PREFIX))), parts: 0 };
    spools.set(request, s);
  }
  return s;
}

async function removeSpool(request: FastifyRequest): Promise<void> {
  const s = spools.get(request);
  if (!s) return;
  spools.delete(request);
  const dir = await s.dir.catch(() => null);
  if (dir) await fs.promises.rm(dir, { recursive: true, force: true }).catch(() => {});
}

export interface UploadScopeOptions {
  maxBytes: number;
  maxFiles?: number;
  /** `signed-in` (default): an anonymous multipart request is refused before its body is read; `public`: anyone (still CSRF-checked). */
  access?: 'signed-in' | 'public';
}

/**
 * Refuses a multipart request before any of its body is read (issue 12, item 3): anonymous on
 * a signed-in scope (401), or without the CSRF cookie (403). `Connection: close` makes Node close
 * the socket after the answer instead of reading and discarding the rest of the body.
 */
const isMultipartRequest = (request: FastifyRequest) => /^multipart\//i.test(String(request.headers['content-type'] ?? ''));

const counted = new WeakSet<FastifyRequest>();
const fileBytes = new WeakMap<FastifyRequest, number>();

function refuseEarly(scope: FastifyInstance, access: 'signed-in' | 'public'): void {
  scope.addHook('onRequest', async (request) => {
    if (!isMultipartRequest(request)) return;
    const limits = scope.uploadLimits;
    // A declared length over the limit is refused before a byte is read; a chunked body is
    // counted as it arrives (onFile below).
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (limits && Number.isFinite(declared) && declared > limits.maxRequestBytes) throw errors.tooLarge();
    if (request.actor?.via !== 'token') {
      // bearer clients: no ambient credentials, no CSRF
      if (access === 'signed-in' && !request.actor) throw errors.unauthenticated();
      if (!request.cookies[CSRF_COOKIE]) throw errors.csrf();
    }
    if (!limits) return;
    if (limits.active >= limits.maxConcurrent) throw errors.busy();
    limits.active += 1;
    counted.add(request);
  });
  const release = async (request: FastifyRequest) => {
    if (counted.delete(request)) scope.uploadLimits.active -= 1;
    await removeSpool(request);
  };
  scope.addHook('onResponse', release);
  scope.addHook('onRequestAbort', release);
  // A refused upload may leave most of its body unread: close the connection after the answer.
  scope.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete && isMultipartRequest(request)) reply.header('connection', 'close');
    await removeSpool(request); // the handler is done with its files (stored or refused)
  });
}

/**
 * The CSRF token must arrive before the first file (every Simpul upload form has the hidden
 * `_csrf` input first, and browsers send fields in document order): it is checked on the fields
 * read so far, before a byte of the file is read.
 */
async function checkCsrfBeforeFile(scope: FastifyInstance, request: FastifyRequest, part: MultipartFile): Promise<void> {
  if (request.actor?.via === 'token') return;
  const field = (part.fields as Record<string, { value?: unknown } | { value?: unknown }[] | undefined>)._csrf;
  const token = Array.isArray(field) ? undefined : typeof field?.value === 'string' ? field.value : undefined;
  if (!token) throw errors.csrf();
  await new Promise<void>((resolve, reject) => {
    // csrfProtection reads the token through app.ts's getToken (request.body._csrf), the secret
    // through reply.unsignCookie, and answers a failure with reply.send(error): give it views
    // that turn that answer into a rejection.
    const req = Object.create(request, { body: { value: { _csrf: token } } }) as FastifyRequest;
    const rep = { unsignCookie: (v: string) => request.unsignCookie(v), send: () => reject(errors.csrf()) } as unknown as FastifyReply;
    scope.csrfProtection(req, rep, () => resolve());
  });
}

export async function registerUploads(scope: FastifyInstance, opts: UploadScopeOptions): Promise<void> {
  await registerMultipartParser(scope, opts);
  refuseEarly(scope, opts.access ?? 'signed-in');
  // Fields arrive in the multipart parser's preValidation hook, after the root's text guard
  // ran on an empty body: check them here (NUL, lone surrogates → 400).
  scope.addHook('preValidation', async (request) => {
    const body = request.body;
    if (!body || typeof body !== 'object') return;
    const bad = findInvalidText(body);
    if (!bad.length) return;
    request.body = cleanFormBody(body as Record<string, unknown>);
    throw invalidTextError(bad);
  });
}

async function registerMultipartParser(scope: FastifyInstance, opts: UploadScopeOptions): Promise<void> {
  await scope.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: opts.maxBytes, files: opts.maxFiles ?? 1, fields: 50, fieldSize: 200_000, parts: 60 },
    async onFile(this: FastifyRequest, part: MultipartFile) {
      await checkCsrfBeforeFile(scope, this, part);
      const maxRequest = scope.uploadLimits?.maxRequestBytes ?? Infinity;
      const spooled = await spool(this, scope, part.file, (n) => {
        // all files of the request so far: a chunked body has no declared length to refuse early
        const total = (fileBytes.get(this) ?? 0) + n;
        fileBytes.set(this, total);
        if (total > maxRequest) throw errors.tooLarge();
      });
      // busboy stops a part at `fileSize` (= maxBytes) and marks it truncated
      const tooLarge = part.file.truncated || spooled.size > opts.maxBytes;
      if (tooLarge) await fs.promises.rm(spooled.path, { force: true }); // the partial copy goes at once
      const { path: file, ...ends } = spooled;
      const meta = { filename: cleanFilename(part.filename ?? ''), declaredType: part.mimetype, tooLarge, ...ends };
      (part as unknown as { value: UploadedFile }).value = spooledFile(tooLarge ? null : file, meta);
    },
  });
}

/**
 * Streams `source` to a new file in the request's spool folder, hashing and measuring it and
 * keeping its first and last bytes; `onChunk` may throw to stop (the partial file is removed).
 */
async function spool(request: FastifyRequest, scope: FastifyInstance, source: AsyncIterable<unknown>, onChunk: (bytes: number) => void) {
  const s = spoolFor(request, scope.uploadLimits?.spoolDir ?? os.tmpdir());
  const file = path.join(await s.dir, `${s.parts++}-${crypto.randomBytes(4).toString('hex')}`);
  const ends = new FileEnds();
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  try {
    for await (const chunk of source) {
      onChunk((chunk as Buffer).length);
      ends.add(chunk as Buffer);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'close');
  } catch (err) {
    if (!out.closed) {
      out.destroy();
      await once(out, 'close').catch(() => {});
    }
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return { path: file, ...ends.result() };
}

/**
 * A scope whose routes take one file as the raw request body (`Content-Type: contentType`, or
 * one of several, e.g. the API's PDF upload): the body is streamed to a temporary file like a
 * form's file part and arrives as an `UploadedFile` in `request.body`. Anonymous requests
 * (unless `access: 'public'`, for routes that check a secret of their own) and a declared
 * length over `maxBytes` are refused before the body is read; a longer body stops at `maxBytes`
 * with 413. A raw body of these types cannot be sent by a cross-site form, so no CSRF token.
 */
export function registerRawUpload(scope: FastifyInstance, opts: { contentType: string | readonly string[]; maxBytes: number; access?: 'signed-in' | 'public' }): void {
  const types = typeof opts.contentType === 'string' ? [opts.contentType] : [...opts.contentType];
  scope.addHook('onRequest', async (request) => {
    const type = String(request.headers['content-type'] ?? '').toLowerCase();
    if (!types.some((t) => type.startsWith(t))) return;
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > opts.maxBytes) throw errors.tooLarge();
    if ((opts.access ?? 'signed-in') === 'signed-in' && !request.actor) throw errors.unauthenticated();
  });
  scope.addHook('onResponse', async (request) => removeSpool(request));
  scope.addHook('onRequestAbort', async (request) => removeSpool(request));
  scope.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete) reply.header('connection', 'close');
    await removeSpool(request);
  });
  scope.addContentTypeParser(types, async (request: FastifyRequest, payload: AsyncIterable<unknown>) => {
    let total = 0;
    // Stopping early must not destroy the request (that would reset the connection before the
    // 413 is sent): read through a generator that does not close the payload when left.
    const detached = (async function* () {
      const it = payload[Symbol.asyncIterator]();
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    })();
    const s = await spool(request, scope, detached, (n) => {
      total += n;
      if (total > opts.maxBytes) throw errors.tooLarge();
    });
    const { path: file, ...ends } = s;
    const declaredType = types.find((t) => String(request.headers['content-type'] ?? '').toLowerCase().startsWith(t)) ?? types[0]!;
    return spooledFile(file, { filename: '', declaredType, tooLarge: false, ...ends });
  });
}
