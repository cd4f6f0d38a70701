// The audit-trail viewer's pages: filters, newest first, keyset pages, before/after as a
// readable diff (<del>/<ins>, so the change is announced by screen readers and visible in
// print without colour).
import type { FieldError } from '../../platform/http/errors.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary } from '../../platform/views/forms.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { auditDiff, type AuditEventView, type DiffRow } from './audit.service.ts';
import { timeZoneLabel } from '../agencies/agencies.schemas.ts';
import './audit.messages.ts';

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

function Change({ row }: { row: DiffRow }) {
  if (row.change === 'added') return <ins>{row.after}</ins>;
  if (row.change === 'removed') return <del>{row.before}</del>;
  if (row.change === 'same') return <>{row.after}</>;
  return (
    <>
      <del>{row.before}</del> → <ins>{row.after}</ins>
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
          <code>{r.field}</code>: <Change row={r} />
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
  agencyNames,
  errors,
  paged,
}: {
  ctx: ViewContext;
  items: AuditEventView[];
  nextCursor: number | null;
  filter: AuditFilterValues;
  entityTypes: string[];
  agencyNames: Map<string, string>;
  errors: FieldError[];
  paged: boolean;
}) {
  const { t } = ctx;
  const labels = { entityType: t('audit.f.entity'), action: t('audit.f.action'), actor: t('audit.f.actor'), from: t('audit.f.from'), to: t('audit.f.to'), before: t('audit.title') };
  const err = (f: string) => errors.find((e) => e.field === f);
  const Field = ({ name, field, label, type = 'text', hint }: { name: keyof AuditFilterValues; field: string; label: string; type?: string; hint?: string }) => {
    const e = err(field);
    const id = `f-${field}`;
    return (
      <div class={`field${e ? ' field-error' : ''}`}>
        <label for={id}>{label}</label>
        {hint && (
          <p class="hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {e && (
          <p class="error-message" id={`${id}-error`}>
            {t(e.key, e.params)}
          </p>
        )}
        <input id={id} name={name} type={type} value={filter[name] ?? ''} maxLength={120} aria-invalid={e ? 'true' : undefined} aria-describedby={[hint ? `${id}-hint` : '', e ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined} />
      </div>
    );
  };
  return (
    <Layout ctx={ctx} title={t('audit.title')} face="backoffice">
      <Crumbs ctx={ctx} />
      <h1>{t('audit.title')}</h1>
      <p class="lead">{t('audit.lead')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="get" action={ROOT_AUDIT} class="filters">
        <div class="field">
          <label for="f-entityType">{t('audit.f.entity')}</label>
          <select id="f-entityType" name="entitas">
            <option value="">{t('audit.all_entities')}</option>
            {entityTypes.map((et) => (
              <option key={et} value={et} selected={et === filter.entitas}>
                {et}
              </option>
            ))}
          </select>
        </div>
        <Field name="aksi" field="action" label={t('audit.f.action')} hint={t('audit.hint.action')} />
        <Field name="aktor" field="actor" label={t('audit.f.actor')} hint={t('audit.hint.actor')} />
        <Field name="dari" field="from" label={t('audit.f.from')} type="date" />
        <Field name="sampai" field="to" label={t('audit.f.to')} type="date" />
        <button type="submit">{t('adm.filter')}</button>
      </form>
      {paged && (
        <p>
          <a href={`${ROOT_AUDIT}${queryString(filter)}`}>{t('audit.newest')}</a>
        </p>
      )}
      {items.length ? (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption class="muted">{t('audit.caption', { zone: timeZoneLabel(ctx.timeZone) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.f.when')}</th>
                <th scope="col">{t('audit.f.actor')}</th>
                <th scope="col">{t('audit.f.action')}</th>
                <th scope="col">{t('audit.f.entity')}</th>
                <th scope="col">{t('audit.f.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <a href={`${ROOT_AUDIT}/${e.id}`}>{ctx.dateTime(e.occurredAt)}</a>
                  </td>
                  <td>{e.actorId ? <a href={`${ROOT_AUDIT}${queryString({ aktor: e.actorId })}`}>{e.actorLabel}</a> : e.actorLabel}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.entityType}
                    {e.agencyId && agencyNames.get(e.agencyId) ? <div class="muted">{agencyNames.get(e.agencyId)}</div> : null}
                  </td>
                  <td>
                    <ChangeSummary ctx={ctx} e={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('audit.none')}</p>
      )}
      {nextCursor !== null && (
        <p>
          <a class="button secondary" rel="next" href={`${ROOT_AUDIT}${queryString(filter, { sebelum: String(nextCursor) })}`}>
            {t('audit.older')}
          </a>
        </p>
      )}
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
          <code>{e.action}</code>
        </dd>
        <dt>{t('audit.f.entity')}</dt>
        <dd>
          {e.entityType}
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
                  <th scope="row">
                    <code>{r.field}</code>
                  </th>
                  <td>{r.change === 'changed' || r.change === 'removed' ? <del>{r.before}</del> : (r.before ?? '—')}</td>
                  <td>{r.change === 'changed' || r.change === 'added' ? <ins>{r.after}</ins> : (r.after ?? '—')}</td>
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
