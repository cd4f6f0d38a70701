// A local CKAN portal for development and the contract test: the Action API endpoints the
// connector uses, checking every request against the pinned shapes. `down` makes it answer 503.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ckanPackageBody, type CkanPackageBody } from './ckan.ts';

export interface FakeCkan {
  url: string;
  token: string;
  packages: Map<string, CkanPackageBody & { id: string }>;
  calls: { action: string; body: unknown }[];
  down: boolean;
  close(): Promise<void>;
}

export async function startFakeCkan(token = 'ckan-token-uji'): Promise<FakeCkan> {
  const packages = new Map<string, CkanPackageBody & { id: string }>();
  const calls: FakeCkan['calls'] = [];
  const state = { down: false };
  let seq = 0;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (state.down) return send(503, { success: false, error: { message: 'maintenance' } });
      const m = /^\/api\/3\/action\/(\w+)$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return send(404, { success: false, error: { __type: 'Not Found Error' } });
      if (req.headers.authorization !== token) return send(403, { success: false, error: { __type: 'Authorization Error' } });
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      const action = m[1]!;
      calls.push({ action, body });
      if (action === 'package_show') {
        const p = packages.get(String(body.id));
        return p ? send(200, { success: true, result: p }) : send(404, { success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
      }
      if (action === 'package_create' || action === 'package_update') {
        const { id, ...rest } = body;
        const parsed = ckanPackageBody.strict().safeParse(rest);
        if (!parsed.success) return send(409, { success: false, error: { __type: 'Validation Error', message: parsed.error.message } });
        const existing = packages.get(parsed.data.name);
        if (action === 'package_create' && existing) return send(409, { success: false, error: { __type: 'Validation Error', message: 'That URL is already in use.' } });
        const pkg = { ...parsed.data, id: existing?.id ?? (typeof id === 'string' ? id : `pkg-${++seq}`) };
        packages.set(pkg.name, pkg);
        return send(200, { success: true, result: pkg });
      }
      return send(400, { success: false, error: { __type: 'Bad Request' } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    packages,
    calls,
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
