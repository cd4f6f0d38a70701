// Pagination for keyset-paged lists: previous/next (and "newest" back to the first page)
// as plain links with rel, plus an optional "showing n of m".
import type { ViewContext } from '../context.ts';

export function Pagination({
  ctx,
  prev,
  next,
  first,
  count,
  total,
  labels = {},
}: {
  ctx: ViewContext;
  prev?: string | null;
  next?: string | null;
  first?: string | null;
  count?: number;
  total?: number;
  /** Page-specific wording ("Older events") instead of the generic one. */
  labels?: { first?: string; prev?: string; next?: string };
}) {
  if (!prev && !next && !first && total === undefined) return null;
  return (
    <nav class="pagination" aria-label={ctx.t('ui.pagination.label')}>
      {count !== undefined && total !== undefined && <p class="muted">{ctx.t('ui.pagination.showing', { count: count.toLocaleString('id-ID'), total: total.toLocaleString('id-ID') })}</p>}
      <ul>
        {first && (
          <li>
            <a href={first}>{labels.first ?? ctx.t('ui.pagination.first')}</a>
          </li>
        )}
        {prev && (
          <li>
            <a href={prev} rel="prev">
              <span aria-hidden="true">← </span>
              {labels.prev ?? ctx.t('ui.pagination.prev')}
            </a>
          </li>
        )}
        {next && (
          <li>
            <a href={next} rel="next">
              {labels.next ?? ctx.t('ui.pagination.next')}
              <span aria-hidden="true"> →</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
