// GET /api/v1/wilayah and /api/v1/wilayah/{code}: the official administrative areas
// (provinces, or the areas directly below a code), for the address field's script
// (public/address.js) and for agency systems. Reference data that changes only with a new
// release of idn-area-data: cached by browsers and proxies for a day.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { areaByCode, areaChildren, areaLevels } from '../../platform/area/areas.ts';
import { errors } from '../../platform/http/errors.ts';
import type { ApiRegistry } from '../../platform/http/openapi.ts';

const areaItem = z
  .object({
    code: z.string().meta({ description: 'Kemendagri code, dotted', example: '53.71' }),
    name: z.string().meta({ example: 'Kota Kupang' }),
  })
  .meta({ id: 'Area' });

const areaList = z.object({
  parent: z.object({ code: z.string(), name: z.string(), level: z.enum(areaLevels) }).nullable(),
  level: z.enum(areaLevels).meta({ description: 'The level of the items' }),
  items: z.array(areaItem),
});

const CACHE = 'public, max-age=86400';

export function registerAreaApi(app: FastifyInstance, deps: { api: ApiRegistry }): void {
  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/wilayah',
    operationId: 'listProvinces',
    summary: 'Provinces (official Kemendagri codes); cached for a day',
    tag: 'region',
    auth: 'public',
    response: areaList,
    handler: async ({ reply }) => {
      reply.header('cache-control', CACHE);
      return { parent: null, level: 'province' as const, items: areaChildren(null).map(({ code, name }) => ({ code, name })) };
    },
  });

  deps.api.route(app, {
    method: 'GET',
    url: '/api/v1/wilayah/:code',
    operationId: 'listAreasBelow',
    summary: 'The areas directly below a province, regency/city or district (official codes); cached for a day',
    description: 'A province code (`53`) gives its regencies and cities, a regency code (`53.71`) its districts, a district code (`53.71.04`) its villages. An unknown code or a village code: 404.',
    tag: 'region',
    auth: 'public',
    params: z.object({ code: z.string().max(20).meta({ example: '53.71' }) }),
    response: areaList,
    handler: async ({ params, reply }) => {
      const parent = areaByCode(params.code);
      if (!parent || parent.level === 'village') throw errors.notFound();
      const level = areaLevels[areaLevels.indexOf(parent.level) + 1]!;
      reply.header('cache-control', CACHE);
      return { parent: { code: parent.code, name: parent.name, level: parent.level }, level, items: areaChildren(parent.code).map(({ code, name }) => ({ code, name })) };
    },
  });
}
