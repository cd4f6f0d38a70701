// Links on the back-office home page. Modules add theirs; each is shown only to actors
// the policy allows to perform its action.
import type { Actor } from '../auth/actor.ts';
import { can } from '../auth/policy.ts';

export interface MenuLink {
  href: string;
  labelKey: string;
  action: string;
  order: number;
}

const links: MenuLink[] = [];

export function defineMenuLink(link: MenuLink): void {
  if (!links.some((l) => l.href === link.href)) links.push(link);
}

export function menuFor(actor: Actor): MenuLink[] {
  return links.filter((l) => can(actor, l.action)).sort((a, b) => a.order - b.order);
}
