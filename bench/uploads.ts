// Memory of large uploads: starts `simpul start` (PGlite, demo data) as a separate process with
// a 250 MB per-file limit, signs in as a demo operator, and posts BENCH_UPLOAD_COUNT (4) legal PDFs
// of BENCH_UPLOAD_MB (200) MB at once through the back-office form (multipart, CSRF token
// first, as a browser sends it), generated on the fly so the client holds none of it. Prints
// the server's resident memory before, its peak (VmHWM) after, and checks every file arrived
// whole (size and SHA-256 as stored). Files stream to a temporary file and into storage, so the
// peak must stay near the idle figure whatever the file size.
//
// Run: `npx tsx bench/uploads.ts` (also part of `npm run bench` unless BENCH_UPLOADS=0).
// BENCH_ROOT runs another checkout's sources (e.g. an older commit, to compare).
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.env.BENCH_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const uploads = Number(process.env.BENCH_UPLOAD_COUNT ?? 4);
const sizeMb = Number(process.env.BENCH_UPLOAD_MB ?? 200);
const OPERATOR = 'operator.dpmptsp@contohprov.go.id';
const PASSWORD = 'Simpul#Demo2026';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

/** Cookies kept like a browser (name → value). */
class Session {
  cookies = new Map<string, string>();
  constructor(readonly port: number) {}
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  async get(url: string) {
    const res = await fetch(`http://127.0.0.1:${this.port}${url}`, { headers: { cookie: this.header(), accept: 'text/html' }, redirect: 'manual' });
    this.keep(res);
    return res.text();
  }
  async post(url: string, form: Record<string, string>) {
    const res = await fetch(`http://127.0.0.1:${this.port}${url}`, {
      method: 'POST',
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return res;
  }
}

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** Posts one multipart form with a generated PDF of `bytes` bytes; resolves with the status and the file's SHA-256. */
function postUpload(s: Session, token: string, agencyId: string, n: number, bytes: number): Promise<{ status: number; sha256: string; location: string }> {
  const boundary = `----simpulbench${crypto.randomBytes(8).toString('hex')}`;
  const fields: Record<string, string> = { _csrf: token, type: 'peraturan-daerah', number: `B${n}-${Date.now() % 100000}`, year: '2026', title: `Uji unggah besar ${n}`, status: 'berlaku', summary: 'Bench.', agencyId };
  const head = Buffer.from(
    Object.entries(fields)
      .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
      .join('') + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="besar-${n}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const pdfStart = Buffer.from('%PDF-1.4\n');
  const pdfEnd = Buffer.from('\n%%EOF\n');
  const filler = bytes - pdfStart.length - pdfEnd.length;
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const hash = crypto.createHash('sha256');
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: s.port,
        method: 'POST',
        path: '/kelola/hukum',
        headers: { cookie: s.header(), accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + bytes + tail.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sha256: hash.digest('hex'), location: String(res.headers.location ?? '') }));
      },
    );
    req.on('error', reject);
    (async () => {
      const write = (b: Buffer) => (req.write(b) ? Promise.resolve() : new Promise<void>((r) => req.once('drain', () => r())));
      await write(head);
      hash.update(pdfStart);
      await write(pdfStart);
      for (let left = filler; left > 0; left -= chunk.length) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        hash.update(part);
        await write(part);
      }
      hash.update(pdfEnd);
      await write(pdfEnd);
      req.end(tail);
    })().catch(reject);
  });
}

export async function benchUploads(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-uploads-'));
  const port = await freePort();
  const limit = String((sizeMb + 50) * 1024 * 1024);
  const baseEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', DATA_DIR: dir, DATABASE_URL: '' };
  // The demo is loaded by its own process first, so the server's memory peak is its own.
  const seed = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'seed', '--demo'], { cwd: root, env: baseEnv, stdio: 'ignore' });
  const seeded = await new Promise<number>((r) => seed.on('exit', (code) => r(code ?? 1)));
  if (seeded !== 0) throw new Error(`simpul seed --demo exited with ${seeded}`);
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
    cwd: root,
    env: {
      ...baseEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_SEED: 'false',
      UPLOAD_MAX_BYTES: limit,
      UPLOAD_MAX_REQUEST_BYTES: String(Number(limit) + 1024 * 1024),
      UPLOAD_MAX_CONCURRENT: String(uploads),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (c: Buffer) => {
    if (out.length < 20_000) out += c.toString();
  };
  proc.stdout!.on('data', keep);
  proc.stderr!.on('data', keep);
  try {
    const t0 = Date.now();
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`simpul start exited:\n${out.slice(-3000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200).catch(() => false);
      if (ok) break;
      if (Date.now() - t0 > 300_000) throw new Error(`not ready after 300 s:\n${out.slice(-3000)}`);
      await sleep(200);
    }
    const s = new Session(port);
    const signIn = await s.post('/masuk', { _csrf: csrfIn(await s.get('/masuk')), login: OPERATOR, password: PASSWORD });
    if (signIn.status !== 303) throw new Error(`sign-in failed: ${signIn.status}`);
    const form = await s.get('/kelola/hukum/baru');
    const token = csrfIn(form);
    if (!token) throw new Error('no CSRF token on the upload form');
    // the operator's own agency (a region-level document needs a region-wide grant)
    const agencyId = /name="agencyId"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(form)?.[1] ?? '';
    await sleep(2000); // let the start settle
    const before = memoryOf(proc.pid!);
    let peakDuring = before.rss;
    const sampler = setInterval(() => {
      peakDuring = Math.max(peakDuring, memoryOf(proc.pid!).rss);
    }, 100);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: uploads }, (_, i) => postUpload(s, token, agencyId, i + 1, sizeMb * 1024 * 1024)));
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const after = memoryOf(proc.pid!);
    // every file stored whole: the detail page shows its SHA-256
    let whole = 0;
    for (const r of results) {
      if (r.status !== 303) continue;
      const page = await s.get(r.location.split('?')[0]!);
      if (page.includes(r.sha256.slice(0, 16))) whole++;
    }
    console.log(`Uploads: ${uploads} × ${sizeMb} MB at once, signed in with CSRF, multipart to /kelola/hukum (PGlite, demo data; ${root})`);
    console.log(`  statuses: ${results.map((r) => r.status).join(', ')}; stored whole (SHA-256 as sent): ${whole} of ${uploads}; ${seconds.toFixed(1)} s (${((uploads * sizeMb) / seconds).toFixed(0)} MB/s)`);
    console.log(`  server RSS before: ${before.rss} MB (peak so far ${before.peak} MB); highest sampled during: ${peakDuring} MB; peak (VmHWM) after: ${after.peak} MB; growth of the peak: ${after.peak - before.peak} MB`);
    if (whole !== uploads) process.exitCode = 1;
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    if (proc.exitCode === null) proc.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run directly (`npx tsx bench/uploads.ts`), not when imported by bench/run.ts.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchUploads();
