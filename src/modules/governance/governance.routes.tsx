// The ICT-governance console (issue 6) under /kelola/tata-kelola: the landing page lists the
// sections registered in sections.ts that the actor may open, with a few live inventory
// figures. `registerGovernanceRoutes` registers the landing and the inventory pages and API;
// the planning and registers engineers add their own register functions.
import type { FastifyInstance } from 'fastify';
import type { GovernanceDeps as Deps } from './governance.deps.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { defineMenuLink } from '../../platform/views/backoffice-menu.ts';
import { defineGovernanceSection, governanceSectionsFor } from './sections.ts';
import { APPS_PATH, ASSETS_PATH, GOV_PATH, LandingPage, STAFF_PATH } from './inventory.views.tsx';
import { registerInventoryRoutes } from './inventory.routes.tsx';
import { defineInventoryReportSection } from './inventory.report.ts';
import './inventory.policy.ts';

const READ = 'governance.inventory.read';

defineMenuLink({ href: GOV_PATH, labelKey: 'gov.inv.menu', action: READ, area: 'ict', order: 60 });
defineGovernanceSection({ href: APPS_PATH, labelKey: 'gov.inv.section.apps', descriptionKey: 'gov.inv.section.apps_desc', action: READ, order: 10 });
defineGovernanceSection({ href: STAFF_PATH, labelKey: 'gov.inv.section.staff', descriptionKey: 'gov.inv.section.staff_desc', action: READ, order: 20 });
defineGovernanceSection({ href: ASSETS_PATH, labelKey: 'gov.inv.section.assets', descriptionKey: 'gov.inv.section.assets_desc', action: READ, order: 30 });

export function registerGovernanceRoutes(app: FastifyInstance, deps: Deps): void {
  const db = deps.database.db;
  defineInventoryReportSection(deps.inventory);

  app.get(GOV_PATH, async (request, reply) => {
    const actor = request.actor;
    const sections = governanceSectionsFor(actor);
    // Anyone with a governance section may open the landing page.
    if (!sections.length) authorize(actor, READ);
    const ctx = await app.viewContext(request, reply);
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: ctx.timeZone, year: 'numeric' }).format(new Date()));
    const figures = can(actor, READ) ? await deps.inventory.figures(db, actor, year) : null;
    return reply.page(LandingPage({ ctx, sections, figures }));
  });

  registerInventoryRoutes(app, deps);
}
