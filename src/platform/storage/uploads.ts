// Multipart uploads from server-rendered forms (no JavaScript needed). Register on the
// encapsulated scope that holds the upload routes: every field arrives in `request.body` as a
// string (so the `_csrf` field is checked like any form) and every file as an `UploadedFile`
// read into memory up to `maxBytes`; a larger file is marked `tooLarge`, not thrown, so the
// route can show the form again with a clear message and the other values kept.
import type { FastifyInstance } from 'fastify';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';

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

export async function registerUploads(scope: FastifyInstance, opts: { maxBytes: number; maxFiles?: number }): Promise<void> {
  await scope.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: opts.maxBytes, files: opts.maxFiles ?? 1, fields: 50, fieldSize: 200_000, parts: 60 },
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file) {
        size += (chunk as Buffer).length;
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
