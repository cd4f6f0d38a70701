import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.ts';

// Public portal pages of the catalogue: /layanan, /layanan/:slug, /instansi/:slug, /cari.
export function registerCatalogRoutes(_app: FastifyInstance, _deps: Deps): void {}
