// Summary list: label/value pairs of a record (a styled <dl>), each with an optional action
// link (e.g. "Ubah"). Empty values show a dash, so a missing value is visible.
import type { ComponentChildren } from 'preact';

export interface SummaryRow {
  label: ComponentChildren;
  value: ComponentChildren;
  action?: { href: string; label: string; hiddenLabel?: string };
}

const isEmpty = (v: ComponentChildren) => v === null || v === undefined || v === '' || v === false;

export function SummaryList({ rows, compact }: { rows: readonly (SummaryRow | null | false | undefined)[]; compact?: boolean }) {
  const shown = rows.filter((r): r is SummaryRow => !!r);
  if (!shown.length) return null;
  return (
    <dl class={compact ? 'summary-list compact' : 'summary-list'}>
      {shown.map((r, i) => (
        <div class="summary-row" key={i}>
          <dt>{r.label}</dt>
          <dd>{isEmpty(r.value) ? '—' : r.value}</dd>
          {r.action && (
            <dd class="summary-action">
              <a href={r.action.href}>
                {r.action.label}
                {r.action.hiddenLabel && <span class="visually-hidden"> {r.action.hiddenLabel}</span>}
              </a>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
