// The public face of the audit module (the read side of the audit trail: the /kelola/audit viewer,
// GET /api/v1/audit and the public checkpoints). Writing the trail is platform's `recordAudit`.
// Everything else in this folder is internal.
export { registerAuditRoutes } from './audit.routes.tsx';
export { registerAuditApi } from './audit.api.ts';
export { createAuditViewer, type AuditViewer, type AuditEventView } from './audit.service.ts';
export { auditFilterSchema, type AuditFilter } from './audit.schemas.ts';
export type { AuditDeps } from './audit.deps.ts';
