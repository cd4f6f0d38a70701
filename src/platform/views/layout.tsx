import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { Face, ViewContext } from './context.ts';
import { BackofficeFrame } from './backoffice-nav.tsx';

export function renderPage(node: preact.VNode): string {
  return `<!doctype html>${render(node)}`;
}

interface LayoutProps {
  ctx: ViewContext;
  title: string;
  face?: Face;
  children: ComponentChildren;
  /** Reload the page every n seconds (progress pages that must work without JavaScript). */
  refreshSeconds?: number;
  /** The page's meta description (public pages get the portal's own when none is given). */
  description?: string;
}

/** The shell of every page: skip link, header with navigation and language switch, main, footer. */
export function Layout({ ctx, title, face = 'public', children, refreshSeconds, description }: LayoutProps) {
  const { t, user } = ctx;
  const other = ctx.locale === 'id' ? 'en' : 'id';
  const faceName = face === 'public' ? t('face.public') : face === 'backoffice' ? t('face.backoffice') : t('face.executive');
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
        {face === 'public' || description ? <meta name="description" content={description ?? t('meta.description', { region: ctx.regionName })} /> : null}
        <title>{`${title} · ${faceName} · ${ctx.regionName}`}</title>
        <link rel="stylesheet" href="/assets/simpul.css" />
        {ctx.regionColour && <link rel="stylesheet" href={`/wilayah/tema.css?v=${ctx.regionColour.slice(1)}`} />}
        <link rel="icon" href="data:," />
      </head>
      <body class={`face-${face}`}>
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <header class="top">
          <div class="wrap top-in">
            <a class="brand" href={face === 'backoffice' ? '/kelola' : face === 'executive' ? '/eksekutif' : '/'}>
              {ctx.regionLogo && <img class="brand-logo" src={`/wilayah/logo?v=${ctx.regionLogo}`} alt="" width={32} height={32} />}
              <strong>{t('app.name')}</strong> <span>{ctx.regionName}</span>
              {face !== 'public' && <span class="face-tag">{faceName}</span>}
            </a>
            <details class="menu">
              <summary>{t('ui.menu')}</summary>
            <nav aria-label={t('nav.main')}>
              <ul>
                <li>
                  <a href="/">{t('nav.home')}</a>
                </li>
                <li>
                  <a href="/layanan">{t('nav.services')}</a>
                </li>
                {user?.isStaff && (
                  <li>
                    <a href="/kelola">{t('nav.backoffice')}</a>
                  </li>
                )}
                {user?.isExecutive && (
                  <li>
                    <a href="/eksekutif">{t('nav.executive')}</a>
                  </li>
                )}
                {user ? (
                  <>
                    {!user.isStaff && (
                      <li>
                        <a href="/permohonan">{t('nav.applications')}</a>
                      </li>
                    )}
                    <li>
                      <a href="/notifikasi">{t('nav.notifications')}</a>
                    </li>
                    <li>
                      <a href="/akun">{t('nav.account')}</a>
                    </li>
                    <li>
                      <form method="post" action="/keluar" class="inline">
                        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                        <button type="submit" class="link">
                          {t('nav.signout')}
                        </button>
                      </form>
                    </li>
                  </>
                ) : (
                  <>
                    <li>
                      <a href="/masuk">{t('nav.signin')}</a>
                    </li>
                    <li>
                      <a href="/daftar">{t('nav.register')}</a>
                    </li>
                  </>
                )}
                <li>
                  <a
                    href={`/bahasa/${other}?kembali=${encodeURIComponent(ctx.path)}`}
                    hreflang={other}
                    lang={other}
                    aria-label={t('lang.switch.label')}
                  >
                    {t('lang.switch')}
                  </a>
                </li>
              </ul>
            </nav>
            </details>
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {face === 'backoffice' ? <BackofficeFrame ctx={ctx}>{children}</BackofficeFrame> : children}
        </main>
        <footer class="foot">
          <div class="wrap">
            <p>{t('footer.text')}</p>
            <ul class="foot-links">
              <li>
                <a href="/layanan">{t('nav.services')}</a>
              </li>
              <li>
                <a href="/lacak">{t('nav.track')}</a>
              </li>
              <li>
                <a href="/halaman">{t('nav.guides')}</a>
              </li>
              <li>
                <a href="/pengumuman">{t('nav.announcements')}</a>
              </li>
              <li>
                <a href="/faq">{t('nav.faq')}</a>
              </li>
              <li>
                <a href="/hukum">{t('nav.legal')}</a>
              </li>
              <li>
                <a href="/partisipasi">{t('nav.participation')}</a>
              </li>
              <li>
                <a href="/api/docs">{t('nav.api')}</a>
              </li>
              <li>
                <a href="/kontak">{t('footer.contact')}</a>
              </li>
              <li>
                <a href="/privasi">{t('footer.privacy')}</a>
              </li>
              <li>
                <a href="/aksesibilitas">{t('footer.accessibility')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
