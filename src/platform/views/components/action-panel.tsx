// Action panel: the one place on a record's page where its actions live (beside the data on
// wide screens, after it on narrow ones), with a heading so it can be found by screen readers.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../context.ts';

export function ActionPanel({ ctx, title, id = 'tindakan', children, lead }: { ctx: ViewContext; title?: string; id?: string; lead?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="action-panel" aria-labelledby={`${id}-title`} id={id}>
      <h2 id={`${id}-title`}>{title ?? ctx.t('ui.actions.title')}</h2>
      {lead && <p class="muted">{lead}</p>}
      {children}
    </section>
  );
}
