// Data table: sortable columns through plain links (no JavaScript), cells labelled with
// data-label so narrow screens stack each row into a card (CSS only), an optional actions
// column and an empty state. Sorting itself is the page's job (usually in SQL); parseSort
// reads and checks the query, sortHref builds the links keeping the other filters.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../context.ts';

export type SortDir = 'asc' | 'desc';
export interface SortState<K extends string = string> {
  key: K;
  dir: SortDir;
}

export interface Column<T> {
  key: string;
  label: string;
  cell: (row: T) => ComponentChildren;
  /** Show a sort link in the header. */
  sortable?: boolean;
  /** Right-aligned tabular figures (money, counts). */
  num?: boolean;
  /** Never wrap (dates, numbers, codes). */
  nowrap?: boolean;
  /** The row's identifying cell: a row header for screen readers, the card title when stacked. */
  primary?: boolean;
}

/** The sort query names: `?urut=<column>&arah=turun`. */
export const SORT_PARAM = 'urut';
export const DIR_PARAM = 'arah';

/** Reads `urut`/`arah` from a query; unknown columns fall back to the default. */
export function parseSort<K extends string>(query: Record<string, unknown> | undefined, allowed: readonly K[], fallback: SortState<K>): SortState<K> {
  const key = query?.[SORT_PARAM];
  const dir = query?.[DIR_PARAM];
  if (typeof key !== 'string' || !allowed.includes(key as K)) return fallback;
  return { key: key as K, dir: dir === 'turun' ? 'desc' : dir === 'naik' ? 'asc' : fallback.key === key ? fallback.dir : 'asc' };
}

/** `path?…filters…&urut=key&arah=naik`: the query keeps every filter and drops the page cursor. */
export function sortHref(path: string, query: Record<string, string | undefined>, key: string, dir: SortDir, dropParams: readonly string[] = ['sebelum', 'setelah', 'kursor', 'halaman']): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v && k !== SORT_PARAM && k !== DIR_PARAM && !dropParams.includes(k)) p.set(k, v);
  p.set(SORT_PARAM, key);
  p.set(DIR_PARAM, dir === 'desc' ? 'turun' : 'naik');
  return `${path}?${p.toString()}`;
}

/** Sorts in memory (short lists that are not paged): strings by Indonesian collation, others by value. */
export function sortRows<T>(rows: readonly T[], sort: SortState, value: (row: T, key: string) => string | number | Date | null | undefined): T[] {
  const collator = new Intl.Collator('id', { sensitivity: 'base', numeric: true });
  const sign = sort.dir === 'desc' ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1;
    if (typeof x === 'string' && typeof y === 'string') return sign * collator.compare(x, y);
    return sign * (Number(x) - Number(y));
  });
}

export interface DataTableProps<T> {
  ctx: ViewContext;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  caption?: ComponentChildren;
  /** Hide the caption visually (still read by screen readers). */
  captionHidden?: boolean;
  sort?: SortState;
  /** Builds the link of a sortable header; required for sort links to appear. */
  sortLink?: (key: string, dir: SortDir) => string;
  /** Shown instead of the table when there are no rows. */
  empty?: ComponentChildren;
  /** Row actions (links or small POST forms), in the last column. */
  actions?: (row: T) => ComponentChildren;
  actionsLabel?: string;
  /** Extra class on a row (e.g. highlight overdue). */
  rowClass?: (row: T) => string | undefined;
  /** An id on the row (a link target such as `#job-12`). */
  rowId?: (row: T) => string;
}

function SortHeader<T>({ ctx, col, sort, sortLink }: { ctx: ViewContext; col: Column<T>; sort?: SortState; sortLink: (key: string, dir: SortDir) => string }) {
  const active = sort?.key === col.key;
  const next: SortDir = active && sort?.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" class={col.num ? 'num' : undefined} aria-sort={active ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={sortLink(col.key, next)} class="sort-link">
        {col.label}
        <span class="visually-hidden">
          {' ('}
          {active ? ctx.t(sort!.dir === 'asc' ? 'ui.table.sorted_asc' : 'ui.table.sorted_desc') + '; ' : ''}
          {ctx.t(next === 'asc' ? 'ui.table.sort_asc' : 'ui.table.sort_desc')})
        </span>
        <span class="sort-mark" aria-hidden="true">
          {active ? (sort!.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
        </span>
      </a>
    </th>
  );
}

export function DataTable<T>({ ctx, columns, rows, rowKey, caption, captionHidden, sort, sortLink, empty, actions, actionsLabel, rowClass, rowId }: DataTableProps<T>) {
  if (!rows.length) return <p class="empty-state">{empty ?? ctx.t('ui.table.empty')}</p>;
  const cls = (col: Column<T>) => [col.num ? 'num' : '', col.nowrap ? 'nowrap' : '', col.primary ? 'primary' : ''].filter(Boolean).join(' ') || undefined;
  const actionsTitle = actionsLabel ?? ctx.t('ui.table.actions');
  return (
    <div class="table-wrap">
      <table class="data-table">
        {caption ? <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((col) =>
              col.sortable && sortLink ? (
                <SortHeader key={col.key} ctx={ctx} col={col} sort={sort} sortLink={sortLink} />
              ) : (
                <th key={col.key} scope="col" class={col.num ? 'num' : undefined}>
                  {col.label}
                </th>
              ),
            )}
            {actions && <th scope="col">{actionsTitle}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} id={rowId?.(row)} class={rowClass?.(row)}>
              {columns.map((col) =>
                col.primary ? (
                  <th key={col.key} scope="row" class={cls(col)} data-label={col.label}>
                    {col.cell(row)}
                  </th>
                ) : (
                  <td key={col.key} class={cls(col)} data-label={col.label}>
                    {col.cell(row)}
                  </td>
                ),
              )}
              {actions && (
                <td class="row-actions" data-label={actionsTitle}>
                  {actions(row)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
