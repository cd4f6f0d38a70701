// Single sign-on for staff (S-1) against a real OpenID Connect provider run inside the test
// (oidc-provider, with its development login and consent pages), not a mock of our client:
// sign-in with authorization code + PKCE, the provider's groups mapped to roles and agencies,
// sign-out that ends the provider's session, a tampered ID token refused, local staff
// passwords turned off.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engine, testConfig, type TestApp } from '../../../test/harness.ts';
import { TestClient, textOf } from '../../../test/http.ts';
import { makeAgency, makeStaff, TEST_PASSWORD } from '../../../test/factories.ts';
import type { OidcConfig } from '../../config.ts';
import { emailMatch } from './identity.sealing.ts';

let t: TestApp;
let server: http.Server;
let issuer: string;
let tamper = false;
const accounts: Record<string, { name: string; groups: string[] }> = {
  yosef: { name: 'Yosef Verifikator SSO', groups: ['simpul-verifikator', 'tidak-dipetakan'] },
  tanpa: { name: 'Tanpa Peran', groups: ['lain'] },
};
const baseUrl = testConfig().baseUrl;

/** A cookie jar and a driver for the provider's own pages: follows redirects, submits its forms. */
class ProviderBrowser {
  cookies = new Map<string, string>();
  async fetch(url: string, init: { method?: string; body?: string } = {}) {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: init.body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
  /** From `url` on the provider until it sends the browser back to Simpul; returns that URL. */
  async drive(url: string, login: string): Promise<{ back: string; pages: string[] }> {
    const pages: string[] = [];
    let next: { url: string; method?: string; body?: string } = { url };
    for (let i = 0; i < 20; i++) {
      const res = await this.fetch(next.url, next);
      const location = res.headers.get('location');
      if (location) {
        const abs = new URL(location, next.url).href;
        if (abs.startsWith(baseUrl)) return { back: abs, pages };
        next = { url: abs };
        continue;
      }
      const html = await res.text();
      pages.push(html);
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`provider page without a form (${res.status}): ${html.slice(0, 300)}`);
      const fields = new URLSearchParams();
      for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.append(m[1]!, m[2]!);
      if (html.includes('name="login"')) {
        fields.set('login', login);
        fields.set('password', 'apa-saja');
      }
      if (html.includes('name="logout"')) fields.set('logout', 'yes');
      next = { url: new URL(action.replace(/&amp;/g, '&'), next.url).href, method: 'POST', body: fields.toString() };
    }
    throw new Error('the provider never sent the browser back');
  }
}

/** openid-client's HTTP client, able to flip one byte of the ID token's signature. */
const tamperingFetch: NonNullable<OidcConfig['fetch']> = async (url, options) => {
  const res = await fetch(url, options as RequestInit);
  if (!tamper || !url.endsWith('/token')) return res;
  const body = (await res.json()) as { id_token: string };
  const [h, p, s] = body.id_token.split('.');
  body.id_token = `${h}.${p}.${s!.startsWith('A') ? 'B' : 'A'}${s!.slice(1)}`;
  return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
};

async function signInThroughSso(client: TestClient, browser: ProviderBrowser, login: string) {
  const start = await client.get('/masuk/sso?kembali=/kelola');
  expect(start.statusCode).toBe(303);
  const authUrl = new URL(start.headers.location as string);
  expect(authUrl.origin).toBe(issuer);
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authUrl.searchParams.get('code_challenge')).toBeTruthy();
  const { back, pages } = await browser.drive(authUrl.href, login);
  const u = new URL(back);
  return { res: await client.get(`${u.pathname}${u.search}`), pages };
}

beforeAll(async () => {
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'simpul',
        client_secret: 'rahasia-klien-simpul-untuk-pengujian-0123456789',
        redirect_uris: [`${baseUrl}/masuk/sso/kembali`],
        post_logout_redirect_uris: [`${baseUrl}/masuk?pesan=signed_out`],
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: `${sub}@sso.ujiprov.go.id`, email_verified: true, name: accounts[sub]?.name ?? sub, groups: accounts[sub]?.groups ?? [] }),
    }),
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ['kunci-cookie-penyedia-uji'] },
  });
  server.on('request', provider.callback());
  const oidc: OidcConfig = {
    issuer,
    clientId: 'simpul',
    clientSecret: 'rahasia-klien-simpul-untuk-pengujian-0123456789',
    scopes: 'openid email profile groups',
    roleClaim: 'groups',
    mappings: [],
    allowInsecure: true,
    fetch: tamperingFetch,
  };
  t = await createTestApp({ requireAdminMfa: false, oidc, staffLocalPasswords: false });
  const agency = await makeAgency(t);
  oidc.mappings.push({ claim: 'simpul-verifikator', role: 'verifier', agency: agency.slug }, { claim: 'simpul-pdp', role: 'data_protection_officer', agency: null });
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => server?.close(r));
});

