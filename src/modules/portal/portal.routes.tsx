// The three faces' home pages: public portal `/`, back office `/kelola`, executive `/eksekutif`.
import type { FastifyInstance } from 'fastify';
import type { PortalDeps as Deps } from './portal.deps.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { registerBackofficeHome } from './backoffice-home.tsx';
import { SearchBox, ServiceList, sectorLabel } from '../catalog/index.ts';
import type { ServiceSummary } from '../catalog/index.ts';
import { sectors } from '../catalog/index.ts';
import { registerPublicInfoRoutes } from './public-info.routes.tsx';
import './portal.policy.ts';

function HomePage({ ctx, agencies, popular }: { ctx: ViewContext; agencies: { slug: string; name: string }[]; popular: ServiceSummary[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('portal.home.title')}>
      <h1>{t('portal.home.heading', { region: ctx.regionName })}</h1>
      <p class="lead">{t('portal.home.lead')}</p>
      <SearchBox ctx={ctx} />
      {popular.length > 0 && (
        <section aria-labelledby="h-popular">
          <h2 id="h-popular">{t('portal.services.most_used')}</h2>
          <ServiceList ctx={ctx} items={popular} />
          <p>
            <a href="/layanan">{t('portal.services.see_all')}</a>
          </p>
        </section>
      )}
      <nav aria-labelledby="h-sectors">
        <h2 id="h-sectors">{t('portal.services.by_sector')}</h2>
        <ul class="chips">
          {sectors
            .filter((s) => s.priority || ['kesehatan', 'perhubungan', 'pariwisata'].includes(s.code))
            .map((s) => (
              <li key={s.code}>
                <a href={`/layanan?sektor=${s.code}`}>{sectorLabel(ctx, s.code)}</a>
              </li>
            ))}
        </ul>
      </nav>
      {!ctx.user && (
        <p>
          <a class="button" href="/daftar">
            {t('portal.home.register')}
          </a>{' '}
          <a class="button secondary" href="/daftar/usaha">
            {t('portal.home.register_business')}
          </a>{' '}
          <a href="/masuk">{t('portal.home.signin')}</a>
        </p>
      )}
      <h2>{t('portal.home.how')}</h2>
      <ol>
        <li>{t('portal.home.step1')}</li>
        <li>{t('portal.home.step2')}</li>
        <li>{t('portal.home.step3')}</li>
      </ol>
      {agencies.length > 0 && (
        <>
          <h2>{t('portal.home.agencies')}</h2>
          <ul class="columns">
            {agencies.map((a) => (
              <li key={a.slug}>
                <a href={`/instansi/${a.slug}`}>{a.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export function registerPortalRoutes(app: FastifyInstance, deps: Deps): void {
  registerPublicInfoRoutes(app, deps);
  app.get('/', async (request, reply) => {
    const ctx = await app.viewContext(request, reply);
    const [agencies, popular] = await Promise.all([deps.agencies.listPublic(), deps.catalog.mostUsed(6)]);
    return reply.page(HomePage({ ctx, agencies, popular }));
  });

  registerBackofficeHome(app, deps);
  // `/eksekutif` (the leaders' dashboard) belongs to the executive module.
}
