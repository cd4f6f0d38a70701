// Open311 GeoReport v2 conformance (C-1) on both engines. It replays the requests FixMyStreet's
// client (perllib/Open311.pm) makes — form-encoded POSTs with api_key and jurisdiction_id,
// attribute[CODE] and attribute[CODE][], media_url (repeated), address_id '#NOTPINPOINTED#',
// XML GETs with jurisdiction_id on every call, token polling, servicerequestupdates GET with
// start/end dates and POST — and a JSON client reading requests/<id> as a one-element array,
// and checks each answer against the specification (http://wiki.open311.org/GeoReport_v2):
// root and item element names, the element order of its examples, datatypes, W3C times with
// the region's offset, and the error bodies (400, 403, 404) in both formats. A request becomes
// public only once the coordinator has previewed and confirmed its redacted version: before that
// requests/<id> is the same 404 as an unknown id and lists leave it out, while tokens/<token>
// already gives the client its id.
import { fieldCrypto } from '../../platform/privacy/field-crypto.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { makeAgency, makeStaff, signInAs, type TestUser } from '../../../test/factories.ts';
import type { AgencyView } from '../agencies/agencies.service.ts';
import { issueOpen311Key } from './open311.ts';

let t: TestApp;
let coordinator: TestUser;
let agency: AgencyView;
let fmsKey = '';
let tokenKey = '';

/** A minimal XML reader for the answers (no attributes, no mixed content): enough to check names and order. */
interface El {
  name: string;
  children: El[];
  text: string;
}
function parseXml(xml: string): El {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '').trim();
  const root: El = { name: '#root', children: [], text: '' };
  const stack: El[] = [root];
  const re = /<(\/?)([A-Za-z_][\w.-]*)(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const top = stack[stack.length - 1]!;
    if (m[4] !== undefined) {
      top.text += m[4].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`mismatched </${m[2]}>`);
      stack.pop();
    } else {
      const el: El = { name: m[2]!, children: [], text: '' };
      top.children.push(el);
      if (!m[3]) stack.push(el);
    }
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('not one well-formed root');
  return root.children[0]!;
}
const child = (el: El, name: string) => el.children.find((c) => c.name === name);
const names = (el: El) => el.children.map((c) => c.name);

// The element order of the specification's examples.
const REQUEST_ELEMENTS = ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'];
const SERVICE_ELEMENTS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const ATTRIBUTE_ELEMENTS = ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description'];
const W3C_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const JURISDICTION = 'ujiprov.go.id';

const get = (url: string) => t.app.inject({ method: 'GET', url });
/** As FixMyStreet's _post: form-encoded, jurisdiction_id and api_key added; arrays repeat the key. */
function fmsPost(path: string, params: Record<string, string | string[]>, key = fmsKey) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, jurisdiction_id: JURISDICTION, api_key: key })) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  return t.app.inject({ method: 'POST', url: `/open311/v2/${path}`, payload: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}
/** As FixMyStreet's _get: jurisdiction_id on every call. */
function fmsGet(path: string, params: Record<string, string> = {}) {
  const q = new URLSearchParams({ ...params, jurisdiction_id: JURISDICTION });
  return get(`/open311/v2/${path}?${q}`);
}

function expectXmlError(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/xml/);
  const doc = parseXml(res.body);
  expect(doc.name).toBe('errors');
  expect(names(doc)).toEqual(['error']);
  expect(names(doc.children[0]!)).toEqual(['code', 'description']);
  expect(child(doc.children[0]!, 'code')!.text).toBe(String(status));
  expect(child(doc.children[0]!, 'description')!.text.length).toBeGreaterThan(0);
}
function expectJsonError(res: { statusCode: number; json(): unknown }, status: number) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { code: number; description: string }[];
  expect(Array.isArray(body)).toBe(true);
  expect(Object.keys(body[0]!)).toEqual(['code', 'description']);
  expect(body[0]!.code).toBe(status);
  expect(typeof body[0]!.description).toBe('string');
}

