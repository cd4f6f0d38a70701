// Who may do what in the information layer (P-2). The rule, enforced in content.service.ts
// and shown by the pages and the API through `canEditItem`:
//  - an administrator — super_admin (region-wide: every item) or agency_admin (every item of
//    his agency) — may create, edit, publish and delete (archive / withdraw) any item in scope;
//  - an operator may create items in his agency and edit, publish and delete only the items
//    he created; never the administrator's nor another operator's;
//  - region-level items (no agency) need a region-wide grant.
// The same rule applies to content items (pages, guides, announcements, FAQ) and to legal
// documents. Nothing is hard-deleted: content is archived, legal documents are withdrawn.
import type { Actor } from '../../platform/auth/actor.ts';
import { can, definePolicy } from '../../platform/auth/policy.ts';

definePolicy({
  /** See the back-office lists (drafts included); auditors read too. */
  'content.item.read': { roles: ['super_admin', 'agency_admin', 'operator'], scope: 'agency', readOnly: true },
  /** Create items; edit the items one created. */
  'content.item.write': { roles: ['super_admin', 'agency_admin', 'operator'], scope: 'agency' },
  /** Edit and delete any item of the agency (administrators). */
  'content.item.manage': { roles: ['super_admin', 'agency_admin'], scope: 'agency' },
  'legal.document.read': { roles: ['super_admin', 'agency_admin', 'operator'], scope: 'agency', readOnly: true },
  'legal.document.write': { roles: ['super_admin', 'agency_admin', 'operator'], scope: 'agency' },
  'legal.document.manage': { roles: ['super_admin', 'agency_admin'], scope: 'agency' },
});

export type ItemFamily = 'content' | 'legal';

export interface OwnedItem {
  /** null: a region-level item. */
  agencyId: string | null;
  createdBy: string | null;
}

const actions = {
  content: { write: 'content.item.write', manage: 'content.item.manage' },
  legal: { write: 'legal.document.write', manage: 'legal.document.manage' },
} as const;

/** May `actor` create an item in `agencyId` (null: region level)? */
export function canCreateItem(actor: Actor | null, agencyId: string | null, family: ItemFamily = 'content'): boolean {
  return can(actor, actions[family].write, { agencyId });
}

/** The ownership rule (P-2): administrators any item in scope, operators only their own. */
export function canEditItem(actor: Actor | null, item: OwnedItem, family: ItemFamily = 'content'): boolean {
  if (!actor) return false;
  if (can(actor, actions[family].manage, { agencyId: item.agencyId })) return true;
  return item.createdBy !== null && item.createdBy === actor.userId && can(actor, actions[family].write, { agencyId: item.agencyId });
}

/** Deleting (archive / withdraw) follows the same rule as editing. */
export const canDeleteItem = canEditItem;
