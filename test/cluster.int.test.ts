// Several nodes on one PostgreSQL and one object store (PostgreSQL project only): two web nodes
// and a worker run as real processes (`simpul start`, SIMPUL_ROLE=web|worker) behind a small
// round-robin proxy started here, with files on an S3-compatible server (s3rver). Citizens
// submit applications with a PDF, an agency uploads legal PDFs and the finance officer imports a
// bank statement large enough for the worker to read it from storage; the worker pays the bills
// it matches and renders their kuitansi. One web node is killed (SIGKILL) mid-load and started
// again. Then: every acknowledged submission and upload is there once, every stored file is
// readable through every web node, and every background job ran exactly once.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { AgencyView } from '../src/modules/agencies/agencies.service.ts';
import { generatePaymentCode } from '../src/modules/payments/payment-code.ts';
import { makeBankAccount, makeBill, type TestBill } from '../src/modules/payments/payments.test-support.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/log.ts';
import { sha256Of } from '../src/platform/storage/storage.ts';
import { clonePostgresDatabase } from './database.ts';
import { makeAgency, makeCitizen, makeServiceWithSop, makeStaff, testApplicantSection, testKtpRequirement, testServiceContent } from './factories.ts';
import { engine, testConfig, type TestApp } from './harness.ts';
import { tinyPdf } from './http.ts';
import { startS3, type TestS3 } from './s3.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SESSION_SECRET = 'cluster-session-secret-0123456789-abcdef';
const ENCRYPTION_KEY = 'cluster-encryption-key-0123456789-abcdef';
const CITIZENS = 8;
const PER_CITIZEN = 3;
const BILLS = 8;
const NOISE_LINES = 560; // > 500 credit lines: the worker processes the import, reading the file from storage
const LEGAL_DOCS = 4;
const MAPPING = 'Uji klaster';

// ---- processes and proxy --------------------------------------------------------------------

interface Node {
  name: string;
  port: number;
  child: ChildProcess;
  output: string[];
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

function startNode(name: string, role: 'web' | 'worker', port: number, env: Record<string, string>): Node {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'simpul.js'), 'start'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, SIMPUL_ROLE: role, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { name, port, child, output };
}

async function waitForHealth(node: Node, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (node.child.exitCode !== null) throw new Error(`${node.name} exited (${node.child.exitCode}):\n${node.output.join('')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${node.port}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${node.name} did not answer /health:\n${node.output.join('')}`);
}

async function stopNode(node: Node | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!node || node.child.exitCode !== null || node.child.signalCode !== null) return;
  const exited = new Promise((r) => node.child.once('exit', r));
  node.child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
}

/**
 * Round-robin HTTP proxy over `ports`, like a load balancer: a request that could not connect
 * (the node is down) goes to the next node; one that a node dropped half-way gets 502.
 */
async function startProxy(ports: number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const forward = (tries: number) => {
        const port = ports[next++ % ports.length]!;
        const up = http.request(
          { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': '10.1.2.3' }, agent: false },
          (ur) => {
            res.writeHead(ur.statusCode ?? 502, ur.headers);
            ur.pipe(res);
            ur.on('error', () => res.destroy());
          },
        );
        up.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'ECONNREFUSED' && tries + 1 < ports.length) return forward(tries + 1);
          if (!res.headersSent) res.writeHead(502).end('bad gateway');
          else res.destroy();
        });
        up.end(body);
      };
      forward(0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((r) => server.close(() => r())) };
}

// ---- a browser-like client over fetch -------------------------------------------------------

