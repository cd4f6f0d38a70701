// The public face of the portal module (the three faces' home pages and the public information
// pages). It owns no tables. Everything else in this folder is internal.
export { registerPortalRoutes } from './portal.routes.tsx';
export { publicPagePaths } from './public-info.routes.tsx';
export type { PortalDeps } from './portal.deps.ts';
