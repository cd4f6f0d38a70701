// The domain events of the applications module (filing and processing), recorded in the
// transaction of the change through `EventRecorder<ApplicationEvents>`. Other modules react to
// them through the subscribers the composition root declares (src/app.events.ts).
import { z } from 'zod';
import { defineEvents } from '../../platform/events/events.ts';

const application = { applicationId: z.guid() };

export const applicationEvents = defineEvents({
  'application.submitted': { payload: z.object(application), description: 'An application was filed (online or at the counter) and its first step opened' },
  'application.resubmitted': { payload: z.object(application), description: 'The applicant answered a send-back; the step that sent it back opened again' },
  'application.claimed': { payload: z.object(application), description: 'An officer took a submitted application (processing started)' },
  'application.released': { payload: z.object(application), description: 'The assignee handed the open step back to the queue (nobody holds it now)' },
  'application.withdrawn': { payload: z.object(application), description: 'The applicant withdrew the application before processing started' },
  'application.sent_back': {
    payload: z.object({ ...application, reason: z.string(), fields: z.string(), step: z.string() }),
    description: 'An officer sent the application back to the applicant to fix the named fields (labels, joined)',
  },
  'application.approved': { payload: z.object({ ...application, note: z.string() }), description: 'The application was approved (its document is issued)' },
  'application.rejected': { payload: z.object({ ...application, note: z.string() }), description: 'The application was rejected with a reason' },
  'application.overdue': {
    payload: z.object({ ...application, recipientUserIds: z.array(z.guid()).min(1), step: z.string(), due: z.string() }),
    description: 'A step visit passed its deadline (escalated once); the agency admins and the assignee are told',
  },
  'step.opened': {
    payload: z.object({
      ...application,
      /** The visit number of the step (1 = the first step at submission). */
      seq: z.number().int().positive(),
      stepKey: z.string(),
      /** The opened step is marked `billing: true` in the SOP. */
      billing: z.boolean(),
      /** Some step of the application's SOP bills. */
      sopBills: z.boolean(),
      at: z.coerce.date(),
      /** The service has no fee (nothing to bill); absent: not known, payments reads. */
      free: z.boolean().optional(),
    }),
    description: 'A step of the application opened at submission or on a forward (billing decides here)',
  },
});

export type ApplicationEvents = typeof applicationEvents;
