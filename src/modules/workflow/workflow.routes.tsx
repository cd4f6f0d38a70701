// Composition of the workflow module: its service, JSON API and back-office pages.
import type { FastifyInstance } from 'fastify';
import type { WorkflowDeps as Deps } from './workflow.deps.ts';
import { registerWorkflowApi } from './workflow.api.ts';
import { registerWorkflowBackoffice } from './workflow.backoffice.tsx';

export function registerWorkflowRoutes(app: FastifyInstance, deps: Deps): void {
  const workflow = deps.workflow;
  registerWorkflowApi(app, deps, workflow);
  registerWorkflowBackoffice(app, deps, workflow);
}
