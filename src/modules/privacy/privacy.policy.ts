// Who may do what with personal-data-protection records (UU PDP Pasal 53: the data protection
// officer). Region-wide: one officer (or team) for the whole regional government.
import { definePolicy } from '../../platform/auth/policy.ts';

definePolicy({
  /** Read data-subject requests (auditors too). */
  'privacy.requests.read': { roles: ['data_protection_officer'], scope: 'region', readOnly: true },
  /** Answer a request; a completed erasure request erases. */
  'privacy.requests.answer': { roles: ['data_protection_officer'], scope: 'region', mfa: true },
  /** The register of processing activities and retention schedules (read). */
  'privacy.register.read': { roles: ['data_protection_officer', 'super_admin'], scope: 'region', readOnly: true },
  /** Add and change activities of the register of processing. */
  'privacy.register.manage': { roles: ['data_protection_officer'], scope: 'region', mfa: true },
  /** Run the retention purge (after its dry-run report). */
  'privacy.retention.run': { roles: ['data_protection_officer'], scope: 'region', mfa: true },
  /** The breach register: record incidents, prepare and send notices. */
  'privacy.breach.manage': { roles: ['data_protection_officer'], scope: 'region', mfa: true },
  'privacy.breach.read': { roles: ['data_protection_officer'], scope: 'region', readOnly: true },
});
