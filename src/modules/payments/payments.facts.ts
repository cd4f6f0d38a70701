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

/**
 * Reconciled revenue: bank credits matched to bills (automatically or by hand), by booking date
 * in [from, to] (local dates), for the bills' agencies and service. Read-only.
 */
export async function reconciledRevenue(q: Executor, input: { from: string; to: string; agencies: 'all' | readonly string[]; serviceId?: string }): Promise<{ amount: number; credits: number }> {
  if (input.agencies !== 'all' && input.agencies.length === 0) return { amount: 0, credits: 0 };
  let query = q
    .selectFrom('bank_credits as c')
    .innerJoin('bills as b', 'b.id', 'c.bill_id')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<string>('c.amount'), eb.val('0')).as('amount'), eb.fn.countAll<string>().as('credits')])
    .where('c.status', '=', 'matched')
    .where('c.booked_on', '>=', input.from)
    .where('c.booked_on', '<=', input.to);
  if (input.agencies !== 'all') query = query.where('b.agency_id', 'in', input.agencies);
  if (input.serviceId) query = query.where('b.service_id', '=', input.serviceId);
  const r = await query.executeTakeFirst();
  return { amount: Number(r?.amount ?? 0), credits: Number(r?.credits ?? 0) };
}
