// Security headers (CSP, HSTS, frame and referrer policies …) made once at start instead of
// per request (issue 16): @fastify/helmet builds its middleware from the options on every
// request. Its headers are the same for every response of Simpul (no per-route helmet options,
// no CSP nonces), so they are taken once from a probe instance with the same options and then
// set by a hook that only copies them.
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/** The headers @fastify/helmet sets with these options (names in lower case). */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify();
  const plain = Fastify();
  try {
    await probe.register(fastifyHelmet, options);
    probe.get('/', async () => 'ok');
    plain.get('/', async () => 'ok');
    const [withHelmet, without] = await Promise.all([probe.inject('/'), plain.inject('/')]);
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(withHelmet.headers)) {
      if (name in without.headers || value === undefined) continue;
      out[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return out;
  } finally {
    await Promise.all([probe.close(), plain.close()]);
  }
}

/** Sets the precomputed security headers on every response. */
export async function registerSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const headers = await helmetHeaders(options);
  const entries = Object.entries(headers);
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of entries) reply.header(name, value);
    done();
  });
  return headers;
}
