// The composition of Simpul's domain events: every event of every module's catalogue has a
// consumers entry, every declared pair has its subscriber (a missing one does not compile: the
// `@ts-expect-error` lines fail `tsc --noEmit` if they ever compile), and the cross-module
// effects that used to be optional closures are all declared.
import { describe, expect, it } from 'vitest';
import type { Database } from './platform/db/database.ts';
import { deliveryJobName, type Subscribers } from './platform/events/events.ts';
import { JobQueue } from './platform/jobs/queue.ts';
import { createLogger } from './platform/log.ts';
import { consumers, createDomainEvents, domainEvents, subscribers, type DomainEvents } from './app.events.ts';

const jobs = () => new JobQueue({} as Database, createLogger({ logLevel: 'silent' }));
const unused = () => {
  throw new Error('not delivered in this test');
};

describe('domain events of the app', () => {
  it('declares the consumers of every event and builds the bus', () => {
    expect(Object.keys(consumers).sort()).toEqual(Object.keys(domainEvents).sort());
    const bus = createDomainEvents(jobs(), unused);
    expect(bus.deliveryJobs()).toEqual([deliveryJobName('application.approved', 'documents'), deliveryJobName('application.approved', 'survey')]);
  });

  it('wires the effects that were closures: notices, billing on a step, the permit on approval, billing on payment', () => {
    expect(consumers['application.submitted']).toHaveProperty('notifications');
    expect(consumers['step.opened']).toEqual({ payments: 'in_transaction', executive: 'in_transaction' });
    expect(consumers['application.approved']).toHaveProperty('documents');
    expect(consumers['application.approved']).toHaveProperty('survey', 'after_commit');
    expect(consumers['bill.paid']).toEqual({ payments: 'in_transaction', webhooks: 'in_transaction', executive: 'in_transaction' });
  });

  it('[E-3] the executive summaries hear every change of an application or bill in its transaction (no triggers)', () => {
    for (const e of ['application.submitted', 'application.resubmitted', 'application.claimed', 'application.released', 'application.withdrawn', 'application.sent_back', 'application.approved', 'application.rejected', 'step.opened'] as const) {
      expect(consumers[e], e).toHaveProperty('executive', 'in_transaction');
    }
    for (const e of ['bill.issued', 'bill.paid', 'bill.partially_paid', 'bill.cancelled', 'bill.expired', 'bill.receipt_issued'] as const) expect(consumers[e], e).toHaveProperty('executive', 'in_transaction');
  });

  it('a missing subscriber does not compile', () => {
    const all = subscribers(unused);
    const { 'bill.paid': _paid, ...rest } = all;
    // @ts-expect-error bill.paid has a declared consumer (payments) and no subscriber
    const missing: Subscribers<DomainEvents, typeof consumers> = rest;
    // @ts-expect-error the documents subscriber of application.approved is missing
    const missingPair: Subscribers<DomainEvents, typeof consumers> = { ...all, 'application.approved': { notifications: all['application.approved'].notifications } };
    expect([missing, missingPair]).toHaveLength(2);
  });
});
