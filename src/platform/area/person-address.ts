// A person's address on his account (registration, /akun/ubah, walk-in registration at the
// counter): the official area codes down to the village (platform/area/areas.ts) and a street
// line. Stored as `users.address_area` (the village code; the parents follow from it) and
// `users.address` (the street line). An address typed as free text before the codes existed
// stays in `users.address` with no area and is shown as it was.
import { addressFromCode, addressLine, areaLevels, readAddress, type AddressValue } from './areas.ts';
import type { FieldError } from '../http/errors.ts';

export interface AccountAddress {
  /** The village code, or null when no area was chosen. */
  area: string | null;
  /** The street line (or an older free-text address); null when empty. */
  street: string | null;
}

/**
 * Reads `<prefix>.province` … `<prefix>.village` and `<prefix>.street`. The address is optional:
 * a province alone (the region's own, preselected) with nothing below counts as not chosen;
 * once a regency/city is chosen, every level down to the village must be, each inside the one
 * above.
 */
export function readAccountAddress(values: Record<string, unknown>, prefix: string): { value: AccountAddress; errors: FieldError[] } {
  const has = (l: string) => {
    const v = values[`${prefix}.${l}`];
    return typeof v === 'string' && v.trim() !== '';
  };
  const street = typeof values[`${prefix}.street`] === 'string' ? (values[`${prefix}.street`] as string).replace(/\s+/g, ' ').trim() : '';
  if (!areaLevels.slice(1).some(has)) {
    const errors: FieldError[] = [...street].length > 300 ? [{ field: `${prefix}.street`, key: 'ui.address.v.street' }] : [];
    return { value: { area: null, street: street || null }, errors };
  }
  const r = readAddress(values, prefix, { deepest: 'village', required: true });
  return { value: { area: r.value?.village ?? null, street: r.value?.street ?? null }, errors: r.errors };
}

/** The form values of a stored account address. */
export function accountAddressValues(prefix: string, a: AccountAddress): Record<string, string> {
  const v = addressFromCode(a.area, a.street);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (x) out[`${prefix}.${k}`] = x;
  return out;
}

/** The stored account address as a value of an `address` form field. */
export function accountAddressValue(a: AccountAddress): AddressValue | null {
  return a.area ? addressFromCode(a.area, a.street) : null;
}

/** The account address on one line (names from the codes; an older free-text address as it was). */
export function accountAddressLine(a: AccountAddress): string {
  return a.area ? addressLine(addressFromCode(a.area, a.street)) : (a.street ?? '');
}
