// Public catalogue pages: light, server-rendered, no scripts (P-10).
import type { ViewContext } from '../../platform/views/context.ts';
import { formatRupiah, messageKeyOr } from '../../platform/views/i18n.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { SearchHit } from '../../platform/search/search.ts';
import { sectors, type ServiceContent } from './catalog.schemas.ts';
import type { PublishedService, ServiceSummary } from './catalog.service.ts';

export function sectorLabel(ctx: ViewContext, code: string): string {
  const s = sectors.find((x) => x.code === code);
  return s ? (ctx.locale === 'en' ? s.en : s.id) : code;
}

const fileTypeLabel: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPG', 'image/png': 'PNG' };

export function serviceName(ctx: ViewContext, c: Pick<ServiceContent, 'name' | 'nameEn'> | { name: string; nameEn?: string }): string {
  return ctx.locale === 'en' && c.nameEn ? c.nameEn : c.name;
}

export function SearchBox({ ctx, q = '' }: { ctx: ViewContext; q?: string }) {
  return (
    <form method="get" action="/cari" class="search" role="search">
      <label for="q">{ctx.t('portal.search.label')}</label>
      <p class="hint" id="q-hint">
        {ctx.t('portal.search.hint')}
      </p>
      <div class="search-row">
        <input id="q" name="q" type="search" value={q} maxLength={200} aria-describedby="q-hint" />
        <button type="submit">{ctx.t('portal.search.button')}</button>
      </div>
    </form>
  );
}

export function ServiceList({ ctx, items }: { ctx: ViewContext; items: ServiceSummary[] }) {
  return (
    <ul class="list">
      {items.map((s) => (
        <li key={s.id}>
          <a href={`/layanan/${s.slug}`}>
            <strong>{s.name}</strong>
          </a>
          <br />
          <span class="muted">
            {s.agencyName} · {s.channels.map((c) => ctx.t(messageKeyOr(`portal.channel.${c}`, 'value.unknown'))).join(', ')}
          </span>
          {s.summary && <p>{s.summary}</p>}
        </li>
      ))}
    </ul>
  );
}

