// The one policy layer (S-1). Every action a route or service performs is named here with
// the roles that may perform it and its scope. Modules register their actions with
// `definePolicy`; routes and services call `authorize`/`can`, never check roles by hand.
//
// Scope:
//  - 'region': the grant must be region-wide (agency_id NULL) — e.g. managing agencies.
//  - 'agency': a grant in the target's agency, or a region-wide grant of an allowed role.
//  - 'self':   citizens/businesses acting on their own records (checked by the caller's
//              service with `ownerId`), or staff per the roles listed.
import { errors } from '../http/errors.ts';
import type { StaffRole } from '../db/schema.ts';
import type { Actor } from './actor.ts';

export interface Rule {
  roles: StaffRole[];
  scope: 'region' | 'agency';
  /** Read-only actions may be performed by auditors (region-wide or agency). */
  readOnly?: boolean;
  /** The acting session must have passed TOTP when the actor holds an administrative role. */
  mfa?: boolean;
}

const rules = new Map<string, Rule>();

export function definePolicy(defs: Record<string, Rule>): void {
  for (const [action, rule] of Object.entries(defs)) {
    if (rules.has(action)) throw new Error(`Policy for ${action} defined twice`);
    rules.set(action, rule);
  }
}

export function policyRules(): ReadonlyMap<string, Rule> {
  return rules;
}

export interface Target {
  /** The agency that owns the record; undefined for region-level records. */
  agencyId?: string | null;
}

/** Agencies in which the actor may perform `action` ('all' when region-wide). */
export function agenciesFor(actor: Actor | null, action: string): 'all' | string[] {
  const rule = rules.get(action);
  if (!rule || !actor || actor.kind !== 'staff') return [];
  const allowed = new Set<StaffRole>(rule.readOnly ? [...rule.roles, 'auditor'] : rule.roles);
  const ids: string[] = [];
  for (const g of actor.grants) {
    if (!allowed.has(g.role)) continue;
    if (g.agencyId === null) return 'all';
    if (rule.scope === 'agency') ids.push(g.agencyId);
  }
  return ids;
}

export function can(actor: Actor | null, action: string, target: Target = {}): boolean {
  const rule = rules.get(action);
  if (!rule) throw new Error(`Unknown policy action: ${action}`);
  const scope = agenciesFor(actor, action);
  if (scope === 'all') return true;
  if (rule.scope === 'region') return false;
  if (target.agencyId === undefined) return scope.length > 0; // listing: filtered by agenciesFor
  return target.agencyId !== null && scope.includes(target.agencyId);
}

/** Throws 401 when signed out, 403 when not allowed. */
export function authorize(actor: Actor | null, action: string, target: Target = {}): asserts actor is Actor {
  if (!actor) throw errors.unauthenticated();
  if (!can(actor, action, target)) throw errors.forbidden();
}
