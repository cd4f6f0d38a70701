// Matching rules of issue 5 (Tests: exact, amount mismatch, duplicate credit, two bills same
// amount, late payment, idempotent re-import), on the pure core.
import { describe, expect, it } from 'vitest';
import { t, type MessageKey } from '../../platform/views/i18n.ts';
import { addDays, codeCandidates, manualReasons, matchCredits, MAX_CANDIDATES, normaliseCode, type CreditLine, type OpenBill } from './matching.ts';
import { parseStatement } from './statement.ts';
import { presetMapping } from './statement-presets.ts';

const bill = (id: string, code: string, amountDue: number, extra: Partial<OpenBill> = {}): OpenBill => ({
  id,
  paymentCode: code,
  amountDue,
  amountPaid: 0,
  issuedOn: '2026-11-01',
  dueOn: '2026-11-15',
  ...extra,
});
const credit = (fingerprint: string, amount: number, description: string, extra: Partial<CreditLine> = {}): CreditLine => ({
  fingerprint,
  date: '2026-11-05',
  amount,
  description,
  reference: null,
  ...extra,
});

describe('payment code search', () => {
  it('finds codes across spaces and dashes but never inside a longer number or word', () => {
    const c = codeCandidates('TRSF CR 1234 5678-9012 BUDI/KB9X7Q', 16);
    expect(c).toContain('123456789012');
    expect(c).toContain('KB9X7Q');
    expect(codeCandidates('9123456789012', 16)).not.toContain('123456789012');
    expect(codeCandidates('1234567890123', 16)).not.toContain('123456789012');
    // A slash or dot separates: 1234/5678 is not 12345678.
    expect(codeCandidates('1234/5678', 16)).not.toContain('12345678');
    expect(normaliseCode(' kb-9x 7q ')).toBe('KB9X7Q');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('matchCredits', () => {
  it('[P-7] exact: code in the description, amount equal to the outstanding, date in the window → matched', () => {
    const r = matchCredits({
      bills: [bill('b1', '1234-5678-9012', 1_250_000), bill('b2', '987654321098', 500_000, { amountPaid: 200_000 })],
      credits: [
        credit('f1', 1_250_000, 'TRSF E-BANKING CR KB 1234 5678 9012 BUDI'),
        credit('f2', 300_000, 'SETORAN', { reference: '9876-5432-1098' }),
      ],
    });
    expect(r).toEqual({
      matched: [
        { fingerprint: 'f1', billId: 'b1', amount: 1_250_000 },
        { fingerprint: 'f2', billId: 'b2', amount: 300_000 },
      ],
      manual: [],
      duplicates: [],
    });
  });

  it('[P-7] the window opens one day before issue and closes grace days after the due date', () => {
    const bills = [bill('b1', '111122223333', 100_000)];
    const on = (date: string, graceDays = 0) => matchCredits({ bills, credits: [credit('f', 100_000, '111122223333', { date })], graceDays });
    expect(on('2026-10-31').matched).toHaveLength(1);
    expect(on('2026-11-15').matched).toHaveLength(1);
    expect(on('2026-10-30').manual).toEqual([{ fingerprint: 'f', reason: 'early', candidates: ['b1'], suggestedBillId: null }]);
    expect(on('2026-11-16').manual[0]!.reason).toBe('late');
    expect(on('2026-11-18', 3).matched).toHaveLength(1);
  });

  it('[P-7] amount mismatch: less → partial, more → over, both to the manual queue', () => {
    const r = matchCredits({
      bills: [bill('b1', '111122223333', 100_000), bill('b2', '444455556666', 100_000)],
      credits: [credit('f1', 99_000, 'KODE 111122223333'), credit('f2', 100_001, 'KODE 444455556666')],
    });
    expect(r.matched).toEqual([]);
    expect(r.manual).toEqual([
      { fingerprint: 'f1', reason: 'partial', candidates: ['b1'], suggestedBillId: null },
      { fingerprint: 'f2', reason: 'over', candidates: ['b2'], suggestedBillId: null },
    ]);
  });

  it('[P-7] duplicate credit: a known fingerprint, or the same fingerprint twice, is ignored', () => {
    const r = matchCredits({
      bills: [bill('b1', '111122223333', 100_000)],
      credits: [credit('f1', 100_000, '111122223333'), credit('f0', 100_000, '111122223333'), credit('f1', 100_000, '111122223333')],
      knownFingerprints: new Set(['f0']),
    });
    expect(r).toEqual({ matched: [{ fingerprint: 'f1', billId: 'b1', amount: 100_000 }], manual: [], duplicates: ['f0', 'f1'] });
  });

  it('[P-7] a bill is matched once: a second credit for it goes to the manual queue', () => {
    const r = matchCredits({
      bills: [bill('b1', '111122223333', 100_000)],
      credits: [credit('f2', 100_000, 'again 111122223333', { date: '2026-11-06' }), credit('f1', 100_000, 'first 111122223333')],
    });
    // Date order: f1 (5 Nov) is matched, f2 (6 Nov) is a second payment.
    expect(r.matched).toEqual([{ fingerprint: 'f1', billId: 'b1', amount: 100_000 }]);
    expect(r.manual).toEqual([{ fingerprint: 'f2', reason: 'duplicate_payment', candidates: ['b1'], suggestedBillId: null }]);
  });

  it('[P-7] two bills with the same amount and no code → ambiguous with both candidates; amount alone never matches', () => {
    const bills = [bill('b1', '111122223333', 150_000), bill('b2', '444455556666', 150_000), bill('b3', '777788889999', 90_000)];
    const r = matchCredits({ bills, credits: [credit('f1', 150_000, 'TRANSFER DARI ANI'), credit('f2', 90_000, 'TRANSFER DARI BUDI')] });
    expect(r.matched).toEqual([]);
    expect(r.manual).toEqual([
      { fingerprint: 'f1', reason: 'ambiguous', candidates: ['b1', 'b2'], suggestedBillId: null },
      { fingerprint: 'f2', reason: 'unmatched', candidates: ['b3'], suggestedBillId: null },
    ]);
  });

  it('[P-7] an amount shared by many bills lists the first MAX_CANDIDATES open ones in the window, in bill order', () => {
    const bills = Array.from({ length: MAX_CANDIDATES + 6 }, (_, i) =>
      bill(`b${i}`, String(100_000_000_000 + i), 25_000, i === 1 ? { issuedOn: '2026-12-01', dueOn: '2026-12-15' } : {}),
    );
    const r = matchCredits({ bills, credits: [credit('f1', 25_000, 'SETORAN TUNAI RETRIBUSI')] });
    const expected = bills.map((b) => b.id).filter((id) => id !== 'b1').slice(0, MAX_CANDIDATES);
    expect(r.manual).toEqual([{ fingerprint: 'f1', reason: 'ambiguous', candidates: expected, suggestedBillId: null }]);
  });

  it('[P-7] a code shared by two open bills, or two codes in one transfer → ambiguous', () => {
    const r = matchCredits({
      bills: [bill('b1', '111122223333', 100_000), bill('b2', '111122223333', 100_000), bill('b3', '444455556666', 100_000)],
      credits: [credit('f1', 100_000, '111122223333'), credit('f2', 200_000, '444455556666 DAN 111122223333')],
    });
    expect(r.matched).toEqual([]);
    expect(r.manual.map((m) => [m.fingerprint, m.reason, m.candidates])).toEqual([
      ['f1', 'ambiguous', ['b1', 'b2']],
      ['f2', 'ambiguous', ['b1', 'b2', 'b3']],
    ]);
  });

  it('[P-7] late payment: code found after the window → manual queue with reason late', () => {
    const r = matchCredits({
      bills: [bill('b1', '111122223333', 100_000, { dueOn: '2026-11-10' })],
      credits: [credit('f1', 100_000, 'BAYAR 111122223333', { date: '2026-11-12' })],
      graceDays: 1,
    });
    expect(r).toEqual({ matched: [], manual: [{ fingerprint: 'f1', reason: 'late', candidates: ['b1'], suggestedBillId: null }], duplicates: [] });
  });

  it('[P-7] an agreeing confirmation suggests a bill but never pays it', () => {
    const bills = [bill('b1', '111122223333', 150_000), bill('b2', '444455556666', 150_000)];
    const r = matchCredits({
      bills,
      credits: [credit('f1', 150_000, 'TRF DARI ANI NO 77812', { date: '2026-11-06' }), credit('f2', 150_000, 'TRF DARI SITI', { date: '2026-11-09' })],
      confirmations: [
        { billId: 'b2', proofNumber: '77812', date: '2026-11-05', amount: 150_000, bank: 'BCA' },
        { billId: 'b1', proofNumber: 'X1', date: '2026-11-06', amount: 150_000 },
        // disagrees on the amount and on the date
        { billId: 'b1', proofNumber: 'Y', date: '2026-11-09', amount: 140_000 },
        { billId: 'b2', proofNumber: 'Z', date: '2026-11-01', amount: 150_000 },
      ],
    });
    expect(r.matched).toEqual([]);
    expect(r.manual).toEqual([
      // Two confirmations agree on amount and date; the one whose proof number is in the text wins.
      { fingerprint: 'f1', reason: 'ambiguous', candidates: ['b2', 'b1'], suggestedBillId: 'b2' },
      { fingerprint: 'f2', reason: 'ambiguous', candidates: ['b1', 'b2'], suggestedBillId: null },
    ]);
    // A confirmation alone, with no credit, does nothing.
    expect(matchCredits({ bills, credits: [], confirmations: [{ billId: 'b1', proofNumber: 'A', date: '2026-11-05', amount: 150_000 }] })).toEqual({
      matched: [],
      manual: [],
      duplicates: [],
    });
  });

  it('[P-7] idempotent re-run: the same statement with the fingerprints already known changes nothing', () => {
    const file = [
      'Tanggal Transaksi,Keterangan,Cabang,Jumlah,Saldo',
      '05/11/2026,TRSF CR 1234 5678 9012 BUDI,0000,"1,250,000.00 CR","1,250,000.00"',
      '05/11/2026,TRSF CR TANPA KODE,0000,"99,000.00 CR","1,349,000.00"',
      '05/11/2026,TRSF CR TANPA KODE,0000,"99,000.00 CR","1,448,000.00"',
    ].join('\n');
    const bills = [bill('b1', '123456789012', 1_250_000)];
    const parse = () => parseStatement(new TextEncoder().encode(file), presetMapping('bca'));
    const first = parse();
    expect(first.errors).toEqual([]);
    const run1 = matchCredits({ bills, credits: first.lines });
    expect(run1.matched.map((m) => m.billId)).toEqual(['b1']);
    expect(run1.manual.map((m) => m.reason)).toEqual(['unmatched', 'unmatched']);
    const known = [...run1.matched.map((m) => m.fingerprint), ...run1.manual.map((m) => m.fingerprint)];
    expect(new Set(known).size).toBe(3);

    const run2 = matchCredits({ bills, credits: parse().lines, knownFingerprints: known });
    expect(run2.matched).toEqual([]);
    expect(run2.manual).toEqual([]);
    expect(run2.duplicates.sort()).toEqual([...known].sort());
  });

  it('is deterministic and independent of the input order within ties', () => {
    const bills = [bill('b1', '111122223333', 100_000), bill('b2', '444455556666', 100_000)];
    const credits = [credit('f1', 100_000, '111122223333'), credit('f2', 100_000, '444455556666', { date: '2026-11-04' }), credit('f3', 5, 'x')];
    const a = matchCredits({ bills, credits });
    expect(matchCredits({ bills, credits })).toEqual(a);
    expect(a.matched.map((m) => m.fingerprint)).toEqual(['f2', 'f1']);
  });

  it('refuses non-integer amounts as a programming error', () => {
    expect(() => matchCredits({ bills: [bill('b1', '1', 100.5)], credits: [] })).toThrow(TypeError);
    expect(() => matchCredits({ bills: [], credits: [credit('f', 1.5, '')] })).toThrow(TypeError);
  });

  it('every manual reason has a label in Indonesian and English', () => {
    for (const reason of manualReasons) {
      const key = `payments.match.reason.${reason}` as MessageKey;
      expect(t('id', key)).not.toBe(key);
      expect(t('en', key)).not.toBe(key);
    }
  });

  it('matches 20,000 credits against 20,000 bills through indexes, not pairwise', () => {
    const n = 20_000;
    const bills: OpenBill[] = [];
    const credits: CreditLine[] = [];
    for (let i = 0; i < n; i++) {
      const code = String(100_000_000_000 + i);
      bills.push(bill(`b${i}`, code, 10_000 + i));
      credits.push(credit(`f${i}`, 10_000 + i, `TRSF CR ${code.slice(0, 6)} ${code.slice(6)} PEMOHON ${i}`));
    }
    const r = matchCredits({ bills, credits });
    expect(r.matched).toHaveLength(n);
    expect(r.manual).toHaveLength(0);
    expect(r.matched[n - 1]).toEqual({ fingerprint: `f${n - 1}`, billId: `b${n - 1}`, amount: 10_000 + n - 1 });
  });
});
