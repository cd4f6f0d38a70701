// Sections of the ICT-governance console (/kelola/tata-kelola): each governance part
// registers its pages here and the landing page lists those the actor may open.
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/policy.ts';

export interface GovernanceSection {
  href: string;
  labelKey: string;
  descriptionKey: string;
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
