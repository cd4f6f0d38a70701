import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.ts';

// Back-office pages for the region, agencies, staff accounts and role grants.
export function registerAgencyRoutes(_app: FastifyInstance, _deps: Deps): void {}
