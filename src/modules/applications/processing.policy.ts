import { definePolicy } from '../../platform/auth/policy.ts';

// Processing applications on their SOP (P-6). Every agency role reads its agency's
// applications (auditors region-wide, read-only); acting on a step additionally needs the
// step's own role in the agency (checked by the service); supervisors (agency admin, super
// admin) assign and reassign.
definePolicy({
  'applications.process.read': {
    roles: ['super_admin', 'agency_admin', 'operator', 'verifier', 'signing_official', 'counter_officer'],
    scope: 'agency',
    readOnly: true,
  },
  'applications.process.act': { roles: ['agency_admin', 'operator', 'verifier', 'signing_official', 'counter_officer'], scope: 'agency' },
  'applications.process.assign': { roles: ['super_admin', 'agency_admin'], scope: 'agency' },
});
