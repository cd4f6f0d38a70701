// Multipart uploads from server-rendered forms (no JavaScript needed). Register on the
// encapsulated scope that holds the upload routes: every field arrives in `request.body` as a
// string (so the `_csrf` field is checked like any form) and every file as an `UploadedFile`
// read into memory up to `maxBytes`; a larger file is marked `tooLarge`, not thrown, so the
// route can show the form again with a clear message and the other values kept.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { errors } from '../http/errors.ts';
import { cleanFormBody, findInvalidText, invalidTextError } from '../http/text-guard.ts';

export interface UploadedFile {
  /** The name the browser sent, without any folder part; for display only. */
  filename: string;
  /** What the browser claims; never trusted (see sniff.ts). */
  declaredType: string;
  bytes: Buffer;
  /** The file was larger than the limit; `bytes` holds only its beginning. */
  tooLarge: boolean;
}

export function isUploadedFile(v: unknown): v is UploadedFile {
  return !!v && typeof v === 'object' && Buffer.isBuffer((v as UploadedFile).bytes) && typeof (v as UploadedFile).filename === 'string';
}

/** The file in `field` of a parsed form body; undefined when none was chosen (empty file input). */
export function uploadedFile(body: unknown, field: string): UploadedFile | undefined {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (!isUploadedFile(v)) return undefined;
  if (v.filename === '' && v.bytes.length === 0) return undefined;
  return v;
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
}

declare module 'fastify' {
  interface FastifyInstance {
    uploadLimits: UploadLimits & { active: number };
  }
}

/** Gives every upload scope of `app` the node's limits (call once on the root instance). */
export function decorateUploadLimits(app: FastifyInstance, limits: UploadLimits): void {
  app.decorate('uploadLimits', { ...limits, active: 0 });
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
  };
  scope.addHook('onResponse', release);
  scope.addHook('onRequestAbort', release);
  // A refused upload may leave most of its body unread: close the connection after the answer.
  scope.addHook('onSend', async (request, reply) => {
    if (!request.raw.complete && isMultipartRequest(request)) reply.header('connection', 'close');
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
      const chunks: Buffer[] = [];
      let size = 0;
      const maxRequest = scope.uploadLimits?.maxRequestBytes ?? Infinity;
      for await (const chunk of part.file) {
        size += (chunk as Buffer).length;
        // all files of the request so far: a chunked body has no declared length to refuse early
        const total = (fileBytes.get(this) ?? 0) + (chunk as Buffer).length;
        fileBytes.set(this, total);
        if (total > maxRequest) throw errors.tooLarge();
        if (size <= opts.maxBytes) chunks.push(chunk as Buffer);
      }
      const file: UploadedFile = {
        filename: cleanFilename(part.filename ?? ''),
        declaredType: part.mimetype,
        bytes: Buffer.concat(chunks),
        tooLarge: part.file.truncated || size > opts.maxBytes,
      };
      (part as unknown as { value: UploadedFile }).value = file;
    },
  });
}
