// The facts of submitted applications that summaries elsewhere are built from (the executive
// dashboards): one read of the applications and their finished step visits, by id. Read-only;
// the composition root hands these functions to the reader, which never touches the tables.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { parseJson } from '../../platform/db/values.ts';

export interface ApplicationFact {
  id: string;
  trackingNumber: string | null;
  agencyId: string;
  serviceId: string;
  channel: string;
  status: 'submitted' | 'withdrawn' | 'in_process' | 'sent_back' | 'awaiting_payment' | 'approved' | 'rejected';
  /** An officer holds it (claimed). */
  assigned: boolean;
  submittedAt: Date;
  decidedAt: Date | null;
  /** The overall deadline (moved by the time the SLA clock stood still). */
  dueAt: Date | null;
  /** The latest instant anything happened to it. */
  lastActivityAt: Date;
  /** Kode wilayah of the district (kecamatan) of the first address in the form, if any. */
  district: string | null;
  /** Sent back to the applicant at least once. */
  sentBack: boolean;
  /** Finished step visits. */
  steps: { name: string; finishedAt: Date; usedMs: number; met: boolean }[];
}

/** The district code of the first address value in the form data (`{province, regency, district, …}`). */
export function districtOf(formData: unknown): string | null {
  if (!formData || typeof formData !== 'object') return null;
  for (const v of Object.values(formData as Record<string, unknown>)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const d = (v as Record<string, unknown>).district;
      if (typeof d === 'string' && /^[0-9.]{1,13}$/.test(d)) return d;
    }
  }
  return null;
}

/** Facts of the given applications; drafts and unknown ids are left out. */
export async function applicationFacts(q: Executor, ids: readonly string[]): Promise<ApplicationFact[]> {
  if (ids.length === 0) return [];
  const rows = await q
    .selectFrom('applications')
    .select(['id', 'tracking_number', 'agency_id', 'service_id', 'channel', 'status', 'assignee_id', 'submitted_at', 'decided_at', 'due_at', 'updated_at', 'step_started_at', 'form_data'])
    .where('id', 'in', ids)
    .where('status', '<>', 'draft')
    .where('submitted_at', 'is not', null)
    .execute();
  if (rows.length === 0) return [];
  const steps = await q
    .selectFrom('application_steps')
    .select(['application_id', 'step_name', 'finished_at', 'used_ms', 'met', 'outcome', 'claimed_at', 'started_at'])
    .where('application_id', 'in', rows.map((r) => r.id))
    .orderBy('application_id')
    .orderBy(sql`started_at`)
    .execute();
  const byApp = new Map<string, typeof steps>();
  for (const s of steps) {
    const list = byApp.get(s.application_id) ?? [];
    list.push(s);
    byApp.set(s.application_id, list);
  }
  return rows.map((r) => {
    const visits = byApp.get(r.id) ?? [];
    let last = r.updated_at.getTime();
    for (const at of [r.step_started_at, ...visits.flatMap((v) => [v.finished_at, v.claimed_at, v.started_at])]) if (at && at.getTime() > last) last = at.getTime();
    return {
      id: r.id,
      trackingNumber: r.tracking_number,
      agencyId: r.agency_id,
      serviceId: r.service_id,
      channel: r.channel,
      status: r.status as ApplicationFact['status'],
      assigned: r.assignee_id !== null,
      submittedAt: r.submitted_at!,
      decidedAt: r.decided_at,
      dueAt: r.due_at,
      lastActivityAt: new Date(last),
      district: districtOf(parseJson(r.form_data)),
      sentBack: visits.some((v) => v.outcome === 'send_back'),
      steps: visits
        .filter((v) => v.finished_at && v.outcome !== 'withdrawn')
        .map((v) => ({ name: v.step_name, finishedAt: v.finished_at!, usedMs: Number(v.used_ms ?? 0), met: v.met !== false })),
    };
  });
}

/** Ids of submitted applications in id order after `afterId` (a full rebuild walks them all). */
export async function applicationIdsAfter(q: Executor, afterId: string | null, limit: number): Promise<string[]> {
  let query = q.selectFrom('applications').select('id').where('status', '<>', 'draft').orderBy('id').limit(limit);
  if (afterId) query = query.where('id', '>', afterId);
  return (await query.execute()).map((r) => r.id);
}
