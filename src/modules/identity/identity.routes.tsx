import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app.ts';

// HTML pages of identity: registration, sign-in, TOTP, password reset, account, sessions.
export function registerIdentityRoutes(_app: FastifyInstance, _deps: Deps): void {}
