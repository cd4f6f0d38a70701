// The back office's navigation: the user's links grouped by area (Pelayanan, Keuangan,
// Konten, Tata kelola TIK, Sistem), beside the content on wide screens and collapsed behind
// a <details> on narrow ones (no JavaScript needed).
import type { ComponentChildren } from 'preact';
import type { MenuGroup } from './backoffice-menu.ts';
import type { ViewContext } from './context.ts';

const areaKeys = { services: 'ui.area.services', finance: 'ui.area.finance', content: 'ui.area.content', ict: 'ui.area.ict', system: 'ui.area.system' } as const;

/** The link the current path is under (the longest matching prefix), marked aria-current. */
export function currentHref(groups: readonly MenuGroup[], path: string): string | null {
  const bare = path.split('?')[0] ?? '';
  let best: string | null = null;
  for (const g of groups)
    for (const l of g.links)
      if ((bare === l.href || bare.startsWith(`${l.href}/`)) && (!best || l.href.length > best.length)) best = l.href;
  return best;
}

export function BackofficeNav({ ctx, groups }: { ctx: ViewContext; groups: readonly MenuGroup[] }) {
  const { t } = ctx;
  const current = currentHref(groups, ctx.path);
  return (
    <details class="bo-nav">
      <summary>{t('ui.area.nav')}</summary>
      <nav aria-label={t('ui.area.nav')}>
        {groups.map((g) => (
          <section key={g.area} aria-labelledby={`bo-area-${g.area}`}>
            <h2 id={`bo-area-${g.area}`}>{t(areaKeys[g.area])}</h2>
            <ul>
              {g.links.map((l) => (
                <li key={l.href}>
                  <a href={l.href} aria-current={l.href === current ? 'page' : undefined}>
                    {t(l.labelKey)}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
    </details>
  );
}

/** The back office's frame around a page's content: navigation, then the content. */
export function BackofficeFrame({ ctx, children }: { ctx: ViewContext; children: ComponentChildren }) {
  const groups = ctx.user?.menu ?? [];
  if (!groups.length) return <>{children}</>;
  return (
    <div class="bo">
      <BackofficeNav ctx={ctx} groups={groups} />
      <div class="bo-main">{children}</div>
    </div>
  );
}