describe(`staff single sign-on (${engine})`, () => {
  it('[S-1] a staff member signs in at the provider (code + PKCE); his groups become Simpul roles in the mapped agency; sign-out ends the provider session', async () => {
    const client = new TestClient(t.app);
    const browser = new ProviderBrowser();
    expect(textOf((await client.get('/masuk')).body)).toContain('Masuk sebagai petugas melalui SSO');
    const { res, pages } = await signInThroughSso(client, browser, 'yosef');
    expect(pages.some((p) => p.includes('name="login"'))).toBe(true);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/kelola');
    const user = await t.database.db.selectFrom('users').selectAll().where(emailMatch('yosef@sso.ujiprov.go.id')).executeTakeFirstOrThrow();
    expect([user.kind, user.name, user.password_hash]).toEqual(['staff', 'Yosef Verifikator SSO', null]);
    const grants = await t.database.db.selectFrom('role_grants as g').innerJoin('agencies as a', 'a.id', 'g.agency_id').select(['g.role', 'a.slug']).where('g.user_id', '=', user.id).where('g.revoked_at', 'is', null).execute();
    expect(grants.map((g) => g.role)).toEqual(['verifier']);
    expect((await client.get('/kelola/antrian-kerja')).statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', user.id).execute();
    expect(audit.map((a) => a.action)).toContain('auth.sso_login');

    // Sign-out: local session gone, and the browser is sent to the provider's end-session endpoint.
    await client.get('/kelola');
    const out = await client.post('/keluar', { _csrf: client.csrfToken() });
    expect(out.statusCode).toBe(303);
    const end = new URL(out.headers.location as string);
    expect(end.origin).toBe(issuer);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await client.get('/kelola/antrian-kerja')).statusCode).toBe(303);
    const { back } = await browser.drive(end.href, 'yosef');
    expect(back.startsWith(`${baseUrl}/masuk?pesan=signed_out`)).toBe(true);
    // The provider's session ended too: signing in again asks for the login once more.
    const again = await signInThroughSso(new TestClient(t.app), browser, 'yosef');
    expect(again.pages.some((p) => p.includes('name="login"'))).toBe(true);
    expect(again.res.statusCode).toBe(303);
  });

  it('[S-1] a tampered ID token is refused, and so is an account whose groups map to no role', async () => {
    tamper = true;
    try {
      const { res } = await signInThroughSso(new TestClient(t.app), new ProviderBrowser(), 'yosef');
      expect(res.statusCode).toBe(400);
      expect(textOf(res.body)).toContain('Masuk melalui SSO gagal');
      expect(res.headers['set-cookie']?.toString() ?? '').not.toContain('simpul_sid=');
    } finally {
      tamper = false;
    }
    const none = await signInThroughSso(new TestClient(t.app), new ProviderBrowser(), 'tanpa');
    expect(none.res.statusCode).toBe(403);
    expect(await t.database.db.selectFrom('users').select('id').where(emailMatch('tanpa@sso.ujiprov.go.id')).executeTakeFirst()).toBeUndefined();
    // A callback without the flow cookie (or a replayed one) is refused.
    expect((await new TestClient(t.app).get('/masuk/sso/kembali?code=x&state=y')).statusCode).toBe(400);
  });

  it('[S-1] with local staff passwords turned off a staff member cannot sign in with his password', async () => {
    const staff = await makeStaff(t, 'operator', await makeAgency(t));
    const client = new TestClient(t.app);
    const res = await client.submit('/masuk', { login: staff.email, password: TEST_PASSWORD, kembali: '/akun' });
    expect(res.statusCode).toBe(403);
    expect(textOf(res.body)).toContain('Petugas masuk melalui SSO');
  });
});
