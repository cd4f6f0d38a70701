// The sealer and verifier of the audit chain (ARCHITECTURE.md, "Tamper-evident audit trail").
// Writers stay as they were: recordAudit inserts into audit_events in the transaction of the
// change, taking no lock. A job seals what has committed since its last run, in one
// transaction under an advisory lock (one sealer at a time, on any number of nodes): for each
// unsealed event its digest and the new chain hash go into audit_seals. The chain order is the
// seal order, so an event that commits late is simply sealed later. A checkpoint (head seq and
// hash) is then signed with an Ed25519 key kept outside the database and exported.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import type { Database, Executor } from '../db/database.ts';
import type { AuditEventsTable } from '../db/schema.ts';
import { defineJob, type JobQueue } from '../jobs/queue.ts';
import type { Logger } from '../log.ts';
import {
  GENESIS,
  chainHash,
  checkpointMessage,
  eventDigest,
  keyIdOf as keyIdOfPem,
  verifyCheckpointSignature,
  type AuditEventContent,
  type SigningKey,
} from './chain.ts';

export const auditSealJob = defineJob('audit.seal', z.object({}));
export const auditVerifyJob = defineJob('audit.verify', z.object({}));

/** Advisory lock key of the sealer ('SIMPULAU' as an int). */
const SEAL_LOCK = 0x53494d50;
/** An event that commits this many ids behind the newest sealed one is still found. */
const LATE_WINDOW = 100_000;
const PAGE = 1000;

