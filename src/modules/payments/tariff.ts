// Tariff → bill lines (P-7). Pure: from a service's fee (catalog `feeSchema`) and the
// application's form data, the lines of the bill and its total in integer Rupiah.
// Quantities are exact decimal strings; quantity × rate is computed with BigInt on scaled
// integers and rounded half-up to whole Rupiah. No floating point anywhere.
import type { ServiceContent } from '../catalog/index.ts';

export type Fee = NonNullable<ServiceContent['fee']>;

export interface BillLineDraft {
  lineNo: number;
  label: string;
  unit: string | null;
  /** integer Rupiah per unit */
  rate: number;
  /** exact decimal string, at most 4 places (numeric(18,4)), e.g. "12.5" */
  quantity: string;
  /** integer Rupiah, rate × quantity rounded half-up */
  amount: number;
}

export interface TariffError {
  key: 'payments.tariff.quantity_missing' | 'payments.tariff.quantity_invalid' | 'payments.tariff.too_large';
  params: { field: string; label: string; value?: string };
}

export type TariffResult =
  | { ok: true; lines: BillLineDraft[]; total: number; regulation: string }
  | { ok: false; error: TariffError };

/** Places kept for a quantity (the column is numeric(18, 4)). */
export const QUANTITY_SCALE = 4;
const MAX_TOTAL = 1_000_000_000_000n;

/**
 * Parse a non-negative decimal quantity (`12`, `12.5`, `12,5`, ` 3 `) into an integer scaled
 * by 10^4. More than four decimal places, signs, exponents and thousands separators are
 * refused (an area of `1.250` is ambiguous between 1.25 and 1250).
 */
export function parseQuantity(value: unknown): { ok: true; scaled: bigint; text: string } | { ok: false } {
  let s: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { ok: false };
    s = String(value);
    if (/e/i.test(s)) return { ok: false };
  } else if (typeof value === 'string') {
    s = value.trim().replace(',', '.');
  } else {
    return { ok: false };
  }
  const m = /^(\d{1,14})(?:\.(\d{1,4}))?$/.exec(s);
  if (!m) return { ok: false };
  const frac = (m[2] ?? '').padEnd(QUANTITY_SCALE, '0');
  const scaled = BigInt(m[1]!) * 10n ** BigInt(QUANTITY_SCALE) + BigInt(frac);
  return { ok: true, scaled, text: decimalText(scaled) };
}

/** Canonical text of a scaled quantity: no trailing zeros, `.` as separator. */
export function decimalText(scaled: bigint): string {
  const base = 10n ** BigInt(QUANTITY_SCALE);
  const int = scaled / base;
  const frac = (scaled % base).toString().padStart(QUANTITY_SCALE, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}

/** rate (integer Rupiah) × scaled quantity, rounded half-up to whole Rupiah. */
export function multiplyHalfUp(rate: number, scaledQuantity: bigint): bigint {
  const base = 10n ** BigInt(QUANTITY_SCALE);
  const product = BigInt(rate) * scaledQuantity;
  return (product + base / 2n) / base;
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Lines and total of a fee for the given form data. A free fee (or none) → no lines, total 0. */
export function computeBill(fee: Fee | null | undefined, formData: Record<string, unknown>): TariffResult {
  if (!fee || fee.kind === 'free') return { ok: true, lines: [], total: 0, regulation: '' };
  if (fee.kind === 'fixed') {
    return {
      ok: true,
      regulation: fee.regulation,
      total: fee.amount,
      lines: [{ lineNo: 1, label: fee.regulation, unit: null, rate: fee.amount, quantity: '1', amount: fee.amount }],
    };
  }
  const lines: BillLineDraft[] = [];
  let total = 0n;
  for (const [i, l] of fee.lines.entries()) {
    let scaled = 10n ** BigInt(QUANTITY_SCALE);
    let text = '1';
    if (l.quantityField) {
      const raw = formData[l.quantityField];
      if (isEmpty(raw)) return { ok: false, error: { key: 'payments.tariff.quantity_missing', params: { field: l.quantityField, label: l.label } } };
      const q = parseQuantity(raw);
      if (!q.ok) {
        return { ok: false, error: { key: 'payments.tariff.quantity_invalid', params: { field: l.quantityField, label: l.label, value: String(raw) } } };
      }
      scaled = q.scaled;
      text = q.text;
    }
    const amount = multiplyHalfUp(l.amount, scaled);
    total += amount;
    if (amount > MAX_TOTAL || total > MAX_TOTAL) {
      return { ok: false, error: { key: 'payments.tariff.too_large', params: { field: l.quantityField ?? '', label: l.label } } };
    }
    lines.push({ lineNo: i + 1, label: l.label, unit: l.unit ?? null, rate: l.amount, quantity: text, amount: Number(amount) });
  }
  return { ok: true, lines, total: Number(total), regulation: fee.regulation };
}
