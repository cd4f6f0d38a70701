// The audit-trail viewer's pages: filters, newest first, keyset pages, before/after as a
// readable diff (<del>/<ins>, so the change is announced by screen readers and visible in
// print without colour).
import type { FieldError } from '../../platform/http/errors.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { DataTable, ErrorSummary, FilterBar, FilterInput, FilterSelect, Pagination, shortDateTime, sortHref, type Column, type SortState } from '../../platform/views/components/index.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { auditDiff, type AuditEventView, type DiffRow } from './audit.service.ts';
import { timeZoneLabel } from '../../platform/calendar/time-zones.ts';
import { actionFullLabel, actionLabel, entityLabel, fieldLabel } from './audit.labels.ts';

export const ROOT_AUDIT = '/kelola/audit';

export interface AuditFilterValues {
  entitas?: string;
  aksi?: string;
  aktor?: string;
  dari?: string;
  sampai?: string;
}

function Crumbs({ ctx, detail }: { ctx: ViewContext; detail?: boolean }) {
  return (
    <nav aria-label={ctx.t('adm.crumbs')} class="crumbs">
      <ul>
        <li>
          <a href="/kelola">{ctx.t('nav.backoffice')}</a>
        </li>
        {detail && (
          <li>
            <a href={ROOT_AUDIT}>{ctx.t('audit.title')}</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function queryString(values: AuditFilterValues, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A recorded value as people read it: dates and times the Indonesian way, yes/no, a dash for nothing. */
export function readableValue(ctx: ViewContext, v: string | null): string | null {
  if (v === null) return null;
  if (v === '∅' || v === '') return '—';
  if (v === 'true') return ctx.t('audit.value.yes');
  if (v === 'false') return ctx.t('audit.value.no');
  if (isoInstant.test(v)) return ctx.dateTime(new Date(v));
  if (isoDate.test(v)) return ctx.date(new Date(`${v}T12:00:00Z`));
  return v;
}

function Change({ ctx, row }: { ctx: ViewContext; row: DiffRow }) {
  const before = readableValue(ctx, row.before);
  const after = readableValue(ctx, row.after);
  if (row.change === 'added') return <ins>{after}</ins>;
  if (row.change === 'removed') return <del>{before}</del>;
  if (row.change === 'same') return <>{after}</>;
  return (
    <>
      <del>{before}</del> → <ins>{after}</ins>
    </>
  );
}

/** The changed fields of an event, compactly. */
function ChangeSummary({ ctx, e }: { ctx: ViewContext; e: AuditEventView }) {
  const rows = auditDiff(e.before, e.after).filter((r) => r.change !== 'same');
  if (!rows.length) return <span class="muted">{ctx.t('audit.no_changes')}</span>;
  const shown = rows.slice(0, 6);
  return (
    <ul class="plain">
      {shown.map((r) => (
        <li key={r.field}>
          {fieldLabel(ctx.locale, e.entityType, r.field)}: <Change ctx={ctx} row={r} />
        </li>
      ))}
      {rows.length > shown.length && <li class="muted">{ctx.t('audit.more_changes', { count: rows.length - shown.length })}</li>}
    </ul>
  );
}

export function AuditListPage({
  ctx,
  items,
  nextCursor,
  filter,
  entityTypes,
  actions,
  agencyNames,
  errors,
  paged,
  sort = { key: 'when', dir: 'desc' },
}: {
  ctx: ViewContext;
  items: AuditEventView[];
  nextCursor: number | null;
  filter: AuditFilterValues;
  entityTypes: string[];
  actions: string[];
  agencyNames: Map<string, string>;
  errors: FieldError[];
  paged: boolean;
  /** Newest first (default) or oldest first. */
  sort?: SortState<'when'>;
}) {
  const { t, locale } = ctx;
  const labels = { entityType: t('audit.f.entity'), action: t('audit.f.action'), actor: t('audit.f.actor'), from: t('audit.f.from'), to: t('audit.f.to'), before: t('audit.title') };
  const err = (f: string) => {
    const e = errors.find((x) => x.field === f);
    return e ? t(e.key, e.params) : undefined;
  };
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, 'id');
  const entityOptions = entityTypes.map((et) => ({ value: et, label: entityLabel(locale, et) })).sort(byLabel);
  // The action filter lists what is in the trail, each as "what was done — to what".
  const actionOptions = [...new Set([...actions, ...(filter.aksi ? [filter.aksi] : [])])]
    .map((a) => ({ value: a, label: actionFullLabel(locale, a) }))
    .sort(byLabel);
  const columns: Column<AuditEventView>[] = [
    { key: 'when', label: t('audit.f.when'), nowrap: true, sortable: true, cell: (e) => <a href={`${ROOT_AUDIT}/${e.id}`}>{shortDateTime(ctx, e.occurredAt)}</a> },
    { key: 'actor', label: t('audit.f.actor'), cell: (e) => (e.actorId ? <a href={`${ROOT_AUDIT}${queryString({ aktor: e.actorId })}`}>{e.actorLabel}</a> : e.actorLabel) },
    { key: 'action', label: t('audit.f.action'), cell: (e) => <span title={e.action}>{actionLabel(locale, e.action)}</span> },
    {
      key: 'entity',
      label: t('audit.f.entity'),
      cell: (e) => (
        <>
          {entityLabel(locale, e.entityType)}
          {e.agencyId && agencyNames.get(e.agencyId) ? <div class="muted">{agencyNames.get(e.agencyId)}</div> : null}
        </>
      ),
    },
    { key: 'changes', label: t('audit.f.changes'), cell: (e) => <ChangeSummary ctx={ctx} e={e} /> },
  ];
  const active = Object.values(filter).some(Boolean);
  const oldestFirst = sort.dir === 'asc';
  // The order rides along on the filter form and the page links (the default is not written).
  const kept: Record<string, string> = oldestFirst ? { urut: 'when', arah: 'naik' } : {};
  return (
    <Layout ctx={ctx} title={t('audit.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <FilterBar ctx={ctx} action={ROOT_AUDIT} active={active} hidden={kept}>
        <FilterSelect name="entitas" id="f-entityType" label={t('audit.f.entity')} allLabel={t('audit.all_entities')} options={entityOptions} value={filter.entitas} />
        <FilterSelect name="aksi" id="f-action" label={t('audit.f.action')} allLabel={t('audit.all_actions')} options={actionOptions} value={filter.aksi} />
        <FilterInput name="aktor" id="f-actor" label={t('audit.f.actor')} hint={t('audit.hint.actor')} value={filter.aktor} error={err('actor')} />
        <FilterInput name="dari" id="f-from" label={t('audit.f.from')} type="date" value={filter.dari} error={err('from')} />
        <FilterInput name="sampai" id="f-to" label={t('audit.f.to')} type="date" value={filter.sampai} error={err('to')} />
      </FilterBar>
      {err('action') && <p class="error-message">{err('action')}</p>}
      {err('entityType') && <p class="error-message">{err('entityType')}</p>}
      <DataTable
        ctx={ctx}
        columns={columns}
        rows={items}
        rowKey={(e) => String(e.id)}
        caption={t('audit.caption', { zone: timeZoneLabel(ctx.timeZone) })}
        empty={t('audit.none')}
        sort={sort}
        sortLink={(key, dir) => sortHref(ROOT_AUDIT, { ...filter }, key, dir)}
      />
      <Pagination
        ctx={ctx}
        first={paged ? `${ROOT_AUDIT}${queryString(filter, kept)}` : null}
        next={nextCursor !== null ? `${ROOT_AUDIT}${queryString(filter, { ...kept, [oldestFirst ? 'setelah' : 'sebelum']: String(nextCursor) })}` : null}
        labels={oldestFirst ? { first: t('audit.oldest'), next: t('audit.newer') } : { first: t('audit.newest'), next: t('audit.older') }}
      />
    </Layout>
  );
}

export function AuditEventPage({ ctx, e, agencyName }: { ctx: ViewContext; e: AuditEventView; agencyName: string | null }) {
  const { t } = ctx;
  const rows = auditDiff(e.before, e.after);
  return (
    <Layout ctx={ctx} title={t('audit.event.title', { id: e.id })} face="backoffice">
      <Crumbs ctx={ctx} detail />
      <h1>{t('audit.event.title', { id: e.id })}</h1>
      <dl class="summary">
        <dt>{t('audit.f.when')}</dt>
        <dd>{ctx.dateTime(e.occurredAt)}</dd>
        <dt>{t('audit.f.actor')}</dt>
        <dd>{e.actorLabel}</dd>
        <dt>{t('audit.f.ip')}</dt>
        <dd>{e.ip ?? '—'}</dd>
        <dt>{t('audit.f.request')}</dt>
        <dd>{e.requestId ? <code>{e.requestId}</code> : '—'}</dd>
        <dt>{t('audit.f.action')}</dt>
        <dd>
          {actionLabel(ctx.locale, e.action)} <code class="muted">{e.action}</code>
        </dd>
        <dt>{t('audit.f.entity')}</dt>
        <dd>
          {entityLabel(ctx.locale, e.entityType)}
          {e.entityId ? (
            <>
              {' '}
              <code>{e.entityId}</code>
            </>
          ) : null}
        </dd>
        <dt>{t('audit.f.agency')}</dt>
        <dd>{agencyName ?? '—'}</dd>
      </dl>
      <h2>{t('audit.f.changes')}</h2>
      {rows.length ? (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.f.field')}</th>
                <th scope="col">{t('audit.f.before')}</th>
                <th scope="col">{t('audit.f.after')}</th>
                <th scope="col">{t('audit.f.change')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.field}>
                  <th scope="row">{fieldLabel(ctx.locale, e.entityType, r.field)}</th>
                  <td>{r.change === 'changed' || r.change === 'removed' ? <del>{readableValue(ctx, r.before)}</del> : (readableValue(ctx, r.before) ?? '—')}</td>
                  <td>{r.change === 'changed' || r.change === 'added' ? <ins>{readableValue(ctx, r.after)}</ins> : (readableValue(ctx, r.after) ?? '—')}</td>
                  <td>{t(`audit.change.${r.change}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('audit.no_changes')}</p>
      )}
    </Layout>
  );
}
