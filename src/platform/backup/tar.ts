// A minimal POSIX tar (ustar) writer and reader for backup archives: regular files only, names
// chosen by Simpul (short, ASCII), sizes below 8 GiB per entry. Standard enough that
// `tar -tzf simpul-backup-….tar.gz` lists a plain (unencrypted) backup.
import fs from 'node:fs/promises';

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1;

export interface TarSource {
  name: string;
  /** A file on disk whose bytes become the entry, or the bytes themselves. */
  path?: string;
  bytes?: Buffer;
}

export interface TarEntry {
  name: string;
  size: number;
  /** Offset of the entry's first byte in the tar file. */
  offset: number;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 99 || !/^[\x21-\x7e]+$/.test(name)) throw new Error(`Unusable tar entry name: ${name}`);
  if (size > MAX_SIZE) throw new Error(`Entry ${name} is larger than 8 GiB`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 'ascii');
  h.write(octal(0o640, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

/** The tar stream of `sources`, in order (files are read in chunks, never whole). */
export async function* tarStream(sources: TarSource[], mtime = new Date()): AsyncGenerator<Buffer> {
  for (const s of sources) {
    if (s.bytes) {
      yield tarHeader(s.name, s.bytes.length, mtime);
      yield s.bytes;
      const pad = (BLOCK - (s.bytes.length % BLOCK)) % BLOCK;
      if (pad) yield Buffer.alloc(pad);
      continue;
    }
    const handle = await fs.open(s.path!, 'r');
    try {
      const { size } = await handle.stat();
      yield tarHeader(s.name, size, mtime);
      let written = 0;
      for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1 << 16 })) {
        written += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
      if (written !== size) throw new Error(`${s.name} changed while it was archived`);
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) yield Buffer.alloc(pad);
    } finally {
      await handle.close();
    }
  }
  yield Buffer.alloc(BLOCK * 2);
}

export class TarFormatError extends Error {}

/** The entries of an (uncompressed) tar file on disk, read by position. */
export async function readTarIndex(tarPath: string): Promise<TarEntry[]> {
  const handle = await fs.open(tarPath, 'r');
  try {
    const { size: total } = await handle.stat();
    const entries: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let pos = 0;
    for (;;) {
      if (pos + BLOCK > total) throw new TarFormatError('the archive ends in the middle');
      await handle.read(h, 0, BLOCK, pos);
      if (h.every((b) => b === 0)) return entries;
      const stored = parseInt(h.subarray(148, 156).toString('ascii').replace(/[\0 ]+$/g, '').trim(), 8);
      h.write('        ', 148, 'ascii');
      let sum = 0;
      for (const b of h) sum += b;
      if (sum !== stored) throw new TarFormatError('an archive header is damaged');
      const name = h.subarray(0, 100).toString('ascii').replace(/\0.*$/s, '');
      const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0', 8);
      if (!Number.isFinite(size) || size < 0) throw new TarFormatError('an archive header is damaged');
      const offset = pos + BLOCK;
      if (offset + size > total) throw new TarFormatError('the archive ends in the middle');
      entries.push({ name, size, offset });
      pos = offset + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
}
