// The back office's home, `/kelola`: "my work" (how many applications wait for me, near their
// deadline or overdue, payments to match, reviews due), each figure a link to the filtered
// list, then the areas the user's roles reach. `/kelola/mulai` is where staff land after
// signing in: the work queue for officers who process applications, this home otherwise.
// Figures come from the modules' own services (no other module's tables are read here).
import type { FastifyInstance } from 'fastify';
import type { PortalDeps as Deps } from './portal.deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { QUEUE_PATH } from '../applications/index.ts';
import { RECONCILIATION_QUEUE_PATH as MATCH_PATH } from '../payments/index.ts';
import { COORD_PATH } from '../governance/index.ts';
import { COORD_REVIEW } from '../governance/index.ts';
import { govRegServicesFor } from '../governance/index.ts';

export const HOME_PATH = '/kelola';
export const LANDING_PATH = '/kelola/mulai';

/** Roles whose daily work is the application queue: they land on it after signing in. */
const QUEUE_ROLES = new Set(['operator', 'verifier', 'signing_official']);

export interface WorkCount {
  key: 'waiting' | 'assigned' | 'nearing' | 'overdue' | 'to_match' | 'reviews';
  count: number;
  href: string;
  tone?: 'warn' | 'danger';
}

/** The figures of "my work" the actor may see, each with the list it summarises. */
export async function workCounts(deps: Deps, actor: Actor, now = new Date()): Promise<WorkCount[]> {
  const out: WorkCount[] = [];
  if (can(actor, 'applications.process.read')) {
    const [mine, assigned] = await Promise.all([deps.processing.queue(actor, { scope: 'mine', limit: 1 }, now), deps.processing.queue(actor, { scope: 'assigned', limit: 1 }, now)]);
    out.push(
      { key: 'waiting', count: mine.counts.total, href: `${QUEUE_PATH}?lingkup=mine` },
      { key: 'assigned', count: assigned.counts.total, href: `${QUEUE_PATH}?lingkup=assigned` },
      { key: 'nearing', count: mine.counts.nearing, href: `${QUEUE_PATH}?lingkup=mine&sla=nearing`, tone: 'warn' },
      { key: 'overdue', count: mine.counts.overdue, href: `${QUEUE_PATH}?lingkup=mine&sla=overdue`, tone: 'danger' },
    );
  }
  if (can(actor, 'payments.reconcile.read')) {
    out.push({ key: 'to_match', count: await deps.reconciliation.countOpenCredits(deps.database.db, actor), href: MATCH_PATH });
  }
  if (can(actor, COORD_REVIEW)) {
    const region = await deps.region();
    const { coordination } = govRegServicesFor(deps.config.govProgressReportMonths);
    const submitted = await coordination.list(deps.database.db, actor, { state: 'submitted', pageSize: 1 }, now, region.timeZone);
    out.push({ key: 'reviews', count: submitted.total, href: `${COORD_PATH}?status=submitted` });
  }
  return out;
}

export function landingFor(actor: Actor): string {
  const processes = can(actor, 'applications.process.read') && actor.grants.some((g) => QUEUE_ROLES.has(g.role));
  return processes ? QUEUE_PATH : HOME_PATH;
}

const areaKeys = { services: 'ui.area.services', finance: 'ui.area.finance', content: 'ui.area.content', ict: 'ui.area.ict', system: 'ui.area.system' } as const;

export function BackofficeHome({ ctx, actor, agencyNames, counts }: { ctx: ViewContext; actor: Actor; agencyNames: Map<string, string>; counts: WorkCount[] }) {
  const { t } = ctx;
  const groups = ctx.user?.menu ?? [];
  return (
    <Layout ctx={ctx} title={t('backoffice.title')} face="backoffice">
      <h1>{t('backoffice.home.heading')}</h1>
      {counts.length > 0 && (
        <section aria-labelledby="h-work">
          <h2 id="h-work">{t('backoffice.home.work')}</h2>
          <ul class="work-counts">
            {counts.map((c) => (
              <li key={c.key} class={c.count > 0 ? c.tone : undefined}>
                <a href={c.href}>
                  <span class="figure">{c.count.toLocaleString('id-ID')}</span> {t(`backoffice.home.count.${c.key}`)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {groups.length > 0 && (
        <section aria-labelledby="h-areas">
          <h2 id="h-areas">{t('backoffice.home.areas')}</h2>
          <ul class="cards">
            {groups.map((g) => (
              <li key={g.area}>
                <h3>{t(areaKeys[g.area])}</h3>
                <ul class="plain">
                  {g.links.map((l) => (
                    <li key={l.href}>
                      <a href={l.href}>{t(l.labelKey)}</a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      <details>
        <summary>{t('backoffice.roles')}</summary>
        <ul>
          {actor.grants.map((g) => (
            <li key={`${g.role}-${g.agencyId}`}>
              {t(`role.${g.role}`)} — {g.agencyId ? (agencyNames.get(g.agencyId) ?? g.agencyId) : t('backoffice.region_wide')}
            </li>
          ))}
        </ul>
      </details>
    </Layout>
  );
}

export function registerBackofficeHome(app: FastifyInstance, deps: Deps): void {
  app.get(HOME_PATH, async (request, reply) => {
    authorize(request.actor, 'backoffice.enter');
    const ctx = await app.viewContext(request, reply);
    const [names, counts] = await Promise.all([deps.agencies.namesById(), workCounts(deps, request.actor)]);
    return reply.page(BackofficeHome({ ctx, actor: request.actor, agencyNames: names, counts }));
  });

  app.get(LANDING_PATH, async (request, reply) => {
    authorize(request.actor, 'backoffice.enter');
    return reply.redirect(landingFor(request.actor), 303);
  });
}
