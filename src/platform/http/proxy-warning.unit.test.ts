import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { warnOnUntrustedProxy } from './proxy-warning.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  return { log: createLogger({ logLevel: 'info' }, stream), lines };
}

async function appWith(trustProxy: unknown) {
  const { log, lines } = capture();
  const app = Fastify();
  warnOnUntrustedProxy(app, { trustProxy, log });
  app.get('/', async () => 'ok');
  await app.ready();
  return { app, warnings: () => lines.filter((l) => l.includes('TRUST_PROXY')) };
}

describe('warning about an untrusted proxy', () => {
  it('[S-2] warns once when requests carry X-Forwarded-For and TRUST_PROXY is not set, without the forwarded address', async () => {
    const { app, warnings } = await appWith(false);
    await app.inject({ url: '/' });
    expect(warnings()).toHaveLength(0);
    for (let i = 0; i < 3; i++) await app.inject({ url: '/', headers: { 'x-forwarded-for': `203.0.113.${i}` } });
    expect(warnings()).toHaveLength(1);
    expect(JSON.parse(warnings()[0]!)).toMatchObject({ level: 40 });
    expect(warnings()[0]).not.toContain('203.0.113');
    await app.close();
  });

  it('[S-2] says nothing when the proxy is trusted', async () => {
    const { app, warnings } = await appWith(true);
    await app.inject({ url: '/', headers: { 'x-forwarded-for': '203.0.113.1' } });
    expect(warnings()).toHaveLength(0);
    await app.close();
  });
});
