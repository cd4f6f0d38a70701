// Sections of the ICT-governance console (/kelola/tata-kelola). Each governance page
// registers itself here; the landing page lists those the actor may open (policy `can`).
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';
import { type MessageKey } from '../../platform/views/i18n.ts';

export interface GovernanceSection {
  href: string;
  labelKey: MessageKey;
  descriptionKey: MessageKey;
  action: string;
  order: number;
}

const sections: GovernanceSection[] = [];

export function defineGovernanceSection(s: GovernanceSection): void {
  const i = sections.findIndex((x) => x.href === s.href);
  if (i >= 0) sections[i] = s;
  else sections.push(s);
}

export function governanceSectionsFor(actor: Actor | null): GovernanceSection[] {
  return sections.filter((s) => can(actor, s.action)).sort((a, b) => a.order - b.order || a.href.localeCompare(b.href));
}
