// Without TRUST_PROXY the client address is the TCP peer. Behind a reverse proxy that is the
// proxy itself, so every visitor shares one address: the per-address sign-in delays then
// slow everyone down together, and the audit trail records the proxy. Rather than guess at
// start (a production server may face the Internet directly), we warn once, on the first
// request that shows a proxy is in front (it carries X-Forwarded-For) while the header is not
// trusted.
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../log.ts';

export function warnOnUntrustedProxy(app: FastifyInstance, opts: { trustProxy: unknown; log: Pick<Logger, 'warn'> }): void {
  if (opts.trustProxy !== false && opts.trustProxy !== undefined) return;
  let warned = false;
  app.addHook('onRequest', (request, _reply, done) => {
    if (!warned && request.headers['x-forwarded-for'] !== undefined) {
      warned = true;
      opts.log.warn(
        { proxyAddress: request.socket?.remoteAddress ?? null },
        'requests arrive through a proxy (X-Forwarded-For) but TRUST_PROXY is not set: every client shares the proxy address for rate limits and sign-in delays; set TRUST_PROXY to the proxy address',
      );
    }
    done();
  });
}
