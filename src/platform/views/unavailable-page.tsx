// The page shown when the database cannot be reached and the usual layout (which reads the
// region from the database) cannot be built: static, light, no script, in the visitor's
// language with the other one below it, and a link to try again.
import { renderToString } from 'preact-render-to-string';
import { t, type Locale } from './i18n.ts';

export function UnavailablePage(locale: Locale): string {
  const other: Locale = locale === 'id' ? 'en' : 'id';
  const html = renderToString(
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t(locale, 'error.unavailable.title')}</title>
        <link rel="stylesheet" href="/assets/simpul.css" />
      </head>
      <body>
        <main id="konten" class="container">
          <h1>{t(locale, 'error.unavailable.title')}</h1>
          <p class="lead">{t(locale, 'error.unavailable')}</p>
          <p lang={other} class="muted">
            {t(other, 'error.unavailable.title')}. {t(other, 'error.unavailable')}
          </p>
          <p class="muted">HTTP 503</p>
          <p>
            <a href="">{t(locale, 'error.unavailable.reload')}</a>
          </p>
        </main>
      </body>
    </html>,
  );
  return `<!doctype html>${html}`;
}
