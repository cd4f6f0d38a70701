// Public pages of the information layer: light, server-rendered, no scripts (P-10).
import type { ViewContext } from '../../platform/views/context.ts';
import { formatFileSize } from '../../platform/format.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { LegalStatus, LegalType } from '../../platform/db/schema.ts';
import { RichText } from './content.format.tsx';
import { contentUrl, legalCitation, type ContentItem, type LegalDocument } from './content.service.ts';
import { legalStatuses, legalTypes } from './content.schemas.ts';

/** A stored file's size as people read it (`format.ts`). */
export const formatSize = formatFileSize;

/** Links between the information pages. */
export function InfoNav({ ctx, current }: { ctx: ViewContext; current: 'pages' | 'announcements' | 'faq' | 'legal' }) {
  const links = [
    ['pages', '/halaman', 'content.nav.pages'],
    ['announcements', '/pengumuman', 'content.nav.announcements'],
    ['faq', '/faq', 'content.nav.faq'],
    ['legal', '/hukum', 'content.nav.legal'],
  ] as const;
  return (
    <nav aria-label={ctx.t('content.nav.label')}>
      <ul class="chips">
        {links.map(([key, href, label]) => (
          <li key={key}>
            <a href={href} aria-current={current === key ? 'page' : undefined}>
              {ctx.t(label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function legalTitle(ctx: ViewContext, d: Pick<LegalDocument, 'type' | 'number' | 'year' | 'title'>): string {
  return ctx.t('legal.full_title', { citation: legalCitation(ctx.locale, d), title: d.title });
}

export function InfoIndexPage({ ctx, items }: { ctx: ViewContext; items: ContentItem[] }) {
  const { t } = ctx;
  const guides = items.filter((i) => i.kind === 'guide');
  const pages = items.filter((i) => i.kind === 'page');
  const list = (xs: ContentItem[]) => (
    <ul class="list">
      {xs.map((i) => (
        <li key={i.id}>
          <a href={contentUrl(i.kind, i.slug)}>{i.title}</a>
          {i.summary && <p>{i.summary}</p>}
        </li>
      ))}
    </ul>
  );
  return (
    <Layout ctx={ctx} title={t('content.pages.title')}>
      <h1>{t('content.pages.title')}</h1>
      <InfoNav ctx={ctx} current="pages" />
      {guides.length > 0 && (
        <section aria-labelledby="h-guides">
          <h2 id="h-guides">{t('content.pages.guides')}</h2>
          {list(guides)}
        </section>
      )}
      {pages.length > 0 && (
        <section aria-labelledby="h-pages">
          <h2 id="h-pages">{t('content.pages.other')}</h2>
          {list(pages)}
        </section>
      )}
      {!items.length && <p>{t('content.pages.none')}</p>}
    </Layout>
  );
}

export function InfoPage({ ctx, item }: { ctx: ViewContext; item: ContentItem }) {
  const { t } = ctx;
  const back = item.kind === 'announcement' ? 'announcements' : 'pages';
  return (
    <Layout ctx={ctx} title={item.title}>
      <p>
        <a href={back === 'announcements' ? '/pengumuman' : '/halaman'}>{t(back === 'announcements' ? 'content.nav.announcements' : 'content.nav.pages')}</a>
      </p>
      <article>
        <span class="tag">{t(`content.kind.${item.kind}`)}</span>
        <h1>{item.title}</h1>
        {item.summary && <p class="lead">{item.summary}</p>}
        <RichText body={item.body} />
        {item.serviceSlug && (
          <p>
            <a class="button secondary" href={`/layanan/${item.serviceSlug}`}>
              {t('content.related_service')}
            </a>
          </p>
        )}
        <p class="muted">
          {item.agencyName ? `${item.agencyName} · ` : ''}
          {item.kind === 'announcement' && item.publishedAt
            ? t('content.published_on', { date: ctx.date(item.publishedAt) })
            : t('content.updated_on', { date: ctx.date(item.updatedAt) })}
        </p>
      </article>
    </Layout>
  );
}

export function AnnouncementsPage({ ctx, items, total, offset, pageSize }: { ctx: ViewContext; items: ContentItem[]; total: number; offset: number; pageSize: number }) {
  const { t } = ctx;
  const at = (o: number) => (o ? `/pengumuman?mulai=${o}` : '/pengumuman');
  return (
    <Layout ctx={ctx} title={t('content.announcements.title')}>
      <h1>{t('content.announcements.title')}</h1>
      <InfoNav ctx={ctx} current="announcements" />
      {items.length ? (
        <ul class="list">
          {items.map((i) => (
            <li key={i.id}>
              <a href={contentUrl(i.kind, i.slug)}>{i.title}</a>
              <p class="muted">{i.publishedAt ? ctx.date(i.publishedAt) : ''}</p>
              {i.summary && <p>{i.summary}</p>}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('content.announcements.none')}</p>
      )}
      <p>
        {offset > 0 && <a href={at(Math.max(0, offset - pageSize))}>{t('content.prev')}</a>}{' '}
        {offset + pageSize < total && <a href={at(offset + pageSize)}>{t('content.next')}</a>}
      </p>
    </Layout>
  );
}

/** Questions as disclosure widgets (<details>), which need no script. */
export function FaqPage({ ctx, items }: { ctx: ViewContext; items: ContentItem[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('content.faq.title')}>
      <h1>{t('content.faq.title')}</h1>
      <InfoNav ctx={ctx} current="faq" />
      {items.length ? (
        items.map((i) => (
          <details key={i.id} id={i.slug} class="faq">
            <summary>{i.title}</summary>
            <RichText body={i.body} />
            {i.serviceSlug && (
              <p>
                <a href={`/layanan/${i.serviceSlug}`}>{t('content.related_service')}</a>
              </p>
            )}
          </details>
        ))
      ) : (
        <p>{t('content.faq.none')}</p>
      )}
    </Layout>
  );
}

export interface LegalFilter {
  type?: LegalType;
  year?: number;
  status?: LegalStatus;
  q?: string;
}

export function legalFilterQuery(f: LegalFilter, offset = 0): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.type) p.set('jenis', f.type);
  if (f.year) p.set('tahun', String(f.year));
  if (f.status) p.set('status', f.status);
  if (offset) p.set('mulai', String(offset));
  return p.toString();
}

export function LegalFilterForm({ ctx, action, filter, years }: { ctx: ViewContext; action: string; filter: LegalFilter; years: number[] }) {
  const { t } = ctx;
  return (
    <form method="get" action={action} class="filters" role="search">
      <div class="field">
        <label for="f-q">{t('legal.filter.q')}</label>
        <input id="f-q" name="q" type="search" value={filter.q ?? ''} maxLength={200} />
      </div>
      <div class="field">
        <label for="f-jenis">{t('legal.field.type')}</label>
        <select id="f-jenis" name="jenis">
          <option value="">{t('legal.filter.all_types')}</option>
          {legalTypes.map((ty) => (
            <option key={ty} value={ty} selected={filter.type === ty}>
              {t(`legal.type.${ty}`)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-tahun">{t('legal.field.year')}</label>
        <select id="f-tahun" name="tahun">
          <option value="">{t('legal.filter.all_years')}</option>
          {years.map((y) => (
            <option key={y} value={String(y)} selected={filter.year === y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-status">{t('legal.field.status')}</label>
        <select id="f-status" name="status">
          <option value="">{t('legal.filter.all_statuses')}</option>
          {legalStatuses.map((s) => (
            <option key={s} value={s} selected={filter.status === s}>
              {t(`legal.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('legal.filter.submit')}</button>
    </form>
  );
}

export function LegalListPage({
  ctx,
  items,
  total,
  filter,
  years,
  offset,
  pageSize,
}: {
  ctx: ViewContext;
  items: LegalDocument[];
  total: number;
  filter: LegalFilter;
  years: number[];
  offset: number;
  pageSize: number;
}) {
  const { t } = ctx;
  const at = (o: number) => {
    const qs = legalFilterQuery(filter, o);
    return qs ? `/hukum?${qs}` : '/hukum';
  };
  return (
    <Layout ctx={ctx} title={t('legal.library.title')}>
      <h1>{t('legal.library.title')}</h1>
      <p class="lead">{t('legal.library.lead')}</p>
      <InfoNav ctx={ctx} current="legal" />
      <LegalFilterForm ctx={ctx} action="/hukum" filter={filter} years={years} />
      <h2 aria-live="polite">{t('legal.library.count', { count: total })}</h2>
      {items.length ? (
        <ul class="list">
          {items.map((d) => (
            <li key={d.id}>
              <a href={`/hukum/${d.id}`}>{legalTitle(ctx, d)}</a> <span class="tag">{t(`legal.status.${d.status}`)}</span>
              {d.summary && <p>{d.summary}</p>}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('legal.library.none')}</p>
      )}
      <p>
        {offset > 0 && <a href={at(Math.max(0, offset - pageSize))}>{t('content.prev')}</a>}{' '}
        {offset + pageSize < total && <a href={at(offset + pageSize)}>{t('content.next')}</a>}
      </p>
    </Layout>
  );
}

export function LegalPage({ ctx, doc }: { ctx: ViewContext; doc: LegalDocument }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={legalCitation(ctx.locale, doc)}>
      <p>
        <a href="/hukum">{t('legal.library.title')}</a>
      </p>
      <h1>{legalTitle(ctx, doc)}</h1>
      {doc.status !== 'berlaku' && <p class="notice warn">{t(`legal.status_notice.${doc.status}`)}</p>}
      <dl class="summary">
        <dt>{t('legal.field.type')}</dt>
        <dd>{t(`legal.type.${doc.type}`)}</dd>
        <dt>{t('legal.field.number')}</dt>
        <dd>{doc.number}</dd>
        <dt>{t('legal.field.year')}</dt>
        <dd>{doc.year}</dd>
        <dt>{t('legal.field.title')}</dt>
        <dd>{doc.title}</dd>
        <dt>{t('legal.field.status')}</dt>
        <dd>{t(`legal.status.${doc.status}`)}</dd>
        {doc.agencyName && (
          <>
            <dt>{t('legal.field.agency')}</dt>
            <dd>{doc.agencyName}</dd>
          </>
        )}
      </dl>
      {doc.summary && (
        <>
          <h2>{t('legal.field.summary')}</h2>
          <p class="pre">{doc.summary}</p>
        </>
      )}
      <h2>{t('legal.document')}</h2>
      {doc.file ? (
        <p>
          <a class="button" href={`/hukum/${doc.id}/berkas`} type="application/pdf">
            {t('legal.download')}
          </a>{' '}
          <span class="muted">{t('legal.file_info', { size: formatSize(doc.file.size) })}</span>
        </p>
      ) : (
        <p>{t('legal.no_file')}</p>
      )}
    </Layout>
  );
}
