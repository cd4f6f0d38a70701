import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.ts';

// JSON API of agencies under /api/v1.
export function registerAgencyApi(_app: FastifyInstance, _deps: Deps): void {}
