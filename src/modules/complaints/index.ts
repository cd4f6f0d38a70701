// The public face of the complaints module: complaints (SP4N-LAPOR! lifecycle), Open311,
// whistleblowing (WBS) and the satisfaction survey (IKM).
export { createComplaints, type Complaints } from './complaints.service.ts';
export { registerComplaintRoutes } from './complaints.routes.tsx';
export { complaintFileOwners } from './complaints.files.ts';
export { OPEN311_PREFIX, registerOpen311Routes } from './open311.ts';
export { createWbs, registerWbsRoutes, wbsFileOwners } from './wbs.tsx';
export { createIkm, registerIkmRoutes } from './ikm.tsx';
export { createParticipation, registerParticipationRoutes } from './participation.tsx';
export { createSurveyInvitations, type SurveyInvitations } from './ikm.invitations.ts';
export { localLaporConnector, type LaporConnector } from './lapor.ts';
export { registerComplaintApi } from './complaints.api.ts';
export { resealComplaintContacts, type ContactResealReport } from './complaints.sealing.ts';
export { complaintEvents, complaintChanges, type ComplaintEvents, type ComplaintChange } from './complaints.events.ts';
export { complaintFigures, complaintFiguresLive, RESOLVE_WORKING_DAYS, FIRST_RESPONSE_WORKING_DAYS, type ComplaintFigures, type ComplaintFiguresResult } from './complaints.figures.ts';
