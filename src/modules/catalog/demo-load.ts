// Loads the demo catalogue (issue: ≥ 30 services with all 14 components and forms) into the
// demo region, publishing each service as version 1 through the catalogue service itself.
import type { Trx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Catalog } from './catalog.service.ts';
import { demoServices } from './demo-catalog.ts';

export async function seedDemoCatalog(
  trx: Trx,
  catalog: Catalog,
  opts: { actor: Actor; agencyIds: Map<string, string>; legalIds?: Map<string, string> },
): Promise<number> {
  let count = 0;
  for (const s of demoServices) {
    const agencyId = opts.agencyIds.get(s.agencySlug);
    if (!agencyId) throw new Error(`Demo service ${s.slug}: unknown agency ${s.agencySlug}`);
    const legalIds = opts.legalIds;
    const content = legalIds
      ? {
          ...s.content,
          legalBasis: (s.content.legalBasis ?? []).map((l, i) => {
            const id = s.legalKeys[i] ? legalIds.get(s.legalKeys[i]!) : undefined;
            return id ? { ...l, legalDocumentId: id } : l;
          }),
        }
      : s.content;
    await catalog.createService(trx, { actor: opts.actor, label: 'demo' }, { agencyId, slug: s.slug, content, form: s.form });
    await catalog.publish(trx, { actor: opts.actor, label: 'demo' }, s.slug);
    count++;
  }
  return count;
}
