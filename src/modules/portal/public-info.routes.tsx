// Public information pages (P-1): privacy notice `/privasi` (UU PDP), accessibility statement
// `/aksesibilitas`, contact `/kontak` (the agencies' own contact details), and the files
// search engines read: `/sitemap.xml` (public pages, published services, agencies) and
// `/robots.txt` (keeps them out of the back office, accounts and the JSON API).
import type { FastifyInstance } from 'fastify';
import type { PortalDeps as Deps } from './portal.deps.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { AgencyView } from '../agencies/index.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

/** Public pages without parameters, for the sitemap. */
export const publicPagePaths = ['/', '/layanan', '/lacak', '/halaman', '/pengumuman', '/faq', '/hukum', '/privasi', '/aksesibilitas', '/kontak', '/api/docs'];

function List({ ctx, keys }: { ctx: ViewContext; keys: MessageKey[] }) {
  return (
    <ul>
      {keys.map((k) => (
        <li key={k}>{ctx.t(k)}</li>
      ))}
    </ul>
  );
}

function PrivacyPage({ ctx, sessionHours }: { ctx: ViewContext; sessionHours: number }) {
  const { t } = ctx;
  const region = ctx.regionName;
  return (
    <Layout ctx={ctx} title={t('privacy.title')} description={t('privacy.description', { region })}>
      <h1>{t('privacy.title')}</h1>
      <p class="lead">{t('privacy.lead', { region })}</p>
      <h2>{t('privacy.controller.h')}</h2>
      <p>{t('privacy.controller.p', { region })}</p>
      <h2>{t('privacy.data.h')}</h2>
      <List ctx={ctx} keys={['privacy.data.account', 'privacy.data.business', 'privacy.data.applications', 'privacy.data.payments', 'privacy.data.technical', 'privacy.data.cookies']} />
      <h2>{t('privacy.purpose.h')}</h2>
      <p>{t('privacy.purpose.p')}</p>
      <h2>{t('privacy.access.h')}</h2>
      <p>{t('privacy.access.p')}</p>
      <h2>{t('privacy.retention.h')}</h2>
      <ul>
        <li>{t('privacy.retention.account')}</li>
        <li>{t('privacy.retention.records')}</li>
        <li>{t('privacy.retention.sessions', { hours: sessionHours })}</li>
      </ul>
      <h2>{t('privacy.rights.h')}</h2>
      <List
        ctx={ctx}
        keys={['privacy.rights.info', 'privacy.rights.correct', 'privacy.rights.access', 'privacy.rights.erase', 'privacy.rights.withdraw', 'privacy.rights.object', 'privacy.rights.restrict', 'privacy.rights.portability', 'privacy.rights.claim']}
      />
      <p>{t('privacy.rights.how')}</p>
      <p>
        <a href="/kontak">{t('privacy.contact_link')}</a>
      </p>
    </Layout>
  );
}

function AccessibilityPage({ ctx }: { ctx: ViewContext }) {
  const { t } = ctx;
  const region = ctx.regionName;
  return (
    <Layout ctx={ctx} title={t('a11y.title')} description={t('a11y.description', { region })}>
      <h1>{t('a11y.title')}</h1>
      <p class="lead">{t('a11y.lead', { region })}</p>
      <h2>{t('a11y.target.h')}</h2>
      <p>{t('a11y.target.p')}</p>
      <h2>{t('a11y.works.h')}</h2>
      <List ctx={ctx} keys={['a11y.works.nojs', 'a11y.works.keyboard', 'a11y.works.small', 'a11y.works.reader', 'a11y.works.lang']} />
      <h2>{t('a11y.testing.h')}</h2>
      <p>{t('a11y.testing.p')}</p>
      <h2>{t('a11y.limits.h')}</h2>
      <p>{t('a11y.limits.p')}</p>
      <h2>{t('a11y.feedback.h')}</h2>
      <p>
        {t('a11y.feedback.p')} <a href="/kontak">{t('footer.contact')}</a>
      </p>
    </Layout>
  );
}

function ContactPage({ ctx, domain, agencies }: { ctx: ViewContext; domain: string | null; agencies: AgencyView[] }) {
  const { t } = ctx;
  const region = ctx.regionName;
  const listed = agencies.filter((a) => a.address || a.phone || a.email);
  return (
    <Layout ctx={ctx} title={t('contact.title')} description={t('contact.description', { region })}>
      <h1>{t('contact.title')}</h1>
      <p class="lead">{t('contact.lead')}</p>
      <h2>{t('contact.region', { region })}</h2>
      {domain && (
        <dl class="summary">
          <dt>{t('contact.website')}</dt>
          <dd>
            <a href={`https://${domain}`}>{domain}</a>
          </dd>
        </dl>
      )}
      <p>
        <a href="/lacak">{t('contact.track')}</a>
      </p>
      <h2>{t('contact.agencies')}</h2>
      {listed.length === 0 ? (
        <p>{t('contact.empty')}</p>
      ) : (
        <ul class="list">
          {listed.map((a) => (
            <li key={a.slug}>
              <a href={`/instansi/${a.slug}`}>
                <strong>{a.name}</strong>
              </a>
              <dl class="summary">
                {a.address && (
                  <>
                    <dt>{t('contact.address')}</dt>
                    <dd>{a.address}</dd>
                  </>
                )}
                {a.phone && (
                  <>
                    <dt>{t('contact.phone')}</dt>
                    <dd>
                      <a href={`tel:${a.phone.replace(/[^\d+]/g, '')}`}>{a.phone}</a>
                    </dd>
                  </>
                )}
                {a.email && (
                  <>
                    <dt>{t('contact.email')}</dt>
                    <dd>
                      <a href={`mailto:${a.email}`}>{a.email}</a>
                    </dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function registerPublicInfoRoutes(app: FastifyInstance, deps: Deps): void {
  const base = deps.config.baseUrl;

  app.get('/privasi', async (request, reply) => {
    const ctx = await app.viewContext(request, reply);
    return reply.page(PrivacyPage({ ctx, sessionHours: deps.config.sessionTtlHours }));
  });

  app.get('/aksesibilitas', async (request, reply) => {
    const ctx = await app.viewContext(request, reply);
    return reply.page(AccessibilityPage({ ctx }));
  });

  app.get('/kontak', async (request, reply) => {
    const ctx = await app.viewContext(request, reply);
    const [region, agencies] = await Promise.all([deps.agencies.getRegion(), deps.agencies.listAgencies('public')]);
    return reply.page(ContactPage({ ctx, domain: region?.domain ?? null, agencies }));
  });

  app.get('/sitemap.xml', async (_request, reply) => {
    const [services, agencies] = await Promise.all([deps.catalog.listPublished({ limit: 5000 }), deps.agencies.listPublic()]);
    const paths = [...publicPagePaths, ...services.items.map((s) => `/layanan/${encodeURIComponent(s.slug)}`), ...agencies.map((a) => `/instansi/${encodeURIComponent(a.slug)}`)];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${paths.map((p) => `  <url><loc>${xmlEscape(base + p)}</loc></url>`).join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });

  app.get('/robots.txt', async (_request, reply) => {
    const body = ['User-agent: *', 'Allow: /api/docs', 'Disallow: /kelola', 'Disallow: /akun', 'Disallow: /api/', 'Disallow: /eksekutif', 'Disallow: /permohonan', 'Disallow: /notifikasi', '', `Sitemap: ${base}/sitemap.xml`, ''].join('\n');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body);
  });
}
