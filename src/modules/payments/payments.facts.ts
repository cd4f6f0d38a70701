// The facts of bills that summaries elsewhere are built from (the executive dashboards'
// revenue figures), by id. Read-only; the composition root hands these to the reader.
import type { Executor } from '../../platform/db/database.ts';

export interface BillFact {
  id: string;
  agencyId: string;
  serviceId: string;
  status: 'unpaid' | 'partially_paid' | 'paid' | 'expired' | 'cancelled';
  amount: number;
  paidAmount: number;
  issuedAt: Date;
  paidAt: Date | null;
}

export async function billFacts(q: Executor, ids: readonly string[]): Promise<BillFact[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom('bills')
    .select(['id', 'agency_id', 'service_id', 'status', 'amount', 'paid_amount', 'issued_at', 'paid_at'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    serviceId: r.service_id,
    status: r.status,
    amount: Number(r.amount),
    paidAmount: Number(r.paid_amount),
    issuedAt: r.issued_at,
    paidAt: r.paid_at,
  }));
}

/** Ids of bills in id order after `afterId` (a full rebuild walks them all). */
export async function billIdsAfter(q: Executor, afterId: string | null, limit: number): Promise<string[]> {
  let query = q.selectFrom('bills').select('id').orderBy('id').limit(limit);
  if (afterId) query = query.where('id', '>', afterId);
  return (await query.execute()).map((r) => r.id);
}
