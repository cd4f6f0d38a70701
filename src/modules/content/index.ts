// The public face of the content module (pages, guides, announcements, FAQ, legal library):
// what other modules and the composition root may use. Everything else in this folder is internal.
export { createContent, contentUrl, legalCitation, type Content, type ContentItem, type LegalDocument, type LegalListFilter } from './content.service.ts';
export { registerContentRoutes } from './content.routes.tsx';
export { registerContentApi } from './content.api.ts';
export { contentFileOwners } from './content.files.ts';
export { seedDemoContent } from './demo-content.ts';
export type { ContentDeps } from './content.deps.ts';
