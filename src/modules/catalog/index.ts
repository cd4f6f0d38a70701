// The public face of the catalog module: what other modules may use. Everything else in this
// folder is internal (the composition root, src/app.ts, still registers its routes directly).
export { type FormDefinition, type FormField, type ServiceContent, sectors } from './catalog.schemas.ts';
export { type Catalog, type PublishedService, type ServiceSummary } from './catalog.service.ts';
export { SearchBox, ServiceList, sectorLabel, serviceName } from './catalog.views.tsx';
export { demoLegalDocuments } from './demo-legal.ts';
export { FormFields, type RenderValues, fieldLabel } from './form-render.tsx';
