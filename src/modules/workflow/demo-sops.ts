// The demo SOPs (P-6): every demo service runs on an approved SOP shaped by its completion
// time — verification (with a field inspection branch for services of a week or more), the
// processing by an operator, and the decision by the signing official. Installed directly as
// approved (trusted seed path), since the demo has no history of drafts and approvals.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { SopDefinition } from './workflow.schemas.ts';
import type { Workflow } from './workflow.service.ts';

/**
 * A plausible SOP for a service that takes `completionDays` working days (null: 5). With
 * `billing` (a service with a fee, payments P-7) the processing step is the billing step: on
 * entering it the applicant is billed and the application waits for the payment.
 */
export function demoSop(completionDays: number | null, opts: { billing?: boolean } = {}): SopDefinition {
  const days = completionDays ?? 5;
  const inspect = days >= 7;
  const processing = Math.max(1, days - (inspect ? 4 : 2));
  return {
    steps: [
      {
        key: 'verifikasi',
        name: 'Verifikasi kelengkapan berkas',
        role: 'verifier',
        timeAllowed: { amount: 1, unit: 'days' },
        actions: ['forward', 'send_back', 'reject'],
        ...(inspect
          ? { branches: [{ label: 'Perlu peninjauan lapangan', next: 'peninjauan' }, { label: 'Tidak perlu peninjauan lapangan', next: 'pemrosesan' }] }
          : { next: 'pemrosesan' }),
      },
      ...(inspect
        ? [{ key: 'peninjauan', name: 'Peninjauan lapangan', role: 'operator' as const, timeAllowed: { amount: 2, unit: 'days' as const }, actions: ['forward' as const, 'send_back' as const], next: 'pemrosesan' }]
        : []),
      { key: 'pemrosesan', name: 'Pemrosesan dan penyiapan keputusan', role: 'operator', timeAllowed: { amount: processing, unit: 'days' }, actions: ['forward', 'send_back'], next: 'penetapan', ...(opts.billing ? { billing: true } : {}) },
      { key: 'penetapan', name: 'Penetapan dan penandatanganan', role: 'signing_official', timeAllowed: { amount: 8, unit: 'hours' }, actions: ['approve', 'reject'] },
    ],
  };
}

/** Installs the demo SOP of each published service of the given slugs. */
export async function seedDemoSops(trx: Executor, workflow: Workflow, services: { id: string; completionDays: number | null }[]): Promise<number> {
  // payments (P-7): services with a fixed or tariff fee get a billing step.
  const paid = new Set(
    services.length
      ? (await trx.selectFrom('services').select('id').where('id', 'in', services.map((s) => s.id)).where(sql<string>`coalesce(draft_content->'fee'->>'kind', 'free')`, 'in', ['fixed', 'tariff']).execute()).map((r) => r.id)
      : [],
  );
  for (const s of services) await workflow.installApproved(trx, { actor: null, label: 'demo', trusted: true }, s.id, demoSop(s.completionDays, { billing: paid.has(s.id) }));
  return services.length;
}