class Browser {
  readonly cookies = new Map<string, string>();
  constructor(sessionToken?: string) {
    if (sessionToken) this.cookies.set('simpul_sid', sessionToken);
  }
  async fetch(base: string, url: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(base + url, { method: init.method ?? 'GET', headers: { ...(cookie ? { cookie } : {}), ...init.headers }, body: init.body as BodyInit | undefined, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
    return res;
  }
  /** A page with a form: its CSRF token (the secret cookie comes with it). */
  async csrf(base: string): Promise<string> {
    const html = await (await this.fetch(base, '/', { headers: { accept: 'text/html' } })).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF token');
    return m[1]!;
  }
  async api(base: string, method: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const token = await this.csrf(base);
    return this.fetch(base, url, { method, headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': token, ...headers }, body: JSON.stringify(body) });
  }
}

/** Retries `attempt` while the cluster answers 502/503 or the connection drops (a node died). */
async function untilAnswered(attempt: () => Promise<Response>, tries = 40): Promise<Response> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      const res = await attempt();
      if (res.status !== 502 && res.status !== 503) return res;
      last = new Error(`HTTP ${res.status}`);
      await res.body?.cancel();
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw last;
}

// ---- the test -------------------------------------------------------------------------------

const maybe = engine === 'postgres' ? describe : describe.skip;

maybe('several nodes on PostgreSQL and object storage', () => {
  let s3: TestS3;
  let t: TestApp;
  let nodes: Node[] = [];
  let proxy: { port: number; close(): Promise<void> } | undefined;
  let env: Record<string, string>;
  let agency: AgencyView;
  let slug: string;
  let admin: Browser;
  let finance: Browser;
  let accountId: string;
  let bills: (TestBill & { payer: Browser })[] = [];
  const citizens: { userId: string; browser: Browser }[] = [];

  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'simpul-cluster-'));
    s3 = await startS3();
    const url = await clonePostgresDatabase();
    const config = testConfig({ databaseUrl: url, sessionSecret: SESSION_SECRET, encryptionKey: ENCRYPTION_KEY, storage: { kind: 's3', ...s3.config() } });
    const database = await openDatabase({ databaseUrl: url, poolSize: 3 });
    const built = await buildApp(config, database, { logger: createLogger(config) });
    t = { ...built, database, config, runJobs: () => built.deps.jobs.runDue(), close: async () => (await built.close(), await database.close()) };

    // Data made in-process, as the back office would: agency, a service taking a KTP PDF, people.
    agency = await makeAgency(t);
    const content = testServiceContent('Izin Klaster', { requirements: [testKtpRequirement] });
    const form = { sections: [testApplicantSection({ key: 'ktp', type: 'file', label: 'KTP', required: true, requirementKey: 'ktp' })] };
    slug = (await makeServiceWithSop(t, agency, { content, form })).slug;
    const session = async (userId: string) => new Browser((await t.deps.identity.createSession(t.database.db, userId, { ip: null, userAgent: null }, true)).token);
    admin = await session((await makeStaff(t, 'agency_admin', agency)).userId);
    const financeUser = await makeStaff(t, 'finance_officer', null);
    finance = await session(financeUser.userId);
    for (let i = 0; i < CITIZENS; i++) {
      const c = await makeCitizen(t);
      citizens.push({ userId: c.userId, browser: await session(c.userId) });
    }
    accountId = (await makeBankAccount(t, { bankCode: 'BNI' })).id;
    const financeActor = { userId: financeUser.userId, kind: 'staff', name: 'Bendahara', locale: 'id', grants: [{ role: 'finance_officer', agencyId: null }], mfaPassed: true, mfaEnrolled: false, sessionId: null, via: 'session' } as const;
    await t.database.db.transaction().execute((trx) =>
      t.deps.reconciliation.saveMapping(trx, { actor: financeActor as never }, { name: MAPPING, bankCode: 'BNI', mapping: { delimiter: ',', date: 'Tanggal', dateFormats: ['DD/MM/YYYY'], description: 'Keterangan', reference: 'Referensi', direction: { kind: 'columns', debit: 'Debet', credit: 'Kredit' }, amountFormat: 'plain' } }),
    );
    for (let i = 0; i < BILLS; i++) {
      const b = await makeBill(t, { amount: 250_000 + i * 1_000, agency, code: generatePaymentCode() });
      bills.push({ ...b, payer: await session(b.payerId) });
    }

    // Two web nodes and a worker, one database, one object store, the same secrets.
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      SESSION_SECRET,
      ENCRYPTION_KEY,
      REQUIRE_ADMIN_MFA: 'false',
      TRUST_PROXY: '127.0.0.1',
      JOB_POLL_MS: '200',
      SLA_ESCALATION_EVERY_SECONDS: '10',
      BILL_EXPIRE_EVERY_SECONDS: '10',
      DOCUMENT_REMINDER_EVERY_SECONDS: '10',
      DATA_DIR: dataDir, // holds no files: STORAGE=s3
      ...s3.env(),
    };
    const [p1, p2] = [await freePort(), await freePort()];
    nodes = [startNode('web1', 'web', p1, env), startNode('web2', 'web', p2, env), startNode('worker', 'worker', 0, env)];
    await Promise.all([waitForHealth(nodes[0]!), waitForHealth(nodes[1]!)]);
    proxy = await startProxy([p1, p2]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => stopNode(n)));
    await proxy?.close();
    await t?.close();
    await s3?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('[S-2] loses nothing when a web node dies mid-load; files stored by any node are readable on every node; jobs run once', async () => {
    const base = `http://127.0.0.1:${proxy!.port}`;
    const acked: { tracking: string; key: string; userId: string; sha256: string }[] = [];
    const legal: { id: string; sha256: string }[] = [];
    let killed = false;
    let restarted: Promise<void> | undefined;
    const killWhenDue = () => {
      if (killed || acked.length < (CITIZENS * PER_CITIZEN) / 3) return;
      killed = true;
      nodes[0]!.child.kill('SIGKILL');
      // systemd would restart it; it rejoins on the same port while the load goes on
      restarted = (async () => {
        await new Promise((r) => nodes[0]!.child.once('exit', r));
        nodes[0] = startNode('web1', 'web', nodes[0]!.port, env);
        await waitForHealth(nodes[0]);
      })();
    };

    // Citizens submit with a PDF each; a lost answer is retried with the same Idempotency-Key.
    const submitting = citizens.map(async (c, ci) => {
      for (let n = 0; n < PER_CITIZEN; n++) {
        const pdf = Buffer.concat([tinyPdf.subarray(0, 9), Buffer.from(`% warga ${ci} berkas ${n} ${crypto.randomUUID()}\n`), tinyPdf.subarray(9)]);
        const key = crypto.randomUUID();
        const body = { service: slug, data: {}, files: { ktp: { filename: `ktp-${ci}-${n}.pdf`, contentBase64: pdf.toString('base64') } } };
        const res = await untilAnswered(() => c.browser.api(base, 'POST', '/api/v1/applications', body, { 'idempotency-key': key }));
        expect(res.status, await res.clone().text()).toBe(201);
        acked.push({ tracking: ((await res.json()) as { trackingNumber: string }).trackingNumber, key, userId: c.userId, sha256: sha256Of(pdf) });
        killWhenDue();
      }
    });

    // The agency uploads legal PDFs (created, then the file PUT); only acknowledged uploads count.
    const uploading = (async () => {
      for (let i = 0; i < LEGAL_DOCS; i++) {
        const created = await untilAnswered(() => admin.api(base, 'POST', '/api/v1/legal-documents', { type: 'peraturan-gubernur', number: `${900 + i}-${crypto.randomInt(1e6)}`, year: 2026, title: `Peraturan Gubernur Klaster ${i}`, agency: agency.slug }));
        if (created.status !== 201 && created.status !== 200) continue;
        const { id } = (await created.json()) as { id: string };
        const pdf = Buffer.concat([tinyPdf.subarray(0, 9), Buffer.from(`% peraturan ${i} ${crypto.randomUUID()}\n`), tinyPdf.subarray(9)]);
        const put = await untilAnswered(async () => {
          const token = await admin.csrf(base);
          return admin.fetch(base, `/api/v1/legal-documents/${id}/file`, { method: 'PUT', headers: { 'content-type': 'application/pdf', accept: 'application/json', 'x-csrf-token': token }, body: pdf });
        });
        expect(put.status, await put.clone().text()).toBe(200);
        legal.push({ id, sha256: sha256Of(pdf) });
      }
    })();

    // The finance officer imports a statement paying every bill, among hundreds of other credits.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/'); // WITA
    const lines = ['Tanggal,Keterangan,Referensi,Debet,Kredit'];
    for (const b of bills) lines.push(`${today},TRF ${b.code},REF-${b.code},,${b.amount}`);
    for (let i = 0; i < NOISE_LINES; i++) lines.push(`${today},SETORAN LAIN ${i},REF-N-${i},,${1_000 + i}`);
    const statement = Buffer.from(lines.join('\n'));
    const importing = (async () => {
      const res = await untilAnswered(() => finance.api(base, 'POST', '/api/v1/payments/statement-imports', { accountId, mapping: MAPPING, fileName: 'mutasi.csv', contentBase64: statement.toString('base64') }));
      expect([200, 202], await res.clone().text()).toContain(res.status);
    })();

    await Promise.all([...submitting, uploading, importing]);
    expect(killed).toBe(true);
    await restarted;

    // The worker finishes the import (reading the file the web node stored) and the kuitansi.
    const db = t.database.db;
    const until = Date.now() + 60_000;
    for (;;) {
      const imp = await db.selectFrom('statement_imports').select(['status', 'processed_lines', 'credit_lines']).executeTakeFirst();
      const receipts = await db.selectFrom('bills').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', bills.map((b) => b.id)).where('receipt_storage_key', 'is not', null).executeTakeFirstOrThrow();
      if (imp?.status === 'done' && Number(receipts.n) === BILLS) {
        expect(imp.processed_lines).toBe(imp.credit_lines);
        break;
      }
      if (Date.now() > until) throw new Error(`the worker did not finish: import ${JSON.stringify(imp)}, kuitansi ${receipts.n}/${BILLS}\n${nodes[2]!.output.join('')}`);
      await new Promise((r) => setTimeout(r, 300));
    }

    // Nothing acknowledged is lost, nothing is there twice.
    const apps = await db.selectFrom('applications').select(['tracking_number', 'applicant_id', 'idempotency_key']).where('applicant_id', 'in', citizens.map((c) => c.userId)).execute();
    expect(apps.map((a) => a.tracking_number).sort()).toEqual(acked.map((a) => a.tracking).sort());
    expect(new Set(apps.map((a) => a.idempotency_key)).size).toBe(CITIZENS * PER_CITIZEN);
    expect(legal.length).toBeGreaterThan(0);

    // Every stored file is readable through every web node (web1 is the restarted one).
    const attachments = await db
      .selectFrom('application_attachments as f')
      .innerJoin('applications as a', 'a.id', 'f.application_id')
      .select(['a.tracking_number', 'f.sha256', 'f.field_key'])
      .where('a.applicant_id', 'in', citizens.map((c) => c.userId))
      .execute();
    expect(attachments.map((f) => f.sha256).sort()).toEqual(acked.map((a) => a.sha256).sort());
    const sha = async (res: Response) => {
      expect(res.status).toBe(200);
      return sha256Of(Buffer.from(await res.arrayBuffer()));
    };
    for (const node of nodes.slice(0, 2)) {
      const direct = `http://127.0.0.1:${node.port}`;
      for (const f of attachments) expect(await sha(await admin.fetch(direct, `/kelola/permohonan/${f.tracking_number}/lampiran/${f.field_key}`)), `${node.name} ${f.tracking_number}`).toBe(f.sha256);
      for (const d of legal) expect(await sha(await admin.fetch(direct, `/hukum/${d.id}/berkas`)), `${node.name} legal ${d.id}`).toBe(d.sha256);
      for (const b of bills) {
        const res = await b.payer.fetch(direct, `/api/v1/bills/${b.code}/receipt`);
        expect(res.status, `${node.name} kuitansi ${b.code}`).toBe(200);
        expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      }
    }
    expect((await db.selectFrom('bills').select('status').where('id', 'in', bills.map((b) => b.id)).execute()).every((b) => b.status === 'paid')).toBe(true);

    // Every job ran exactly once: one attempt each, none failed or dead; one per scheduled slot.
    const jobs = await sql<{ name: string; status: string; attempts: number; dedupe_key: string | null }>`
      select name, status, attempts, dedupe_key from jobs`.execute(db);
    const ran = jobs.rows.filter((j) => j.status !== 'queued');
    expect(ran.filter((j) => j.status !== 'done' || j.attempts !== 1)).toEqual([]);
    const scheduled = ran.filter((j) => j.dedupe_key?.startsWith('every:'));
    expect(scheduled.length).toBeGreaterThan(0);
    expect(new Set(scheduled.map((j) => j.dedupe_key)).size).toBe(scheduled.length);
    for (const name of ['payments.import-statement', 'payments.render-kuitansi']) expect(ran.some((j) => j.name === name), name).toBe(true);
    expect(ran.filter((j) => j.name === 'payments.render-kuitansi')).toHaveLength(BILLS);
  }, 180_000);
});
