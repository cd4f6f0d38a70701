// An uploaded file as the services see it: never a whole file in memory. A multipart form's
// file part is streamed to a temporary file (`uploads.ts`: hashed and measured on the way, cut
// at the scope's limit); an API body already in memory is wrapped by `fileFromBytes`. Services
// judge it by its first and last bytes (`head`, `tail`: magic numbers, the PDF end marker) and
// hand `open()` to `Storage.put`, which streams it into place; `read()` is for the few small
// files that must be parsed whole (CSV imports, bank statements), under their own limits.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { isCompletePdfEnds, sniffContentType, type SniffedType } from './sniff.ts';

/** How many of the first and last bytes are kept in memory for judging a file. */
export const HEAD_BYTES = 4096;
export const TAIL_BYTES = 2048;

export interface UploadedFile {
  /** The name the browser sent, without any folder part; for display only. */
  filename: string;
  /** What the browser claims; never trusted (see sniff.ts). */
  declaredType: string;
  /** Bytes received (at most the limit when `tooLarge`). */
  size: number;
  /** Hex SHA-256 of the bytes (of what was received when `tooLarge`). */
  sha256: string;
  /** The first bytes (up to HEAD_BYTES), for content sniffing. */
  head: Buffer;
  /** The last bytes (up to TAIL_BYTES), e.g. for the PDF end marker. */
  tail: Buffer;
  /** The file was larger than the limit: nothing of it was kept, `open`/`read` give nothing. */
  tooLarge: boolean;
  /** A fresh stream of the bytes (hand it to `Storage.put`). */
  open(): Readable;
  /** All the bytes in memory: only for files parsed whole, under a small limit of their own. */
  read(): Promise<Buffer>;
}

/** Keeps the first HEAD_BYTES and the last TAIL_BYTES of a stream of chunks, and hashes and counts it. */
export class FileEnds {
  size = 0;
  private readonly hash = crypto.createHash('sha256');
  private headChunks: Buffer[] = [];
  private headLen = 0;
  private tailBuf = Buffer.alloc(0);
  add(chunk: Buffer): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.headLen < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLen);
      this.headChunks.push(Buffer.from(part));
      this.headLen += part.length;
    }
    this.tailBuf = chunk.length >= TAIL_BYTES ? Buffer.from(chunk.subarray(chunk.length - TAIL_BYTES)) : Buffer.concat([this.tailBuf, chunk]).subarray(-TAIL_BYTES);
  }
  result(): { size: number; sha256: string; head: Buffer; tail: Buffer } {
    return { size: this.size, sha256: this.hash.digest('hex'), head: Buffer.concat(this.headChunks), tail: Buffer.from(this.tailBuf) };
  }
}

/** A file whose bytes are already in memory (JSON API bodies, tests). */
export function fileFromBytes(bytes: Buffer, opts: { filename?: string; declaredType?: string; maxBytes?: number } = {}): UploadedFile {
  const tooLarge = opts.maxBytes !== undefined && bytes.length > opts.maxBytes;
  const kept = tooLarge ? Buffer.alloc(0) : bytes;
  const ends = new FileEnds();
  ends.add(tooLarge ? bytes.subarray(0, opts.maxBytes) : bytes);
  return {
    filename: opts.filename ?? '',
    declaredType: opts.declaredType ?? '',
    ...ends.result(),
    tooLarge,
    open: () => Readable.from([kept]),
    read: async () => kept,
  };
}

/** A file spooled to `path` (a temporary file the upload scope removes after the response). */
export function spooledFile(path: string | null, meta: { filename: string; declaredType: string; tooLarge: boolean; size: number; sha256: string; head: Buffer; tail: Buffer }): UploadedFile {
  return {
    ...meta,
    open: () => (path ? fs.createReadStream(path) : Readable.from([Buffer.alloc(0)])),
    read: async () => (path ? fs.promises.readFile(path) : Buffer.alloc(0)),
  };
}

/** What the file is, by its first bytes. */
export function sniffUpload(file: UploadedFile): SniffedType | null {
  return sniffContentType(file.head);
}

/** A whole PDF: the header near the start and the end marker near the end. */
export function isCompletePdfUpload(file: UploadedFile): boolean {
  return isCompletePdfEnds(file.head, file.tail);
}
