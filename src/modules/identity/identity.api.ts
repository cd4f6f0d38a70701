import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.ts';

// JSON API of identity under /api/v1.
export function registerIdentityApi(_app: FastifyInstance, _deps: Deps): void {}
