// Contract test of the SP4N-LAPOR! connector: every implementation (the local one today, a real
// one behind the same interface) takes and answers exactly these shapes, and the status callback
// LAPOR! sends is pinned too. A change here is a change of the contract, on purpose.
import { describe, expect, it } from 'vitest';
import { laporStatus } from './complaints.rules.ts';
import { complaintStatuses } from './complaints.tables.ts';
import { laporForwardRequest, laporForwardResponse, laporStatusCallback, localLaporConnector, type LaporConnector, type LaporForwardRequest } from './lapor.ts';

const request: LaporForwardRequest = {
  reference: 'ADU-2026-000123',
  kind: 'pengaduan',
  category: 'pelayanan',
  title: 'Loket tutup pada jam layanan',
  body: 'Saya datang pukul 10.00 dan loket sudah tutup. Nomor saya [disamarkan].',
  status: 'Terdisposisi',
  agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
  location: { address: 'Jl. El Tari No. 1', latitude: -10.1772, longitude: 123.607 },
  submittedAt: '2026-12-07T09:15:00+08:00',
  callbackUrl: 'https://simpul.example.go.id/api/v1/complaints/lapor/callback',
};

const implementations: LaporConnector[] = [localLaporConnector()];

describe.each(implementations.map((c) => [c.name, c] as const))('SP4N-LAPOR! connector contract (%s)', (_name, connector) => {
  it('[C-1] the forward request has exactly the pinned fields', () => {
    expect(Object.keys(laporForwardRequest.parse(request)).sort()).toEqual(['agencyName', 'body', 'callbackUrl', 'category', 'kind', 'location', 'reference', 'status', 'submittedAt', 'title']);
    expect(laporForwardRequest.safeParse({ ...request, reference: 'ADU-26-1' }).success).toBe(false);
    expect(laporForwardRequest.safeParse({ ...request, kind: 'wbs' }).success).toBe(false);
    expect(laporForwardRequest.safeParse({ ...request, submittedAt: '7 Desember 2026' }).success).toBe(false);
    expect(laporForwardRequest.safeParse({ ...request, body: 'x'.repeat(4001) }).success).toBe(false);
    // No field for the reporter exists: personal data cannot be sent by mistake.
    expect(laporForwardRequest.parse({ ...request, reporter: { name: 'Siti', phone: '081234567890' } })).not.toHaveProperty('reporter');
  });

  it('[C-1] the answer is a tracking id and a LAPOR! status, nothing else', async () => {
    const res = await connector.forward(request);
    expect(laporForwardResponse.parse(res)).toEqual(res);
    expect(Object.keys(res).sort()).toEqual(['status', 'trackingId']);
    // Forwarding the same reference twice gives the same tracking id (idempotent on the remote).
    expect((await connector.forward(request)).trackingId).toBe(res.trackingId);
  });

  it('[C-1] an invalid request is refused before anything is sent', async () => {
    await expect(connector.forward({ ...request, title: '' })).rejects.toThrow();
  });
});

describe('SP4N-LAPOR! status callback and status mapping', () => {
  it('[C-1] the callback body is pinned; every one of our states maps to a status LAPOR! knows', () => {
    const ok = { trackingId: 'LAPOR-1A2B3C', reference: 'ADU-2026-000123', status: 'Selesai', note: 'Ditutup.', changedAt: '2026-12-08T08:00:00+08:00' };
    expect(laporStatusCallback.parse(ok)).toEqual(ok);
    expect(laporStatusCallback.safeParse({ ...ok, status: 'Closed' }).success).toBe(false);
    expect(laporStatusCallback.safeParse({ ...ok, changedAt: 'kemarin' }).success).toBe(false);
    const known = laporStatusCallback.shape.status.options as readonly string[];
    for (const s of complaintStatuses) expect(known).toContain(laporStatus(s));
  });

  it('[C-1] a remote that is down fails the call (the job retries) and then answers', async () => {
    const flaky = localLaporConnector({ failFirst: 1 });
    await expect(flaky.forward(request)).rejects.toThrow(/unavailable/);
    expect((await flaky.forward(request)).trackingId).toMatch(/^LAPOR-[0-9A-F]{12}$/);
  });
});