export function ServicesPage({
  ctx,
  items,
  total,
  sector,
  agencySlug,
  agencies,
  offset,
  pageSize,
}: {
  ctx: ViewContext;
  items: ServiceSummary[];
  total: number;
  sector?: string;
  agencySlug?: string;
  agencies: { slug: string; name: string }[];
  offset: number;
  pageSize: number;
}) {
  const { t } = ctx;
  const qs = (o: number) => {
    const p = new URLSearchParams();
    if (sector) p.set('sektor', sector);
    if (agencySlug) p.set('instansi', agencySlug);
    if (o) p.set('mulai', String(o));
    const s = p.toString();
    return s ? `/layanan?${s}` : '/layanan';
  };
  return (
    <Layout ctx={ctx} title={t('portal.services.title')}>
      <h1>{sector ? sectorLabel(ctx, sector) : t('portal.services.title')}</h1>
      <p class="lead">{t('portal.services.lead')}</p>
      <form method="get" action="/layanan" class="filters">
        {sector && <input type="hidden" name="sektor" value={sector} />}
        <label for="instansi">{t('portal.services.agency')}</label>
        <div class="search-row">
          <select id="instansi" name="instansi">
            <option value="">{t('portal.services.all_agencies')}</option>
            {agencies.map((a) => (
              <option key={a.slug} value={a.slug} selected={a.slug === agencySlug}>
                {a.name}
              </option>
            ))}
          </select>
          <button type="submit">{t('portal.services.filter')}</button>
        </div>
      </form>
      <nav aria-label={t('portal.services.by_sector')}>
        <h2>{t('portal.services.by_sector')}</h2>
        <ul class="chips">
          <li>
            <a href="/layanan" aria-current={!sector ? 'page' : undefined}>
              {t('portal.services.all_sectors')}
            </a>
          </li>
          {sectors.map((s) => (
            <li key={s.code}>
              <a href={`/layanan?sektor=${s.code}`} aria-current={sector === s.code ? 'page' : undefined}>
                {ctx.locale === 'en' ? s.en : s.id}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t('portal.services.count', { count: total })}</h2>
      {items.length ? <ServiceList ctx={ctx} items={items} /> : <p>{t('portal.services.none')}</p>}
      <p>
        {offset > 0 && <a href={qs(Math.max(0, offset - pageSize))}>{t('portal.services.prev')}</a>}{' '}
        {offset + pageSize < total && <a href={qs(offset + pageSize)}>{t('portal.services.next')}</a>}
      </p>
    </Layout>
  );
}

function validityText(ctx: ViewContext, v: { years: number; months: number } | null): string {
  if (!v || (!v.years && !v.months)) return ctx.t('portal.service.no_expiry');
  const parts = [];
  if (v.years) parts.push(ctx.t('portal.service.years', { n: v.years }));
  if (v.months) parts.push(ctx.t('portal.service.months', { n: v.months }));
  return ctx.t('portal.service.validity', { period: parts.join(' ') });
}

export function FeeView({ ctx, fee }: { ctx: ViewContext; fee: ServiceContent['fee'] }) {
  if (!fee || fee.kind === 'free') return <p>{ctx.t('portal.service.free')}</p>;
  if (fee.kind === 'fixed')
    return (
      <>
        <p class="amount">{formatRupiah(fee.amount)}</p>
        <p class="muted">{ctx.t('portal.service.fee_basis', { regulation: fee.regulation })}</p>
      </>
    );
  return (
    <>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{ctx.t('portal.service.tariff_item')}</th>
              <th scope="col">{ctx.t('portal.service.tariff_amount')}</th>
            </tr>
          </thead>
          <tbody>
            {fee.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.label}</td>
                <td>
                  {formatRupiah(l.amount)} {l.unit ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{ctx.t('portal.service.fee_basis', { regulation: fee.regulation })}</p>
    </>
  );
}

const organisation = ['facilities', 'staffCompetence', 'internalSupervision', 'staffCount', 'serviceGuarantee', 'securityGuarantee', 'performanceEvaluation'] as const;

/** The parts every reader needs before applying; shared by the service page and the printable standard. */
function StandardBody({ ctx, s, print }: { ctx: ViewContext; s: PublishedService; print?: boolean }) {
  const { t } = ctx;
  const c = s.content;
  return (
    <>
      <section aria-labelledby="h-req">
        <h2 id="h-req">{t('portal.service.requirements')}</h2>
        <ul class="checklist">
          {c.requirements.map((r) => (
            <li key={r.key}>
              <strong>{r.name}</strong>{' '}
              <span class="tag">{r.mandatory ? t('portal.service.mandatory') : t('portal.service.optional')}</span>{' '}
              <span class="tag">{r.kind === 'document' ? t('portal.service.document') : t('portal.service.data')}</span>
              {r.kind === 'document' && r.fileTypes.length > 0 && (
                <span class="muted"> — {t('portal.service.file_types', { types: r.fileTypes.map((f) => fileTypeLabel[f] ?? f).join('/'), size: r.maxSizeMb })}</span>
              )}
              {r.explanation && <p class="hint">{r.explanation}</p>}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-fee">
        <h2 id="h-fee">{t('portal.service.fee')}</h2>
        <FeeView ctx={ctx} fee={c.fee} />
      </section>
      <section aria-labelledby="h-time">
        <h2 id="h-time">{t('portal.service.time')}</h2>
        <p>{c.completionDays !== null ? t('portal.service.days', { days: c.completionDays }) : '—'}</p>
      </section>
      <section aria-labelledby="h-proc">
        <h2 id="h-proc">{t('portal.service.procedure')}</h2>
        <ol>
          {c.procedure.map((p, i) => (
            <li key={i}>
              <strong>{p.title}</strong>
              {p.description && <p>{p.description}</p>}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="h-product">
        <h2 id="h-product">{t('portal.service.product')}</h2>
        <p>
          <strong>{c.product?.name}</strong> — {validityText(ctx, c.product?.validity ?? null)}
        </p>
        {c.product?.description && <p>{c.product.description}</p>}
      </section>
      <section aria-labelledby="h-legal">
        <h2 id="h-legal">{t('portal.service.legal')}</h2>
        <ul>
          {c.legalBasis.map((l, i) => (
            <li key={i}>{l.legalDocumentId && !print ? <a href={`/hukum/${l.legalDocumentId}`}>{l.citation}</a> : l.citation}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-complaint">
        <h2 id="h-complaint">{t('portal.service.complaints')}</h2>
        <p class="pre">{c.complaintHandling}</p>
        {!print && (
          <p>
            <a href={`/pengaduan?layanan=${s.slug}`}>{t('portal.service.complain_link')}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="h-org">
        <h2 id="h-org">{t('portal.service.standard')}</h2>
        <dl class="summary">
          {organisation.map((k) => (
            <>
              <dt key={`${k}-dt`}>{t(`portal.component.${k}`)}</dt>
              <dd key={`${k}-dd`} class="pre">
                {k === 'staffCount' ? t('portal.service.staff_people', { n: c.staffCount ?? 0 }) : c[k]}
              </dd>
            </>
          ))}
        </dl>
      </section>
    </>
  );
}

export function ServicePage({ ctx, s }: { ctx: ViewContext; s: PublishedService }) {
  const { t } = ctx;
  const c = s.content;
  const online = c.channels.includes('online');
  const summary = ctx.locale === 'en' && c.summaryEn ? c.summaryEn : c.summary;
  return (
    <Layout ctx={ctx} title={serviceName(ctx, c)} description={summary}>
      <p class="muted">
        <a href={`/instansi/${s.agency.slug}`}>{s.agency.name}</a>
      </p>
      <h1>{serviceName(ctx, c)}</h1>
      <p class="lead">{summary}</p>
      <p class="muted">
        {t('portal.service.channels')}: {c.channels.map((ch) => t(`portal.channel.${ch}`)).join(', ')} · {t('portal.service.sectors')}:{' '}
        {c.sectors.map((code) => sectorLabel(ctx, code)).join(', ')}
      </p>
      <div class="notice">
        {online ? (
          <p>
            <a class="button" href={`/layanan/${s.slug}/ajukan`}>
              {t('portal.service.apply')}
            </a>
          </p>
        ) : (
          <p>
            <strong>{t('portal.service.counter_only')}</strong>
          </p>
        )}
        {c.channels.includes('counter') && c.counterInfo && (
          <p>
            {t('portal.service.where')}: {c.counterInfo}
          </p>
        )}
      </div>
      <StandardBody ctx={ctx} s={s} />
      <section aria-labelledby="h-contact">
        <h2 id="h-contact">{t('portal.service.contact')}</h2>
        <p>
          {[c.contact.phone || s.agency.phone, c.contact.email || s.agency.email, c.contact.address || s.agency.address, c.contact.hours].filter(Boolean).join(' · ')}
        </p>
      </section>
      <p>
        <a href={`/layanan/${s.slug}/standar`}>{t('portal.service.print')}</a>
      </p>
      <p class="muted">{t('portal.service.version', { version: s.version, date: ctx.date(s.publishedAt) })}</p>
    </Layout>
  );
}

/** One-page printable Standar Pelayanan (print stylesheet, no navigation). */
export function PrintableStandard({ ctx, s, regionName }: { ctx: ViewContext; s: PublishedService; regionName: string }) {
  const c = s.content;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${ctx.t('portal.service.standard')} — ${serviceName(ctx, c)}`}</title>
        <link rel="stylesheet" href="/assets/print.css" />
        <link rel="icon" href="data:," />
      </head>
      <body class="print">
        <main>
          <p class="muted">
            {regionName} · {s.agency.name}
          </p>
          <h1>
            {ctx.t('portal.service.standard')}: {serviceName(ctx, c)}
          </h1>
          <p class="muted">{ctx.t('portal.service.version', { version: s.version, date: ctx.date(s.publishedAt) })}</p>
          <StandardBody ctx={ctx} s={s} print />
        </main>
      </body>
    </html>
  );
}

export function SearchPage({
  ctx,
  q,
  hits,
  total,
  broadened,
}: {
  ctx: ViewContext;
  q: string;
  hits: SearchHit[];
  total: number;
  broadened: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={q ? `${t('portal.search.title')}: ${q}` : t('portal.search.title')}>
      <h1>{t('portal.search.title')}</h1>
      <SearchBox ctx={ctx} q={q} />
      {q && (
        <>
          <h2 aria-live="polite">{hits.length ? t('portal.search.results', { count: total, q }) : t('portal.search.none', { q })}</h2>
          {broadened && <p class="notice">{t('portal.search.broadened')}</p>}
          <ul class="list">
            {hits.map((h) => (
              <li key={`${h.kind}-${h.refId}`}>
                <span class="tag">{t(`portal.search.kind.${h.kind}`)}</span> <a href={h.url}>{h.title}</a>
                {h.summary && <p>{h.summary}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
