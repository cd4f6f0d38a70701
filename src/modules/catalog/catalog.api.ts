import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.ts';

// JSON API of the catalogue under /api/v1.
export function registerCatalogApi(_app: FastifyInstance, _deps: Deps): void {}
