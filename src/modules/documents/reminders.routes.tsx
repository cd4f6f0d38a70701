// Routes of validity and renewal (P-8), holder only:
// - `GET /dokumen/:id`: the holder's document page (validity, days left, reminders sent,
//   "Ajukan perpanjangan"); someone else's document is 404.
// - `POST /dokumen/:id/perpanjang` (CSRF): opens the pre-filled renewal draft and redirects to
//   the application form; a revoked document or one without expiry answers 409 on the page.
import type { FastifyInstance } from 'fastify';
import type { DocumentsDeps as Deps } from './documents.deps.ts';
import { AppError, errors } from '../../platform/http/errors.ts';
import type { DocumentView } from './documents.service.ts';
import { MY_DOCUMENTS_PATH } from './documents.views.tsx';
import { DocumentPage, type DocumentWithValidity } from './reminders.views.tsx';

export function registerReminderRoutes(app: FastifyInstance, deps: Deps, withStates: (items: DocumentView[]) => Promise<DocumentWithValidity[]>): void {
  const db = deps.database.db;

  async function ownDocument(userId: string, id: string): Promise<DocumentWithValidity> {
    const doc = await deps.documents.byId(db, id);
    // Someone else's document is not there for this person.
    if (!doc || doc.holderId !== userId) throw errors.notFound();
    return (await withStates([doc]))[0]!;
  }

  app.get<{ Params: { id: string } }>(`${MY_DOCUMENTS_PATH}/:id`, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    const d = await ownDocument(actor.userId, request.params.id);
    return reply.page(DocumentPage({ ctx: await app.viewContext(request, reply), d }));
  });

  app.post<{ Params: { id: string } }>(`${MY_DOCUMENTS_PATH}/:id/perpanjang`, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw errors.unauthenticated();
    const d = await ownDocument(actor.userId, request.params.id);
    try {
      const r = await deps.renewals.renew({ actor, meta: request.meta }, d.id);
      return reply.redirect(r.path, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 409) throw e;
      const ctx = await app.viewContext(request, reply);
      return reply.page(DocumentPage({ ctx, d, error: ctx.t(e.messageKey, e.params) }), 409);
    }
  });
}
