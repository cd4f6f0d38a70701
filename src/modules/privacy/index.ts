// The public face of the privacy module (UU PDP): data-subject requests, the processing register,
// retention and the breach register.
export { createPrivacy, type Privacy } from './privacy.service.ts';
export { registerPrivacyRoutes } from './privacy.routes.tsx';
export { registerBreachRoutes } from './breach.routes.tsx';
export { createBreaches } from './breach.service.ts';
