// Contract tests of the SPLP and SIPD connectors against their local fakes: the request and
// response shapes are pinned here (a change to them fails these tests).
import { describe, expect, it } from 'vitest';
import { ConnectorRefused, ConnectorUnavailable } from './ckan.ts';
import { fakeRemote, jsonConnector, sipdRoadmap, sipdRoadmapFrom, splpPublication, splpPublish } from './national-connectors.ts';

const roadmap = {
  plan: { title: 'Rencana Induk SPBE 2025–2029', startYear: 2025, endYear: 2029, status: 'approved' as const },
  initiatives: [{ component: 'applications', name: 'Simpul', outputs: 'Portal layanan terpadu', fundingSource: 'apbd', years: [{ year: 2026, costRupiah: 250_000_000 }] }],
};

describe('national connectors (contract, local fakes)', () => {
  it('[I-4] SIPD: the ICT roadmap is pushed with the 4-digit kodepemda in the pinned shape', async () => {
    const remote = fakeRemote(sipdRoadmap, (_b, n) => ({ status: 'diterima', id_dokumen: `SIPD-${n}` }), { token: 'sipd-token' });
    const sipd = jsonConnector(sipdRoadmap, { baseUrl: 'https://sipd.example', token: 'sipd-token', fetch: remote.fetch });
    const body = sipdRoadmapFrom('32.04', roadmap);
    expect(body).toEqual({
      kodepemda: '3204',
      dokumen: 'peta_rencana_spbe',
      judul: 'Rencana Induk SPBE 2025–2029',
      tahun_awal: 2025,
      tahun_akhir: 2029,
      status: 'approved',
      kegiatan: [{ komponen: 'applications', nama: 'Simpul', keluaran: 'Portal layanan terpadu', sumber_dana: 'apbd', anggaran: [{ tahun: 2026, nilai: 250_000_000 }] }],
    });
    expect(await sipd.send(body)).toEqual({ status: 'diterima', id_dokumen: 'SIPD-1' });
    expect(remote.received).toEqual([body]);
    // A province's 2-digit code is padded to 4 digits (`32` → `3200`), as for a province's own SIPD account.
    expect(sipdRoadmapFrom('32', roadmap).kodepemda).toBe('3200');
    expect(() => sipdRoadmapFrom('', roadmap)).toThrow();
    // A wrong token is a refusal (no retry); an outage is retried.
    await expect(jsonConnector(sipdRoadmap, { baseUrl: 'https://sipd.example', token: 'salah', fetch: remote.fetch }).send(body)).rejects.toBeInstanceOf(ConnectorRefused);
    remote.down = true;
    await expect(sipd.send(body)).rejects.toBeInstanceOf(ConnectorUnavailable);
  });

  it('[I-4] SPLP: Simpul’s OpenAPI is published under a versioned context with the backend client credentials', async () => {
    const remote = fakeRemote(splpPublish, (b) => ({ apiId: 'api-1', context: b.context, status: 'PUBLISHED' }));
    const splp = jsonConnector(splpPublish, { baseUrl: 'https://splp.example', token: 't', fetch: remote.fetch });
    const openapi = { openapi: '3.1.0', info: { title: 'Simpul API', version: '1.0.0' }, paths: {} };
    const body = splpPublication({ openapi, baseUrl: 'https://simpul.example.go.id/', kodepemda: '3204', gatewayClientId: 'c-1' });
    expect(body).toEqual({
      context: '/3204/simpul/v1',
      name: 'Simpul API',
      version: '1.0.0',
      endpoint: 'https://simpul.example.go.id/api/v1',
      backendAuth: { type: 'oauth2_client_credentials', tokenUrl: 'https://simpul.example.go.id/api/v1/oauth/token', clientId: 'c-1' },
      openapi,
    });
    expect(await splp.send(body)).toEqual({ apiId: 'api-1', context: '/3204/simpul/v1', status: 'PUBLISHED' });
    // An answer outside the pinned shape is not taken as success.
    const odd = fakeRemote(splpPublish, () => ({ ok: true }));
    await expect(jsonConnector(splpPublish, { baseUrl: 'https://splp.example', token: 't', fetch: odd.fetch }).send(body)).rejects.toBeInstanceOf(ConnectorUnavailable);
  });
});
