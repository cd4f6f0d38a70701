// What another system may know of an application without any personal data: its owner agency,
// service, tracking number and status. The integration hub's webhooks carry this.
import type { Executor } from '../../platform/db/database.ts';

export interface ApplicationRef {
  agencyId: string;
  serviceId: string;
  tracking: string;
  status: string;
}

export async function applicationRef(trx: Executor, applicationId: string): Promise<ApplicationRef | null> {
  const a = await trx
    .selectFrom('applications')
    .select(['agency_id', 'service_id', 'tracking_number', 'status'])
    .where('id', '=', applicationId)
    .executeTakeFirst();
  return a ? { agencyId: a.agency_id, serviceId: a.service_id, tracking: a.tracking_number ?? '', status: a.status } : null;
}
