// SP4N-LAPOR! connector (C-1): forwards a complaint to the national channel and reads the status
// changes it sends back. One interface, a local implementation for development and tests, and
// the shapes pinned by the contract test (lapor.unit.test.ts): LAPOR!'s real API is not public,
// so these schemas are what any real implementation must translate to and from. Same pattern
// as the integration module's connectors (Dukcapil, CKAN). No personal data of a reporter who
// kept his identity hidden leaves the region: only the redacted text and the public facts.
import crypto from 'node:crypto';
import { z } from 'zod';

/** What we send to LAPOR!: the complaint as the public may see it, with our reference. */
export const laporForwardRequest = z.object({
  reference: z.string().regex(/^ADU-\d{4}-\d{6}$/),
  kind: z.enum(['aspirasi', 'pengaduan', 'permintaan_informasi']),
  category: z.string().min(1).max(60),
  title: z.string().min(1).max(150),
  body: z.string().min(1).max(4000),
  status: z.string().min(1).max(40),
  agencyName: z.string().max(200).nullable(),
  location: z.object({ address: z.string().max(300).nullable(), latitude: z.number().nullable(), longitude: z.number().nullable() }),
  submittedAt: z.iso.datetime({ offset: true }),
  /** The region's callback for status changes. */
  callbackUrl: z.url(),
});
export type LaporForwardRequest = z.infer<typeof laporForwardRequest>;

export const laporForwardResponse = z.object({
  /** LAPOR!'s own tracking id. */
  trackingId: z.string().min(1).max(100),
  status: z.string().min(1).max(40),
});
export type LaporForwardResponse = z.infer<typeof laporForwardResponse>;

/** A status change LAPOR! posts to the callback (signed with the shared secret). */
export const laporStatusCallback = z.object({
  trackingId: z.string().min(1).max(100),
  reference: z.string().regex(/^ADU-\d{4}-\d{6}$/),
  status: z.enum(['Belum Terverifikasi', 'Terverifikasi', 'Tunda', 'Bukan Wewenang', 'Arsip', 'Terdisposisi', 'Ditindaklanjuti', 'Selesai']),
  note: z.string().max(2000).optional(),
  changedAt: z.iso.datetime({ offset: true }),
});
export type LaporStatusCallback = z.infer<typeof laporStatusCallback>;

export interface LaporConnector {
  readonly name: string;
  /** Throws when LAPOR! cannot be reached or refuses: the forwarding job retries. */
  forward(input: LaporForwardRequest): Promise<LaporForwardResponse>;
}

/**
 * Answers locally (development, demo, tests): accepts every valid request with a stable
 * tracking id derived from the reference. `failFirst` makes the first n calls fail (a remote
 * that is down), to show that the job retries and loses nothing.
 */
export function localLaporConnector(opts: { failFirst?: number } = {}): LaporConnector & { calls: LaporForwardRequest[] } {
  let failures = opts.failFirst ?? 0;
  const calls: LaporForwardRequest[] = [];
  return {
    name: 'local',
    calls,
    async forward(input) {
      const req = laporForwardRequest.parse(input);
      if (failures > 0) {
        failures--;
        throw new Error('LAPOR! local: unavailable (simulated)');
      }
      calls.push(req);
      const trackingId = `LAPOR-${crypto.createHash('sha256').update(req.reference).digest('hex').slice(0, 12).toUpperCase()}`;
      return laporForwardResponse.parse({ trackingId, status: 'Belum Terverifikasi' });
    },
  };
}
