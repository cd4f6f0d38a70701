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
  /** The bank credits matched to the bill (reconciled revenue), by booking date. */
  credits: { bookedOn: string; amount: number }[];
}

export async function billFacts(q: Executor, ids: readonly string[]): Promise<BillFact[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom('bills')
    .select(['id', 'agency_id', 'service_id', 'status', 'amount', 'paid_amount', 'issued_at', 'paid_at'])
    .where('id', 'in', ids)
    .execute();
  const credits = await q.selectFrom('bank_credits').select(['bill_id', 'booked_on', 'amount']).where('status', '=', 'matched').where('bill_id', 'in', ids).orderBy('booked_on').orderBy('id').execute();
  const byBill = new Map<string, { bookedOn: string; amount: number }[]>();
  for (const c of credits) {
    const list = byBill.get(c.bill_id!) ?? [];
    list.push({ bookedOn: String(c.booked_on), amount: Number(c.amount) });
    byBill.set(c.bill_id!, list);
  }
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    serviceId: r.service_id,
    status: r.status,
    amount: Number(r.amount),
    paidAmount: Number(r.paid_amount),
    issuedAt: r.issued_at,
    paidAt: r.paid_at,
    credits: byBill.get(r.id) ?? [],
  }));
}

/** Ids of bills in id order after `afterId` (a full rebuild walks them all). */
export async function billIdsAfter(q: Executor, afterId: string | null, limit: number): Promise<string[]> {
  let query = q.selectFrom('bills').select('id').orderBy('id').limit(limit);
  if (afterId) query = query.where('id', '>', afterId);
  return (await query.execute()).map((r) => r.id);
}
