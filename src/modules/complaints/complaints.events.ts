// The domain events of the complaints module, recorded in the transaction of the change through
// `EventRecorder<ComplaintEvents>` (src/app.events.ts wires who handles them: the module's own
// figure summary, the integration hub's webhooks). Payloads carry references and states only:
// never the reporter's name, contact, account or the complaint's text.
import { z } from 'zod';
import { defineEvents } from '../../platform/events/events.ts';
import { complaintKinds, complaintStatuses } from './complaints.tables.ts';

/** What happened to a complaint, in words a subscriber can switch on. */
export const complaintChanges = ['verified', 'rerouted', 'held', 'not_authority', 'archived', 'first_response', 'responded', 'resolved', 'reopened', 'duplicate'] as const;
export type ComplaintChange = (typeof complaintChanges)[number];

const complaint = {
  complaintId: z.guid(),
  /** ADU-YYYY-NNNNNN */
  number: z.string(),
  /** The agency the complaint is routed to (null until the coordinator routes it). */
  agencyId: z.guid().nullable(),
  status: z.enum(complaintStatuses),
  kind: z.enum(complaintKinds),
  category: z.string(),
  channel: z.enum(['web', 'open311', 'sms', 'api']),
  /** When it happened (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
};

export const complaintEvents = defineEvents({
  'complaint.received': { payload: z.object(complaint), description: 'A complaint was received (filed by a signed-in reporter, confirmed by a guest, Open311, SMS or API) and got its number' },
  'complaint.status_changed': {
    payload: z.object({ ...complaint, change: z.enum(complaintChanges), previousStatus: z.enum(complaintStatuses), previousAgencyId: z.guid().nullable() }),
    description: 'A complaint changed state: verified and routed, re-routed, held, not our authority, archived, answered (first or later), resolved, reopened by the reporter, or marked a duplicate',
  },
});

export type ComplaintEvents = typeof complaintEvents;
