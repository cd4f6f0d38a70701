// Reconciliation (issue 5, item 3): pure matching of bank credits to open bills. No
// database, no HTTP; the caller loads the open bills, the applicants' confirmations and the
// fingerprints of credits imported before, and stores the outcome.
//
// Amounts are integer Rupiah in safe-integer `number`s (see statement.ts); a non-integer
// amount is a programming error and throws. Dates are `YYYY-MM-DD` strings.
//
// Rules, for each credit in date order (input order within a day):
//  1. A fingerprint already known (imported before) or seen earlier in this run → `duplicates`.
//  2. Payment codes are looked for in the description and in the reference: the text is cut
//     into runs of letters and of digits, and a code must equal whole consecutive runs joined
//     across nothing, spaces or dashes (`1234 5678-9012` finds 123456789012; `9123456789012`
//     does not). Codes compare without case, spaces or dashes.
//  3. Code found for one open bill: the window is [issued − 1 day, due + grace days].
//     After it → manual `late`; before it → manual `early`; inside it, amount = outstanding →
//     matched; less → manual `partial`; more → manual `over`. Partial credits are never
//     applied automatically.
//     Code found for 2+ open bills (or 2+ codes) → manual `ambiguous`.
//     Code found for a bill already matched in this run → manual `duplicate_payment`.
//  4. No code: the open bills whose outstanding equals the amount and whose window holds the
//     date are the candidates; 2+ → `ambiguous`, otherwise `unmatched`. Amount alone never
//     matches.
//  5. Every manual item gets a `suggestedBillId` when applicants' confirmations agree with the
//     credit (same amount, date within one day; if several agree, those whose proof number
//     appears in the credit's text are preferred) and point to exactly one bill not already
//     matched in this run. A confirmation never makes a match by itself.
// The outcome is deterministic for a given input, and a bill is matched at most once per run.

export interface CreditLine {
  fingerprint: string;
  /** `YYYY-MM-DD` */
  date: string;
  /** Integer Rupiah, > 0. */
  amount: number;
  description: string;
  reference: string | null;
}

export interface OpenBill {
  id: string;
  /** Kode bayar: digits or letters; spaces and dashes are ignored. */
  paymentCode: string;
  amountDue: number;
  amountPaid: number;
  /** `YYYY-MM-DD` */
  issuedOn: string;
  /** `YYYY-MM-DD` */
  dueOn: string;
}

export interface PaymentConfirmation {
  billId: string;
  proofNumber: string;
  /** `YYYY-MM-DD` of the transfer, as the applicant gave it. */
  date: string;
  amount: number;
  bank?: string | null;
}

export interface MatchInput {
  credits: readonly CreditLine[];
  bills: readonly OpenBill[];
  confirmations?: readonly PaymentConfirmation[];
  /** Fingerprints of credits imported before (matched or queued). */
  knownFingerprints?: Iterable<string>;
  /** Days after the due date a payment is still accepted automatically. Default 0. */
  graceDays?: number;
}

export type ManualReason = 'unmatched' | 'ambiguous' | 'partial' | 'over' | 'late' | 'early' | 'duplicate_payment';
export const manualReasons: readonly ManualReason[] = ['unmatched', 'ambiguous', 'partial', 'over', 'late', 'early', 'duplicate_payment'];

export interface MatchedCredit {
  fingerprint: string;
  billId: string;
  amount: number;
}

export interface ManualItem {
  fingerprint: string;
  reason: ManualReason;
  /** Bill ids worth looking at, the suggested one first, then in the order bills were given. */
  candidates: string[];
  /** From agreeing applicant confirmations; never applied automatically. */
  suggestedBillId: string | null;
}

export interface MatchResult {
  matched: MatchedCredit[];
  manual: ManualItem[];
  duplicates: string[];
}

// ---------------------------------------------------------------------------------------------

