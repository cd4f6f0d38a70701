// The compile-time half of the event mechanism: a subscriber map that misses a declared
// (event, consumer) pair, names one that is not declared, or handles the wrong payload does not
// compile; neither does recording an unknown event or a wrong payload. `tsc --noEmit` (npm test)
// checks this file: each `@ts-expect-error` below fails the type check if its line compiles.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { JobQueue } from '../jobs/queue.ts';
import { createLogger } from '../log.ts';
import { defineEvents, deliveryJobName, EventBus, type Consumers, type Subscribers } from './events.ts';

const catalog = defineEvents({
  'order.placed': { payload: z.object({ orderId: z.string(), total: z.number().int() }), description: 'An order was placed' },
  'order.shipped': { payload: z.object({ orderId: z.string() }), description: 'An order left the warehouse' },
  'order.archived': { payload: z.object({ orderId: z.string() }), description: 'Nobody listens (yet)' },
});
const consumers = {
  'order.placed': { stock: 'in_transaction', mail: 'after_commit' },
  'order.shipped': { mail: 'after_commit' },
  'order.archived': {},
} as const satisfies Consumers<typeof catalog>;
type Map = Subscribers<typeof catalog, typeof consumers>;

const noop = async () => {};
const jobs = () => new JobQueue({} as Database, createLogger({ logLevel: 'silent' }));

describe('domain events: typing', () => {
  it('requires a subscriber for every declared (event, consumer) pair', () => {
    const complete: Map = {
      'order.placed': { stock: async (_trx, p) => void p.total, mail: noop },
      'order.shipped': { mail: noop },
    };
    // @ts-expect-error the mail subscriber of order.placed is missing
    const missingPair: Map = { 'order.placed': { stock: noop }, 'order.shipped': { mail: noop } };
    // @ts-expect-error the whole order.shipped entry is missing
    const missingEvent: Map = { 'order.placed': { stock: noop, mail: noop } };
    // @ts-expect-error a subscriber nobody declared
    const undeclared: Map = { 'order.placed': { stock: noop, mail: noop }, 'order.shipped': { mail: noop, stock: noop } };
    const wrongPayload: Map = {
      // @ts-expect-error order.shipped carries no total
      'order.placed': { stock: noop, mail: noop }, 'order.shipped': { mail: async (_trx, p) => void p.total },
    };
    // @ts-expect-error every event of the catalogue needs a consumers entry ({} for none)
    const forgotten = { 'order.placed': {}, 'order.shipped': {} } as const satisfies Consumers<typeof catalog>;
    expect([complete, missingPair, missingEvent, undeclared, wrongPayload, forgotten]).toHaveLength(6);
  });

  it('records only known events with their payload', async () => {
    const bus = new EventBus({ catalog, consumers, jobs: jobs(), subscribers: { 'order.placed': { stock: noop, mail: noop }, 'order.shipped': { mail: noop } } });
    const trx = {} as Parameters<typeof bus.record>[0];
    // @ts-expect-error unknown event
    await expect(bus.record(trx, 'order.cancelled', { orderId: 'A' })).rejects.toThrow('Unknown event order.cancelled');
    // @ts-expect-error total must be a number
    await expect(bus.record(trx, 'order.placed', { orderId: 'A', total: '12' })).rejects.toThrow('Invalid payload for event order.placed: total:');
    // A module's recorder is typed by its own part of the catalogue.
    const shipping = bus.recorder({ 'order.shipped': catalog['order.shipped'] });
    // @ts-expect-error not this module's event
    void shipping.record(trx, 'order.placed', { orderId: 'A', total: 1 }).catch(() => {});
    expect(() => bus.recorder({ 'order.other': catalog['order.shipped'] })).toThrow('not in the bus');
  });

  it('registers one delivery job per after-commit subscriber and refuses an incomplete map at run time too', () => {
    const q = jobs();
    const bus = new EventBus({ catalog, consumers, jobs: q, subscribers: { 'order.placed': { stock: noop, mail: noop }, 'order.shipped': { mail: noop } } });
    expect(bus.deliveryJobs()).toEqual([deliveryJobName('order.placed', 'mail'), deliveryJobName('order.shipped', 'mail')]);
    expect(q.handlerNames()).toEqual(['event:order.placed:mail', 'event:order.shipped:mail']);
    // Types cast away (e.g. JavaScript callers): still no silent gap.
    expect(() => new EventBus({ catalog, consumers, jobs: jobs(), subscribers: { 'order.placed': { stock: noop } } as unknown as Map })).toThrow('No subscriber mail for event order.placed');
    expect(() => defineEvents({ Bad: catalog['order.shipped'] })).toThrow('Invalid event name');
  });
});