/** The coordinator previews the redacted public version of request `number` and confirms it (as on /kelola/pengaduan/:id/terbitkan). */
async function confirmPublic(number: string): Promise<void> {
  const { id } = (await (t.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom('complaints').select('id').where('number', '=', number).executeTakeFirstOrThrow()) as { id: string };
  const coord = await signInAs(t, coordinator.userId);
  const form = await coord.get(`/kelola/pengaduan/${id}/terbitkan`);
  expect(form.statusCode).toBe(200);
  const hidden = (name: string) => {
    const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(form.body);
    return (m?.[1] ?? '').replace(/&#10;/g, '\n').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  };
  const res = await coord.post(`/kelola/pengaduan/${id}/terbitkan`, { _csrf: coord.csrfToken(), step: 'confirm', title: hidden('title'), body: hidden('body'), address: hidden('address') });
  expect(res.statusCode).toBe(303);
}

/** FixMyStreet's send_service_request for a report placed on the map, with two photos. */
const fmsReport = (extra: Record<string, string | string[]> = {}) => ({
  service_code: 'infrastruktur',
  description: 'title: Lubang besar di jalan\n\ndetail: Lubang sedalam 20 cm di depan pasar, sudah dua minggu.\n\nurl: https://fms.contoh.id/report/17\n\nSubmitted via FixMyStreet\n',
  first_name: 'Rina',
  last_name: 'Pelapor',
  email: 'rina.fms@contoh.id',
  lat: '-10.177200',
  long: '123.607000',
  address_id: '#NOTPINPOINTED#',
  media_url: ['https://fms.contoh.id/photo/17.0.full.jpeg', 'https://fms.contoh.id/photo/17.1.full.jpeg'],
  'attribute[jenis]': 'pengaduan',
  'attribute[dampak][]': ['keselamatan', 'lalu_lintas'],
  'attribute[patokan]': 'depan Pasar Oeba',
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  agency = await makeAgency(t);
  coordinator = await makeStaff(t, 'complaint_coordinator', null);
  fmsKey = (await issueOpen311Key(t.database, 'FixMyStreet (uji kesesuaian)', coordinator.userId)).key;
  tokenKey = (await issueOpen311Key(t.database, 'Klien token', coordinator.userId, { respondWithToken: true })).key;
});
afterAll(async () => {
  await t?.close();
});

describe('Open311 GeoReport v2 conformance', () => {
  it('[C-1] discovery, services and a service definition in XML answer the specification elements in order; attribute datatypes as declared', async () => {
    const disc = parseXml((await fmsGet('discovery.xml')).body);
    expect(disc.name).toBe('discovery');
    expect(names(disc)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    const ep = child(disc, 'endpoints')!.children[0]!;
    expect(ep.name).toBe('endpoint');
    expect(names(ep)).toEqual(['specification', 'url', 'changeset', 'type', 'formats']);
    expect(child(ep, 'formats')!.children.map((f) => f.text)).toEqual(['text/xml', 'application/json']);

    const services = parseXml((await fmsGet('services.xml')).body);
    expect(services.name).toBe('services');
    expect(services.children.length).toBeGreaterThan(0);
    for (const s of services.children) {
      expect(s.name).toBe('service');
      expect(names(s)).toEqual(SERVICE_ELEMENTS);
      expect(['true', 'false']).toContain(child(s, 'metadata')!.text);
      expect(['realtime', 'batch', 'blackbox']).toContain(child(s, 'type')!.text);
    }

    const def = parseXml((await fmsGet('services/infrastruktur.xml')).body);
    expect(def.name).toBe('service_definition');
    expect(names(def)).toEqual(['service_code', 'attributes']);
    const attrs = child(def, 'attributes')!.children;
    expect(attrs.map((a) => a.name)).toEqual(['attribute', 'attribute', 'attribute']);
    const byCode = Object.fromEntries(attrs.map((a) => [child(a, 'code')!.text, a]));
    expect(child(byCode.jenis!, 'datatype')!.text).toBe('singlevaluelist');
    expect(child(byCode.dampak!, 'datatype')!.text).toBe('multivaluelist');
    expect(child(byCode.patokan!, 'datatype')!.text).toBe('string');
    for (const a of attrs) {
      expect(names(a).slice(0, ATTRIBUTE_ELEMENTS.length)).toEqual(ATTRIBUTE_ELEMENTS);
      expect(['true', 'false']).toContain(child(a, 'variable')!.text);
      expect(['true', 'false']).toContain(child(a, 'required')!.text);
      expect(child(a, 'order')!.text).toMatch(/^\d+$/);
      const values = child(a, 'values');
      if (child(a, 'datatype')!.text.endsWith('valuelist')) {
        expect(values!.children.length).toBeGreaterThan(0);
        for (const v of values!.children) expect(names(v)).toEqual(['key', 'name']);
      } else expect(values).toBeUndefined();
    }
    expectXmlError(await fmsGet('services/tidak-ada.xml'), 404);
    expectJsonError(await fmsGet('services/tidak-ada.json'), 404);
  });

  it('[C-1] a FixMyStreet POST (form fields, attribute[CODE] and [CODE][], repeated media_url, #NOTPINPOINTED#) files a request that reads back in XML and as a one-element JSON array', async () => {
    const res = await fmsPost('requests.xml', fmsReport());
    expect(res.statusCode).toBe(201);
    const created = parseXml(res.body);
    expect(created.name).toBe('service_requests');
    expect(names(created)).toEqual(['request']);
    expect(names(created.children[0]!)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    const id = child(created.children[0]!, 'service_request_id')!.text;
    expect(id).toMatch(/^ADU-\d{4}-\d{6}$/);

    // The staff see what the attributes said; the complaint is the body the client sent.
    const row = (await (t.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>).selectFrom('complaints').select(['id', 'body', 'address', 'reporter_email']).where('number', '=', id).executeTakeFirstOrThrow()) as { id: string; body: string; address: string | null; reporter_email: string };
    expect(row.body).toContain('Keselamatan, Lalu lintas');
    expect(row.body).toContain('depan Pasar Oeba');
    expect(row.address).toBeNull();
    // Sealed at rest (DATA_KEYS); the envelope opens to the address the client sent.
    expect(row.reporter_email).toMatch(/^enc1:/);
    expect(fieldCrypto().open(row.reporter_email)).toBe('rina.fms@contoh.id');

    // Not public until the coordinator confirms the redacted version: the same 404 as an unknown
    // id (status and body), and left out of lists.
    const unknown = await fmsGet('requests/ADU-1999-000001.xml');
    const unconfirmed = await fmsGet(`requests/${id}.xml`);
    expectXmlError(unconfirmed, 404);
    expect(unconfirmed.body).toBe(unknown.body);
    expect((await fmsGet(`requests/${id}.json`)).body).toBe((await fmsGet('requests/ADU-1999-000001.json')).body);
    expect(names(parseXml((await fmsGet('requests.xml', { service_request_id: id })).body))).toEqual([]);
    expect(((await fmsGet('requests.json')).json() as { service_request_id: string }[]).some((r) => r.service_request_id === id)).toBe(false);
    await confirmPublic(id);

    // FixMyStreet's get_service_requests: XML, service_request_id list, jurisdiction_id.
    const xml = await fmsGet('requests.xml', { service_request_id: `${id},ADU-1999-000001` });
    expect(xml.statusCode).toBe(200);
    const list = parseXml(xml.body);
    expect(list.name).toBe('service_requests');
    expect(names(list)).toEqual(['request']);
    const r = list.children[0]!;
    expect(names(r)).toEqual(REQUEST_ELEMENTS);
    expect(child(r, 'service_request_id')!.text).toBe(id);
    expect(child(r, 'status')!.text).toBe('open');
    expect(child(r, 'requested_datetime')!.text).toMatch(W3C_WITH_OFFSET);
    expect(child(r, 'requested_datetime')!.text.endsWith('+08:00')).toBe(true); // the test region is WITA
    expect(Number(child(r, 'lat')!.text)).toBeCloseTo(-10.1772, 4);
    expect(Number(child(r, 'long')!.text)).toBeCloseTo(123.607, 4);
    expect(child(r, 'media_url')!.text).toBe('https://fms.contoh.id/photo/17.0.full.jpeg');
    expect(child(r, 'address_id')!.text).toBe('#NOTPINPOINTED#');
    expect(xml.body).not.toContain('rina.fms@contoh.id');
    expect(xml.body).not.toContain('Rina');

    // A JSON client reads requests/<id> as a one-element array with JSON datatypes.
    const one = await get(`/open311/v2/requests/${id}.json?jurisdiction_id=${JURISDICTION}`);
    expect(one.statusCode).toBe(200);
    expect(String(one.headers['content-type'])).toMatch(/application\/json/);
    const arr = one.json() as Record<string, unknown>[];
    expect(Array.isArray(arr)).toBe(true);
    expect(arr).toHaveLength(1);
    expect(Object.keys(arr[0]!)).toEqual(REQUEST_ELEMENTS);
    expect(typeof arr[0]!.lat).toBe('number');
    expect(typeof arr[0]!.long).toBe('number');
    expect(arr[0]!.requested_datetime).toMatch(W3C_WITH_OFFSET);
    expect(arr[0]!.zipcode).toBeNull();
  });

  it('[C-1] a token client polls tokens/<token> for the id, as FixMyStreet does; an unknown token is a 404', async () => {
    const res = await fmsPost('requests.xml', fmsReport({ description: 'Saluran air tersumbat di gang sebelah masjid sejak hujan deras.' }), tokenKey);
    expect(res.statusCode).toBe(201);
    const reqEl = parseXml(res.body).children[0]!;
    expect(names(reqEl)).toEqual(['token', 'service_notice', 'account_id']);
    const token = child(reqEl, 'token')!.text;
    expect(token.length).toBeGreaterThanOrEqual(16);

    const polled = await fmsGet(`tokens/${token}.xml`);
    expect(polled.statusCode).toBe(200);
    const doc = parseXml(polled.body);
    expect(doc.name).toBe('service_requests');
    expect(names(doc.children[0]!)).toEqual(['service_request_id', 'token']);
    expect(child(doc.children[0]!, 'service_request_id')!.text).toMatch(/^ADU-\d{4}-\d{6}$/);
    expect(child(doc.children[0]!, 'token')!.text).toBe(token);
    const json = (await fmsGet(`tokens/${token}.json`)).json() as { service_request_id: string; token: string }[];
    expect(json).toEqual([{ service_request_id: child(doc.children[0]!, 'service_request_id')!.text, token }]);
    // The token answers before the coordinator has confirmed the public version; the request itself is not public yet.
    expectJsonError(await fmsGet(`requests/${json[0]!.service_request_id}.json`), 404);
    await confirmPublic(json[0]!.service_request_id);
    expect((await fmsGet(`requests/${json[0]!.service_request_id}.json`)).statusCode).toBe(200);
    expect((await fmsGet(`tokens/${token}.json`)).json()).toEqual(json);

    expectXmlError(await fmsGet('tokens/tidakadatokenseperti1ni.xml'), 404);
    expectJsonError(await fmsGet('tokens/tidakadatokenseperti1ni.json'), 404);
  });

  it('[C-1] servicerequestupdates: GET with start/end lists the coordinator’s public changes; a client POST is recorded once for the staff', async () => {
    const start = new Date(Date.now() - 60_000);
    const created = parseXml((await fmsPost('requests.xml', fmsReport({ description: 'Pohon tumbang menutup separuh jalan di depan kantor camat.' }))).body);
    const number = child(created.children[0]!, 'service_request_id')!.text;
    const db = t.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const { id } = (await db.selectFrom('complaints').select('id').where('number', '=', number).executeTakeFirstOrThrow()) as { id: string };
    const coord = await signInAs(t, coordinator.userId);
    await coord.get(`/kelola/pengaduan/${id}`);
    expect((await coord.post(`/kelola/pengaduan/${id}/tindakan`, { _csrf: coord.csrfToken(), action: 'verify', agencyId: agency.id, note: 'Diteruskan ke dinas; hubungi 0812 3456 7890 untuk info.' })).statusCode).toBe(303);
    // Updates of a request not yet confirmed for the public are not listed.
    const early = (await fmsGet('servicerequestupdates.json', { start_date: start.toISOString(), end_date: new Date(Date.now() + 60_000).toISOString() })).json() as { service_request_id: string }[];
    expect(early.some((u) => u.service_request_id === number)).toBe(false);
    await confirmPublic(number);

    // FixMyStreet's get_service_request_updates: api_key, start_date and end_date in W3C.
    const res = await fmsGet('servicerequestupdates.xml', { api_key: fmsKey, start_date: start.toISOString(), end_date: new Date(Date.now() + 60_000).toISOString() });
    expect(res.statusCode).toBe(200);
    const doc = parseXml(res.body);
    expect(doc.name).toBe('service_requests_updates');
    const mine = doc.children.filter((u) => child(u, 'service_request_id')?.text === number);
    expect(mine.length).toBeGreaterThanOrEqual(2); // received, verified
    for (const u of doc.children) {
      expect(u.name).toBe('request_update');
      expect(names(u)).toEqual(['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url', 'external_status_code']);
      expect(['open', 'closed']).toContain(child(u, 'status')!.text);
      expect(child(u, 'updated_datetime')!.text).toMatch(W3C_WITH_OFFSET);
    }
    const verified = mine.find((u) => child(u, 'external_status_code')!.text === 'didisposisi')!;
    expect(child(verified, 'description')!.text).toContain('Diteruskan ke dinas');
    expect(child(verified, 'description')!.text).not.toContain('0812'); // redacted like every public text
    // Outside the window: nothing.
    const before = (await fmsGet('servicerequestupdates.json', { start_date: '2020-01-01T00:00:00+08:00', end_date: '2020-01-31T00:00:00+08:00' })).json();
    expect(before).toEqual([]);
    expectXmlError(await fmsGet('servicerequestupdates.xml', { start_date: 'kemarin' }), 400);
    expectXmlError(await fmsGet('servicerequestupdates.xml', { api_key: 'salah' }), 403);

    // FixMyStreet's post_service_request_update: its comment id as update_id, status upper case.
    const update = {
      service_request_id: number,
      update_id: '9001',
      status: 'OPEN',
      description: 'Masih belum dibersihkan sampai pagi ini.',
      updated_datetime: '2026-12-07T08:00:00+08:00',
      first_name: 'Rina',
      last_name: 'Pelapor',
      email: 'rina.fms@contoh.id',
      media_url: 'https://fms.contoh.id/photo/c/9001.0.full.jpeg',
    };
    const posted = await fmsPost('servicerequestupdates.xml', update);
    expect(posted.statusCode).toBe(200);
    const pdoc = parseXml(posted.body);
    expect(pdoc.name).toBe('service_request_updates');
    expect(names(pdoc)).toEqual(['request_update']);
    expect(names(pdoc.children[0]!)).toEqual(['update_id']);
    const updateId = child(pdoc.children[0]!, 'update_id')!.text;
    // Sent again (a retry): the same update_id, one record.
    const again = parseXml((await fmsPost('servicerequestupdates.xml', update)).body);
    expect(child(again.children[0]!, 'update_id')!.text).toBe(updateId);
    const events = (await db.selectFrom('complaint_events').select(['kind', 'visible', 'note']).where('complaint_id', '=', id).where('kind', '=', 'client_update').execute()) as { visible: boolean; note: string }[];
    expect(events).toHaveLength(1);
    expect(events[0]!.visible).toBe(false);
    expect(events[0]!.note).toContain('Masih belum dibersihkan');
    // The client's own update is not echoed back as a public update.
    const after = parseXml((await fmsGet('servicerequestupdates.xml', { start_date: start.toISOString(), end_date: new Date(Date.now() + 60_000).toISOString() })).body);
    expect(after.children.some((u) => child(u, 'description')!.text.includes('Masih belum dibersihkan'))).toBe(false);

    expectXmlError(await fmsPost('servicerequestupdates.xml', { ...update, update_id: '9002' }, 'salah'), 403);
    expectXmlError(await fmsPost('servicerequestupdates.xml', { ...update, update_id: '9003', service_request_id: 'ADU-1999-000001' }), 404);
    expectJsonError(await fmsPost('servicerequestupdates.json', { ...update, update_id: '9004', status: '' }), 400);
  });

  it('[C-1] bad input gets the specification error bodies in XML and JSON: 403 bad or missing key, 404 unknown service, 400 no location, bad attribute, bad media_url or date', async () => {
    expectXmlError(await fmsPost('requests.xml', fmsReport(), 'salah'), 403);
    expectJsonError(await fmsPost('requests.json', fmsReport(), ''), 403);
    expectXmlError(await fmsPost('requests.xml', fmsReport({ service_code: 'tidak-ada' })), 404);
    const noPlace = fmsReport();
    delete (noPlace as Record<string, unknown>).lat;
    delete (noPlace as Record<string, unknown>).long;
    expectXmlError(await fmsPost('requests.xml', noPlace), 400);
    expectJsonError(await fmsPost('requests.json', fmsReport({ 'attribute[dampak][]': ['keselamatan', 'banjir-bandang'] })), 400);
    expectJsonError(await fmsPost('requests.json', fmsReport({ 'attribute[jenis]': 'gugatan' })), 400);
    expectXmlError(await fmsPost('requests.xml', fmsReport({ media_url: 'javascript:alert(1)' })), 400);
    expectXmlError(await fmsGet('requests.xml', { start_date: '07-12-2026' }), 400);
    expectJsonError(await fmsGet('requests.json', { page_size: '5000' }), 400);
    expectXmlError(await fmsGet('requests/ADU-1999-000001.xml'), 404);
    expectXmlError(await get('/open311/v2/tidak-ada.xml'), 404);
    // An address only (address_string) is a location; address_id alone too.
    expect((await fmsPost('requests.json', { ...fmsReport({ address_id: 'kel-5371011001-rt03' }), lat: '', long: '' })).statusCode).toBe(201);
  });

  it('[C-1] the default window is the last 90 days and at most 1000; page/page_size pages; a non-public complaint never appears', async () => {
    const db = t.database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const filed = (await fmsPost('requests.json', fmsReport({ description: 'Jembatan kayu di dusun dua mulai lapuk dan berbahaya.' }))).json() as { service_request_id: string }[];
    const number = filed[0]!.service_request_id;
    await confirmPublic(number);
    // Made old: out of the default window, still found by id or by an explicit window.
    await db.updateTable('complaints').set({ submitted_at: new Date(Date.now() - 120 * 86_400_000) }).where('number', '=', number).execute();
    const def = (await fmsGet('requests.json')).json() as { service_request_id: string }[];
    expect(def.length).toBeLessThanOrEqual(1000);
    expect(def.some((r) => r.service_request_id === number)).toBe(false);
    expect(((await fmsGet('requests.json', { service_request_id: number })).json() as unknown[]).length).toBe(1);
    const explicit = (await fmsGet('requests.json', { start_date: new Date(Date.now() - 200 * 86_400_000).toISOString() })).json() as { service_request_id: string }[];
    expect(explicit.some((r) => r.service_request_id === number)).toBe(true);

    const p1 = (await fmsGet('requests.json', { page_size: '1', page: '1' })).json() as { service_request_id: string }[];
    const p2 = (await fmsGet('requests.json', { page_size: '1', page: '2' })).json() as { service_request_id: string }[];
    expect(p1).toHaveLength(1);
    expect(p2).toHaveLength(1);
    expect(p1[0]!.service_request_id).not.toBe(p2[0]!.service_request_id);

    // Not allowed for publication (a web complaint by default): invisible everywhere.
    await db.updateTable('complaints').set({ allow_publish: false }).where('number', '=', number).execute();
    expect((await fmsGet(`requests/${number}.json`)).statusCode).toBe(404);
    expect(((await fmsGet('requests.json', { service_request_id: number })).json() as unknown[]).length).toBe(0);
    const upd = (await fmsGet('servicerequestupdates.json', { start_date: new Date(Date.now() - 200 * 86_400_000).toISOString() })).json() as { service_request_id: string }[];
    expect(upd.some((u) => u.service_request_id === number)).toBe(false);
    expectJsonError(await fmsPost('servicerequestupdates.json', { service_request_id: number, update_id: 'x1', status: 'OPEN', description: 'Ada kabar?' }), 404);
  });
});
