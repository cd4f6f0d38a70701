// An in-process HTTP "SMS gateway" for tests: listens on 127.0.0.1 on a random port, keeps
// every request (method, headers, parsed JSON body) and answers with the next scripted
// response (default 200 with a generated message id).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

export interface TestGateway {
  url: string;
  requests: GatewayRequest[];
  /** Responses for the next requests, in order; afterwards 200 `{"id": "gw-<n>"}`. */
  script: { status: number; body?: unknown }[];
  close(): Promise<void>;
}

export async function startTestGateway(): Promise<TestGateway> {
  const requests: GatewayRequest[] = [];
  const script: { status: number; body?: unknown }[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        /* not JSON */
      }
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, body });
      const next = script.shift() ?? { status: 200, body: { id: `gw-${++n}` } };
      res.writeHead(next.status, { 'content-type': 'application/json' });
      res.end(next.body === undefined ? '' : JSON.stringify(next.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kirim`,
    requests,
    script,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
