// The public face of the governance module: what other modules may use. Everything else in this
// folder is internal (the composition root, src/app.ts, still registers its routes directly).
export { COORD_REVIEW } from './coordination.service.ts';
export { COORD_PATH } from './coordination.views.tsx';
export { govRegServicesFor } from './registers.services.ts';
export { spbeFigures, type SpbeFigures } from './spbe.figures.ts';
