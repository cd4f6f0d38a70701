// The public face of the integration hub: what the composition root and other modules may use.
export { createIntegration, type Integration } from './integration.service.ts';
export { createWebhooks, type Webhooks, type WebhookEvent } from './webhooks.ts';
export { isHubToken, registerIntegrationApi } from './integration.api.ts';
export { localNikVerifier, type NikVerifier } from './connectors.ts';
export { registerIntegrationRoutes } from './integration.routes.tsx';
export { ckanPublisher, createSatuDataOutbox } from './ckan.ts';
export { createSatuDataKinerja, type SatuDataKinerja } from './satudata-kinerja.ts';
export { createNationalPermits, type NationalPermits } from './national-permits.ts';
export { createNationalPublishing, jsonConnector, localNationalFakes, sipdRoadmap, splpPublish, type NationalPublishing } from './national-connectors.ts';