export interface Checkpoint {
  seq: number;
  chainHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

export type ChainProblem =
  | { kind: 'seq-gap'; seq: number; detail: string }
  | { kind: 'event-missing'; seq: number; eventId: number; detail: string }
  | { kind: 'event-altered'; seq: number; eventId: number; detail: string }
  | { kind: 'chain-broken'; seq: number; eventId: number; detail: string }
  | { kind: 'checkpoint-forged'; seq: number; detail: string }
  | { kind: 'checkpoint-mismatch'; seq: number; detail: string };

export interface VerifyReport {
  ok: boolean;
  /** Seals checked (from the trusted starting point to the head). */
  checked: number;
  head: { seq: number; chainHash: string };
  /** The first problem found, in chain order, with what is wrong. */
  firstProblem: ChainProblem | null;
}

export interface AuditChainStatus {
  sealed: number;
  unsealed: number;
  lastCheckpoint: Checkpoint | null;
  /** Seconds since the last checkpoint was signed; null when there is none. */
  checkpointAgeSeconds: number | null;
  /** The last checkpoint is older than policy (or there is none while events exist). */
  alarm: boolean;
}

export interface AuditChainOptions {
  database: Database;
  key: SigningKey;
  log: Logger;
  /** Public keys (PEM) that checkpoints may be signed with: the current one and earlier ones. */
  trustedPublicKeys?: string[];
  /** Folder where each checkpoint is appended as a JSON line (a copy off the database). */
  exportDir?: string | null;
  /** Seconds between sealing runs. */
  sealEverySeconds: number;
  /** A checkpoint older than this raises the alarm. */
  maxCheckpointAgeSeconds: number;
  now?: () => Date;
}

/** The columns of an audit event that its digest covers. */
export const auditEventColumns = ['id', 'occurred_at', 'actor_id', 'actor_label', 'ip', 'request_id', 'action', 'entity_type', 'entity_id', 'agency_id', 'before', 'after'] as const;

/** An audit event as read for sealing: the columns the digest covers (schema.ts). */
export type AuditEventRow = Pick<Selectable<AuditEventsTable>, (typeof auditEventColumns)[number]>;

/** An audit event row as the content its digest is computed over. */
export function auditEventContent(r: AuditEventRow): AuditEventContent {
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return {
    id: Number(r.id),
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    ip: r.ip,
    requestId: r.request_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    agencyId: r.agency_id,
    before: json(r.before),
    after: json(r.after),
  };
}


export function createAuditChain(opts: AuditChainOptions) {
  const { database, key, log } = opts;
  const now = opts.now ?? (() => new Date());
  const trusted = new Map<string, string>();
  for (const pem of [key.publicKeyPem, ...(opts.trustedPublicKeys ?? [])]) trusted.set(keyIdFor(pem, key), pem);

  async function head(db: Executor): Promise<{ seq: number; chainHash: string; eventId: number }> {
    const row = await db.selectFrom('audit_seals').select(['seq', 'chain_hash', 'event_id']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ? { seq: Number(row.seq), chainHash: row.chain_hash, eventId: Number(row.event_id) } : { seq: 0, chainHash: GENESIS, eventId: 0 };
  }

  async function lastCheckpoint(db: Executor): Promise<Checkpoint | null> {
    const row = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').orderBy('signed_at', 'desc').limit(1).executeTakeFirst();
    return row ? toCheckpoint(row) : null;
  }

  const api = {
    /** Seals every committed, unsealed event; returns how many. */
    async seal(): Promise<number> {
      let total = 0;
      for (;;) {
        const n = await database.db.transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
          const h = await head(trx);
          const rows = (await trx
            .selectFrom('audit_events as e')
            .leftJoin('audit_seals as s', 's.event_id', 'e.id')
            .where('s.event_id', 'is', null)
            .where('e.id', '>', Math.max(0, h.eventId - LATE_WINDOW))
            .select(auditEventColumns.map((c) => `e.${c}` as const))
            .orderBy('e.id')
            .limit(PAGE)
            .execute()) as AuditEventRow[];
          let { seq, chainHash: prev } = h;
          const seals = rows.map((r) => {
            seq += 1;
            const digest = eventDigest(auditEventContent(r));
            prev = chainHash(prev, seq, Number(r.id), digest);
            return { seq, event_id: Number(r.id), event_digest: digest, chain_hash: prev, sealed_at: now() };
          });
          if (seals.length) await trx.insertInto('audit_seals').values(seals).execute();
          return seals.length;
        });
        total += n;
        if (n < PAGE) break;
      }
      return total;
    },

    /** Signs the head as a checkpoint when it moved since the last one (or `force`); exports it. */
    async checkpoint(force = false): Promise<Checkpoint | null> {
      const made = await database.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
        const h = await head(trx);
        const last = await lastCheckpoint(trx);
        // A checkpoint when the head moved, and at least every half policy period even when it
        // did not (a fresh signature over the same head shows the log is alive and unaltered).
        const stale = !last || (now().getTime() - Date.parse(last.signedAt)) / 1000 >= opts.maxCheckpointAgeSeconds / 2;
        if (last && last.seq === h.seq && !stale && !force) return null;
        const signedAt = now().toISOString();
        const signature = key.sign(checkpointMessage({ seq: h.seq, chainHash: h.chainHash, signedAt }));
        const c: Checkpoint = { seq: h.seq, chainHash: h.chainHash, signedAt, keyId: key.keyId, signature };
        await trx.insertInto('audit_checkpoints').values({ seq: c.seq, chain_hash: c.chainHash, signed_at: new Date(signedAt), key_id: c.keyId, signature }).execute();
        return c;
      });
      if (made && opts.exportDir) {
        try {
          fs.mkdirSync(opts.exportDir, { recursive: true });
          fs.appendFileSync(path.join(opts.exportDir, 'audit-checkpoints.jsonl'), JSON.stringify(made) + '\n');
        } catch (err) {
          log.error({ err: (err as Error).message }, 'audit checkpoint export failed');
        }
      }
      return made;
    },

    async checkpoints(limit = 100): Promise<Checkpoint[]> {
      const rows = await database.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq', 'desc').limit(limit).execute();
      return rows.map(toCheckpoint);
    },

    publicKeys(): { keyId: string; publicKeyPem: string }[] {
      return [...trusted].map(([keyId, publicKeyPem]) => ({ keyId, publicKeyPem }));
    },

    async status(): Promise<AuditChainStatus> {
      const db = database.db;
      const h = await head(db);
      const unsealed = await db
        .selectFrom('audit_events as e')
        .leftJoin('audit_seals as s', 's.event_id', 'e.id')
        .where('s.event_id', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const last = await lastCheckpoint(db);
      const age = last ? Math.max(0, (now().getTime() - Date.parse(last.signedAt)) / 1000) : null;
      const anything = h.seq > 0 || Number(unsealed.n) > 0;
      return {
        sealed: h.seq,
        unsealed: Number(unsealed.n),
        lastCheckpoint: last,
        checkpointAgeSeconds: age === null ? null : Math.round(age),
        alarm: anything && (age === null || age > opts.maxCheckpointAgeSeconds),
      };
    },

    /**
     * Recomputes the chain from `from` (a trusted checkpoint; the genesis when absent) to the
     * head: every seal in order, each event's digest against its content, every stored
     * checkpoint's signature and hash, and the given outside checkpoints. Stops at the first
     * problem and names it.
     */
    async verify(input: { from?: Checkpoint; outside?: Checkpoint[] } = {}): Promise<VerifyReport> {
      const db = database.db;
      let seq = 0;
      let prev = GENESIS;
      let startSeq = 0;
      if (input.from) {
        const problem = checkSignature(input.from);
        if (problem) return done(problem);
        const at = await db.selectFrom('audit_seals').select('chain_hash').where('seq', '=', input.from.seq).executeTakeFirst();
        if (input.from.seq > 0 && at?.chain_hash !== input.from.chainHash) {
          return done({ kind: 'checkpoint-mismatch', seq: input.from.seq, detail: 'the chain at the trusted checkpoint does not match it' });
        }
        seq = input.from.seq;
        prev = input.from.chainHash;
        startSeq = seq;
      }
      const expected = new Map<number, Checkpoint>();
      for (const c of [...(await db.selectFrom('audit_checkpoints').selectAll().where('seq', '>=', seq).execute()).map(toCheckpoint), ...(input.outside ?? [])]) {
        const problem = checkSignature(c);
        if (problem) return done(problem);
        const other = expected.get(c.seq);
        if (other && other.chainHash !== c.chainHash) return done({ kind: 'checkpoint-mismatch', seq: c.seq, detail: 'two signed checkpoints disagree about this point of the chain' });
        expected.set(c.seq, c);
      }
      for (;;) {
        const seals = await db.selectFrom('audit_seals').selectAll().where('seq', '>', seq).orderBy('seq').limit(PAGE).execute();
        if (!seals.length) break;
        const ids = seals.map((s) => Number(s.event_id));
        const events = (await db.selectFrom('audit_events').select([...auditEventColumns]).where('id', 'in', ids).execute()) as AuditEventRow[];
        const byId = new Map(events.map((e) => [Number(e.id), e]));
        for (const s of seals) {
          const n = Number(s.seq);
          const eventId = Number(s.event_id);
          if (n !== seq + 1) return done({ kind: 'seq-gap', seq: seq + 1, detail: `seal ${seq + 1} is missing (next is ${n})` });
          const e = byId.get(eventId);
          if (!e) return done({ kind: 'event-missing', seq: n, eventId, detail: `audit event ${eventId} was removed` });
          if (eventDigest(auditEventContent(e)) !== s.event_digest) return done({ kind: 'event-altered', seq: n, eventId, detail: `audit event ${eventId} was changed after it was sealed` });
          const h = chainHash(prev, n, eventId, s.event_digest);
          if (h !== s.chain_hash) return done({ kind: 'chain-broken', seq: n, eventId, detail: `the chain hash at ${n} does not follow from the one before` });
          const cp = expected.get(n);
          if (cp && cp.chainHash !== h) return done({ kind: 'checkpoint-mismatch', seq: n, detail: `the chain differs from the checkpoint signed at ${cp.signedAt}` });
          seq = n;
          prev = h;
        }
      }
      for (const c of expected.values()) {
        if (c.seq > seq) return done({ kind: 'checkpoint-mismatch', seq: c.seq, detail: `a checkpoint was signed at ${c.seq} but the chain ends at ${seq}: entries were removed` });
      }
      return done(null);

      function done(firstProblem: ChainProblem | null): VerifyReport {
        return { ok: firstProblem === null, checked: seq - startSeq, head: { seq, chainHash: prev }, firstProblem };
      }
    },

    registerJobs(jobs: JobQueue): void {
      jobs.register(auditSealJob, async () => {
        await api.seal();
        await api.checkpoint();
        const s = await api.status();
        if (s.alarm) log.error({ checkpointAgeSeconds: s.checkpointAgeSeconds }, 'audit chain: the last signed checkpoint is older than policy');
      });
      jobs.schedule(auditSealJob, opts.sealEverySeconds);
      jobs.register(auditVerifyJob, async () => {
        const report = await api.verify();
        if (!report.ok) log.error({ problem: report.firstProblem }, 'audit chain verification FAILED');
        else log.info({ checked: report.checked, seq: report.head.seq }, 'audit chain verified');
      });
      jobs.schedule(auditVerifyJob, 86_400);
    },
  };

  function checkSignature(c: Checkpoint): ChainProblem | null {
    const pem = trusted.get(c.keyId);
    if (!pem || !verifyCheckpointSignature(pem, c)) return { kind: 'checkpoint-forged', seq: c.seq, detail: `the checkpoint at ${c.seq} is not signed by a trusted key` };
    return null;
  }

  return api;
}

export type AuditChain = ReturnType<typeof createAuditChain>;

function toCheckpoint(row: { seq: number | string; chain_hash: string; signed_at: Date; key_id: string; signature: string }): Checkpoint {
  return { seq: Number(row.seq), chainHash: row.chain_hash, signedAt: new Date(row.signed_at).toISOString(), keyId: row.key_id, signature: row.signature };
}

function keyIdFor(pem: string, key: SigningKey): string {
  return pem === key.publicKeyPem ? key.keyId : keyIdOfPem(pem);
}

