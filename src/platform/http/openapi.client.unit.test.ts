import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiRegistry } from './openapi.ts';
import { isAppError } from './errors.ts';

function appWith(guard?: Parameters<ReturnType<typeof createApiRegistry>['setClientGuard']>[0]) {
  const app = Fastify();
  app.decorateRequest('actor', null);
  app.setErrorHandler((err, _req, reply) => reply.code(isAppError(err) ? err.status : 500).send({ code: isAppError(err) ? err.code : 'internal' }));
  const api = createApiRegistry();
  if (guard) api.setClientGuard(guard);
  let ran = 0;
  api.route(app, { method: 'GET', url: '/api/v1/hub/x', operationId: 'x', summary: 'x', tag: 't', auth: 'client', scope: 'x:read', response: z.object({ ok: z.boolean() }), handler: async () => ((ran += 1), { ok: true }) });
  return { app, api, ran: () => ran };
}

describe('client routes of the API registry', () => {
  it('[I-2] deny by default: without a client guard a client route answers 403 and its handler never runs', async () => {
    const { app, ran } = appWith();
    const r = await app.inject({ method: 'GET', url: '/api/v1/hub/x' });
    expect(r.statusCode).toBe(403);
    expect(ran()).toBe(0);
  });

  it('[I-2] the guard runs before the handler with the route scope, and a client route must name a scope', async () => {
    const seen: string[] = [];
    const { app, api, ran } = appWith(async (_req, _reply, route) => {
      seen.push(route.scope);
      return 'continue';
    });
    expect((await app.inject({ method: 'GET', url: '/api/v1/hub/x' })).statusCode).toBe(200);
    expect(seen).toEqual(['x:read']);
    expect(ran()).toBe(1);
    expect(() => api.route(app, { method: 'GET', url: '/api/v1/hub/y', operationId: 'y', summary: 'y', tag: 't', auth: 'client', response: z.object({}), handler: async () => ({}) })).toThrow(/names no scope/);
  });
});
