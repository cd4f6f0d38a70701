import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.ts';

export function registerBillRoutes(_app: FastifyInstance, _deps: Deps): void {}
