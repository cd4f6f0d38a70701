// What the workflow module's routes need from the composition root: app.ts passes its `Deps`,
// which has all of this and more; the module sees only what it declares here.
import type { ApiRegistry } from '../../platform/http/openapi.ts';
import type { Database } from '../../platform/db/database.ts';
import type { Workflow } from './workflow.service.ts';

export interface WorkflowDeps {
  api: ApiRegistry;
  database: Database;
  workflow: Workflow;
}
