// The domain events of the documents module, recorded in the transaction of the change.
import { z } from 'zod';
import { defineEvents } from '../../platform/events/events.ts';

/** What a reminder tells the holder (the notification template's placeholders). */
const reminder = z.object({
  applicationId: z.guid(),
  documentId: z.guid(),
  document_number: z.string(),
  document_title: z.string(),
  valid_until: z.string(),
  days_left: z.string(),
  renewal_url: z.string(),
});

export const documentEvents = defineEvents({
  'document.issued': { payload: z.object({ documentId: z.guid(), applicationId: z.guid() }), description: 'A signed document was issued for an approved application' },
  'document.expiring': { payload: reminder, description: 'A valid document reached one of its reminder offsets before expiry' },
  'document.expired': { payload: reminder, description: 'A document passed its last valid day and was marked expired' },
});

export type DocumentEvents = typeof documentEvents;
