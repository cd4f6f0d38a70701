import { definePolicy } from '../../platform/auth/policy.ts';

// Integration hub (I-1 … I-4). An agency admin registers his agency's API clients, grants
// other clients access to his agency's data and registers webhooks; the Dinas Kominfo
// (super_admin, ict_coordinator) approves clients and sees every exchange.
definePolicy({
  'integration.clients.read': { roles: ['super_admin', 'ict_coordinator', 'agency_admin'], scope: 'agency', readOnly: true },
  'integration.clients.register': { roles: ['super_admin', 'agency_admin'], scope: 'agency', mfa: true },
  'integration.clients.approve': { roles: ['super_admin', 'ict_coordinator'], scope: 'region', mfa: true },
  'integration.grants.manage': { roles: ['super_admin', 'agency_admin'], scope: 'agency', mfa: true },
  'integration.webhooks.manage': { roles: ['super_admin', 'agency_admin'], scope: 'agency', mfa: true },
  'integration.log.read': { roles: ['super_admin', 'ict_coordinator', 'agency_admin'], scope: 'agency', readOnly: true },
});
