// The public face of the workflow module: what other modules may use. Everything else in this
// folder is internal (the composition root, src/app.ts, still registers its routes directly).
export { type SopDefinition, type SopStep } from './workflow.schemas.ts';
export { type Workflow } from './workflow.service.ts';