/** `YYYY-MM-DD` plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  const hit = dayCache.get(key);
  if (hit !== undefined) return hit;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const out = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  if (dayCache.size > 10_000) dayCache.clear();
  dayCache.set(key, out);
  return out;
}
const dayCache = new Map<string, string>();

/** Upper-case letters and digits only: how codes and proof numbers compare. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Every string a code could be in `text`: concatenations of consecutive letter/digit runs
 * joined across nothing, spaces or dashes, up to `maxLength` characters.
 */
export function codeCandidates(text: string, maxLength: number, lengths?: ReadonlySet<number>): string[] {
  // Runs are laid end to end in `joined`; a candidate is a slice of it over joinable runs.
  const up = text.toUpperCase();
  let joined = '';
  const starts: number[] = [];
  const joinsPrevious: boolean[] = [];
  let i = 0;
  let joinable = false;
  while (i < up.length) {
    const c = up.charCodeAt(i);
    const isDigit = c >= 48 && c <= 57;
    const isLetter = c >= 65 && c <= 90;
    if (!isDigit && !isLetter) {
      if (c !== 32 && c !== 45 && c !== 9) joinable = false; // space, dash, tab join
      i++;
      continue;
    }
    let j = i + 1;
    while (j < up.length) {
      const d = up.charCodeAt(j);
      if (isDigit ? d < 48 || d > 57 : d < 65 || d > 90) break;
      j++;
    }
    starts.push(joined.length);
    joinsPrevious.push(starts.length > 1 && joinable);
    joined += up.slice(i, j);
    joinable = true;
    i = j;
  }
  starts.push(joined.length);
  const out: string[] = [];
  const runs = starts.length - 1;
  for (let a = 0; a < runs; a++) {
    for (let b = a; b < runs && (b === a || joinsPrevious[b]!); b++) {
      const length = starts[b + 1]! - starts[a]!;
      if (length > maxLength) break;
      if (!lengths || lengths.has(length)) out.push(joined.slice(starts[a]!, starts[b + 1]!));
    }
  }
  return out;
}

function assertRupiah(v: number, what: string): void {
  if (!Number.isSafeInteger(v)) throw new TypeError(`${what} must be an integer Rupiah amount`);
}

/** Matches credits to open bills; see the rules at the top of this file. */
/** Most candidate bills a manual item lists for an amount-only credit. */
export const MAX_CANDIDATES = 20;

