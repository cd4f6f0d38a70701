// The render baseline of the load test (bench/load.ts): a bare Fastify route rendering, with
// Preact, a page of BASELINE_BYTES bytes (the size of Simpul's home page), in its own process.
// No database, session, cookies, security headers or compression: the ceiling for a
// server-rendered page on this machine. PORT is given; /health answers 200.
import Fastify from 'fastify';
import { h } from 'preact';
import { render } from 'preact-render-to-string';

const bytes = Number(process.env.BASELINE_BYTES ?? 20_000);
const port = Number(process.env.PORT ?? 0);

function Page({ items }: { items: number }) {
  return h(
    'html',
    { lang: 'id' },
    h('head', null, h('meta', { charset: 'utf-8' }), h('title', null, 'Beranda · Portal Layanan')),
    h(
      'body',
      null,
      h('main', null, h('h1', null, 'Layanan publik dalam satu pintu'), h(
        'ul',
        { class: 'list' },
        Array.from({ length: items }, (_, i) =>
          h('li', { key: i }, h('a', { href: `/layanan/layanan-${i}` }, h('strong', null, `Layanan nomor ${i}`)), h('p', null, `Ringkasan layanan ${i} untuk pengujian beban.`)),
        ),
      )),
    ),
  );
}

// As many list items as make the page about `bytes` long.
const one = render(Page({ items: 1 })).length;
const two = render(Page({ items: 2 })).length;
const items = Math.max(1, Math.round((bytes - one) / (two - one)) + 1);

const app = Fastify();
app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(`<!doctype html>${render(Page({ items }))}`));
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port, host: '127.0.0.1' });
console.log(JSON.stringify({ msg: 'baseline listening', port, bytes: render(Page({ items })).length + 15 }));
