// The public face of the identity module: what other modules may use. Everything else in this
// folder is internal (the composition root, src/app.ts, still registers its routes directly).
export { formatKodeWilayah, knownProvinceCodes, maskEmail, maskNik, maskPhone, normalizeMobilePhone, validateNib, validateNik } from './identifiers.ts';
export { registerWalkInPerson } from './identity.operator.ts';
export { correctPersonName, saveConsentedAddress } from './identity.contact.ts';
export type { Identity } from './identity.service.ts';
export { identityRetentionRules } from './identity.retention.ts';
// NIK and phone are sealed at rest: readers of users open them, lookups use the blind index.
// So are the e-mail address and the street address (the region code stays clear).
export { emailIndex, emailMatch, nikMatch, openPerson, phoneMatch, resealUsers, type ResealReport } from './identity.sealing.ts';
export { userContacts, userIdsByNik, userNames, type UserContact } from './user-lookup.ts';