export function matchCredits(input: MatchInput): MatchResult {
  const grace = input.graceDays ?? 0;
  const known = new Set(input.knownFingerprints ?? []);
  const order = new Map<string, number>();
  const bills = new Map<string, OpenBill>();
  const byCode = new Map<string, OpenBill[]>();
  const byOutstanding = new Map<number, OpenBill[]>();
  const window = new Map<string, { from: string; to: string }>();
  let maxCode = 0;
  const codeLengths = new Set<number>();
  for (const bill of input.bills) {
    assertRupiah(bill.amountDue, 'amountDue');
    assertRupiah(bill.amountPaid, 'amountPaid');
    if (order.has(bill.id)) continue;
    order.set(bill.id, order.size);
    bills.set(bill.id, bill);
    const code = normaliseCode(bill.paymentCode);
    if (code !== '') {
      maxCode = Math.max(maxCode, code.length);
      codeLengths.add(code.length);
      const list = byCode.get(code);
      if (list) list.push(bill);
      else byCode.set(code, [bill]);
    }
    const outstanding = bill.amountDue - bill.amountPaid;
    const list = byOutstanding.get(outstanding);
    if (list) list.push(bill);
    else byOutstanding.set(outstanding, [bill]);
    window.set(bill.id, { from: addDays(bill.issuedOn, -1), to: addDays(bill.dueOn, grace) });
  }
  const byConfirmedAmount = new Map<number, PaymentConfirmation[]>();
  for (const c of input.confirmations ?? []) {
    assertRupiah(c.amount, 'confirmation amount');
    if (!order.has(c.billId)) continue;
    const list = byConfirmedAmount.get(c.amount);
    if (list) list.push(c);
    else byConfirmedAmount.set(c.amount, [c]);
  }

  const credits = input.credits.map((c, i) => ({ c, i }));
  credits.sort((a, b) => (a.c.date < b.c.date ? -1 : a.c.date > b.c.date ? 1 : a.i - b.i));

  const settled = new Set<string>();
  const seen = new Set<string>();
  const result: MatchResult = { matched: [], manual: [], duplicates: [] };
  const byOrder = (a: string, b: string) => order.get(a)! - order.get(b)!;
  const inWindow = (billId: string, date: string) => {
    const w = window.get(billId)!;
    return date >= w.from && date <= w.to;
  };

  for (const { c: credit } of credits) {
    assertRupiah(credit.amount, 'credit amount');
    if (known.has(credit.fingerprint) || seen.has(credit.fingerprint)) {
      result.duplicates.push(credit.fingerprint);
      continue;
    }
    seen.add(credit.fingerprint);

    const found = new Set<string>();
    for (const text of [credit.description, credit.reference ?? '']) {
      for (const candidate of codeCandidates(text, maxCode, codeLengths)) {
        for (const bill of byCode.get(candidate) ?? []) found.add(bill.id);
      }
    }

    let reason: ManualReason;
    let candidates: string[];
    if (found.size > 0) {
      const all = [...found].sort(byOrder);
      const live = all.filter((id) => !settled.has(id));
      if (live.length === 0) {
        reason = 'duplicate_payment';
        candidates = all;
      } else if (live.length > 1) {
        reason = 'ambiguous';
        candidates = live;
      } else {
        const bill = bills.get(live[0]!)!;
        const w = window.get(bill.id)!;
        const outstanding = bill.amountDue - bill.amountPaid;
        candidates = [bill.id];
        if (credit.date > w.to) reason = 'late';
        else if (credit.date < w.from) reason = 'early';
        else if (credit.amount === outstanding) {
          settled.add(bill.id);
          result.matched.push({ fingerprint: credit.fingerprint, billId: bill.id, amount: credit.amount });
          continue;
        } else reason = credit.amount < outstanding ? 'partial' : 'over';
      }
    } else {
      // Lists in byOutstanding are already in bill order. With fixed tariffs hundreds of bills
      // share an amount: keep the first MAX_CANDIDATES (the queue searches bills anyway).
      candidates = [];
      for (const b of byOutstanding.get(credit.amount) ?? []) {
        if (settled.has(b.id) || !inWindow(b.id, credit.date)) continue;
        candidates.push(b.id);
        if (candidates.length === MAX_CANDIDATES) break;
      }
      reason = candidates.length > 1 ? 'ambiguous' : 'unmatched';
    }

    const suggestedBillId = suggestFromConfirmations(credit, byConfirmedAmount.get(credit.amount) ?? [], settled);
    if (suggestedBillId) candidates = [suggestedBillId, ...candidates.filter((id) => id !== suggestedBillId)];
    result.manual.push({ fingerprint: credit.fingerprint, reason, candidates, suggestedBillId });
  }
  return result;
}

function suggestFromConfirmations(credit: CreditLine, sameAmount: PaymentConfirmation[], settled: Set<string>): string | null {
  const from = addDays(credit.date, -1);
  const to = addDays(credit.date, 1);
  let agreeing = sameAmount.filter((c) => c.date >= from && c.date <= to && !settled.has(c.billId));
  if (agreeing.length === 0) return null;
  const text = normaliseCode(`${credit.description} ${credit.reference ?? ''}`);
  const withProof = agreeing.filter((c) => {
    const proof = normaliseCode(c.proofNumber);
    return proof.length >= 4 && text.includes(proof);
  });
  if (withProof.length > 0) agreeing = withProof;
  const bills = new Set(agreeing.map((c) => c.billId));
  return bills.size === 1 ? agreeing[0]!.billId : null;
}
