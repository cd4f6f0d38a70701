// Links of the back office's navigation, grouped by area. Modules add theirs; each is shown
// only to actors the policy allows to perform its action.
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/policy.ts';
import { type MessageKey } from './i18n.ts';

/** The areas of the back office, in the order the navigation shows them. */
export const menuAreas = ['services', 'finance', 'content', 'ict', 'system'] as const;
export type MenuArea = (typeof menuAreas)[number];

export interface MenuLink {
  href: string;
  labelKey: MessageKey;
  action: string;
  order: number;
  /** Where the link is grouped (Pelayanan, Keuangan, Konten, Tata kelola TIK, Sistem); default: system. */
  area?: MenuArea;
}

export interface MenuGroup {
  area: MenuArea;
  links: MenuLink[];
}

const links: MenuLink[] = [];

export function defineMenuLink(link: MenuLink): void {
  if (!links.some((l) => l.href === link.href)) links.push(link);
}

export function menuFor(actor: Actor): MenuLink[] {
  return links.filter((l) => can(actor, l.action)).sort((a, b) => a.order - b.order);
}

/** The actor's links grouped by area; areas without a link are left out. */
export function menuGroupsFor(actor: Actor): MenuGroup[] {
  const mine = menuFor(actor);
  return menuAreas.map((area) => ({ area, links: mine.filter((l) => (l.area ?? 'system') === area) })).filter((g) => g.links.length > 0);
}
