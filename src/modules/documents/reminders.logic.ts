// Expiry reminders of issued documents (P-8), the pure part: calendar dates are the region's
// `YYYY-MM-DD` strings, compared as days (no clock, no time zone here).

const DAY_MS = 86_400_000;
const utc = (d: string) => {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, day);
};

/** Whole days from `from` to `to` (both `YYYY-MM-DD`); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/** `YYYY-MM-DD` `n` days after `d`. */
export function addDays(d: string, n: number): string {
  return new Date(utc(d) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The reminder due today for a document valid until `validUntil`: the nearest offset (the
 * smallest one) whose window has opened, i.e. the smallest `o` with `daysLeft <= o`. Null when
 * no window has opened yet or the last day of validity has passed.
 *
 * Missed days (the server was down): only this nearest offset is due, never the larger ones
 * whose days went by — a holder 5 days before expiry gets the 7-day reminder, not also the
 * 60- and 30-day ones. Once it is sent, a larger offset can never be due again.
 */
export function dueOffset(today: string, validUntil: string, offsets: readonly number[]): number | null {
  const left = daysBetween(today, validUntil);
  if (left < 0) return null;
  const open = offsets.filter((o) => left <= o);
  return open.length ? Math.min(...open) : null;
}

/** Whether the region's date `today` is past the last day of validity (the document has expired). */
export function isPastValidity(today: string, validUntil: string | null): boolean {
  return !!validUntil && today > validUntil;
}
