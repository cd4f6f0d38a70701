// Append-only audit trail: who, what, when, from where, before/after. Written inside the
// same transaction as the change it records (a trigger forbids UPDATE and DELETE).
import type { Executor } from '../db/database.ts';
import type { Actor, RequestMeta } from '../auth/actor.ts';

/** Fields never copied into the trail. */
const secretFields = new Set(['password_hash', 'totp_secret', 'token_hash', 'code_hash', 'password']);

export function redactForAudit(row: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (secretFields.has(k)) {
      if (v !== null && v !== undefined) out[k] = '[redacted]';
      continue;
    }
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  agencyId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** The actor's label is kept as text so the trail stays readable after accounts change. */
export async function recordAudit(
  db: Executor,
  who: { actor: Actor | null; meta?: RequestMeta | null; label?: string },
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_id: who.actor?.userId ?? null,
      actor_label: who.label ?? who.actor?.name ?? 'sistem',
      ip: who.meta?.ip ?? null,
      request_id: who.meta?.requestId ?? null,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      agency_id: entry.agencyId ?? null,
      before: entry.before ? JSON.stringify(redactForAudit(entry.before)) : null,
      after: entry.after ? JSON.stringify(redactForAudit(entry.after)) : null,
    })
    .execute();
}
