// The one set of number formatters for everything users read: pages (citizen and staff) and
// generated PDFs. Indonesian form: thousands with a dot, decimals with a comma, one decimal
// separator everywhere (`2,22`, `3,00`), money as `Rp 2.500.000.000`. Dates live in
// `views/i18n.ts` (`formatDate`: `15 Desember 2026`). Machine formats (CSV, JSON, API) keep
// their own plain notation and do not use these.

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A whole number with thousands dots: 2500000 → `2.500.000`; -1200 → `-1.200`. */
export function formatInteger(n: number | bigint): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new Error('formatInteger takes a whole number');
  const neg = n < 0;
  const abs = neg ? -BigInt(n) : BigInt(n);
  return `${neg ? '-' : ''}${groupThousands(abs.toString())}`;
}

/**
 * A decimal with a comma and exactly `digits` places (rounded half away from zero on the
 * shortest decimal representation, so 2.675 → `2,68`), thousands dotted: 1234.5 → `1.234,50`.
 */
export function formatDecimal(n: number, digits: number): string {
  if (!Number.isFinite(n)) throw new Error('formatDecimal takes a finite number');
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) throw new Error('digits must be 0–10');
  const neg = n < 0;
  // Scale through the decimal string, not by multiplying floats (1.005 * 100 = 100.49999…).
  const [int = '0', frac = ''] = Math.abs(n).toFixed(Math.min(digits + 6, 20)).split('.');
  let scaled = BigInt(int + frac.slice(0, digits).padEnd(digits, '0'));
  if ((frac[digits] ?? '0') >= '5') scaled += 1n;
  const s = scaled.toString().padStart(digits + 1, '0');
  const whole = groupThousands(s.slice(0, s.length - digits));
  const out = digits > 0 ? `${whole},${s.slice(s.length - digits)}` : whole;
  return neg && scaled !== 0n ? `-${out}` : out;
}

/** Integer hundredths (exact scores, weights) → `2,22`; -25 → `-0,25`. */
export function formatHundredthsId(h: number): string {
  if (!Number.isSafeInteger(h)) throw new Error('hundredths are integers');
  const sign = h < 0 ? '-' : '';
  const a = Math.abs(h);
  return `${sign}${groupThousands(String(Math.floor(a / 100)))},${String(a % 100).padStart(2, '0')}`;
}

/** A percentage: 87.5 with 1 digit → `87,5%`; whole numbers by default (`100%`). */
export function formatPercent(n: number, digits = 0): string {
  return `${formatDecimal(n, digits)}%`;
}

/**
 * A file size in binary units (1 KB = 1024 bytes), Indonesian form, as file managers show it:
 * kilobytes whole and rounded up (a 300-byte file is `1 KB`), larger units with one decimal
 * below 100 — 102400 → `100 KB`, 2621440 → `2,5 MB`, 2097152 → `2 MB`.
 */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new Error('formatFileSize takes a size in bytes');
  const kb = Math.ceil(bytes / 1024);
  if (kb < 1024) return `${formatInteger(kb)} KB`;
  const units = ['MB', 'GB', 'TB'];
  let v = bytes / 1024 / 1024;
  let i = 0;
  while (i < units.length - 1 && Number(formatDecimal(v, 1).replace(/\./g, '').replace(',', '.')) >= 1024) {
    v /= 1024;
    i += 1;
  }
  const n = v >= 100 ? formatInteger(Math.round(v)) : formatDecimal(v, 1).replace(/,0$/, '');
  return `${n} ${units[i]}`;
}

/** Integer Rupiah: `Rp 1.250.000`, `-Rp 5.000`. */
export function formatRupiah(amount: number | bigint): string {
  if (typeof amount === 'number' && !Number.isSafeInteger(amount)) throw new Error('Rupiah amounts are integers');
  const neg = amount < 0;
  return `${neg ? '-' : ''}Rp ${formatInteger(neg ? -BigInt(amount) : BigInt(amount))}`;
}

const ones = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

function below1000(n: number): string {
  if (n < 12) return ones[n]!;
  if (n < 20) return `${ones[n - 10]} belas`;
  if (n < 100) return [`${ones[Math.floor(n / 10)]} puluh`, ones[n % 10]!].filter(Boolean).join(' ');
  const hundreds = Math.floor(n / 100);
  return [hundreds === 1 ? 'seratus' : `${ones[hundreds]} ratus`, below1000(n % 100)].filter(Boolean).join(' ');
}

const scales: [bigint, string][] = [
  [1_000_000_000_000_000n, 'kuadriliun'],
  [1_000_000_000_000n, 'triliun'],
  [1_000_000_000n, 'miliar'],
  [1_000_000n, 'juta'],
  [1_000n, 'ribu'],
];

/**
 * A whole number in Indonesian words (terbilang): 2500000 → `dua juta lima ratus ribu`,
 * 1000 → `seribu`, 1000000 → `satu juta`, 0 → `nol`. Up to 999 kuadriliun.
 */
export function terbilang(value: number | bigint): string {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error('terbilang takes a whole number');
  let n = BigInt(value);
  if (n < 0n) return `minus ${terbilang(-n)}`;
  if (n === 0n) return 'nol';
  if (n >= 1_000_000_000_000_000_000n) throw new Error('terbilang: number too large');
  const words: string[] = [];
  for (const [size, name] of scales) {
    if (n < size) continue;
    const count = Number(n / size);
    n %= size;
    words.push(count === 1 && size === 1_000n ? 'seribu' : `${below1000(count)} ${name}`);
  }
  if (n > 0n) words.push(below1000(Number(n)));
  return words.join(' ');
}

/** Rupiah in words for documents: `dua juta lima ratus ribu rupiah`. */
export function terbilangRupiah(amount: number | bigint): string {
  return `${terbilang(amount)} rupiah`;
}

/**
 * An exact decimal kept as text (quantities, `"12500.25"`) in Indonesian form, without
 * rounding: `12.500,25`. Text that is not a plain decimal is returned unchanged.
 */
export function formatDecimalText(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  return `${m[1]}${groupThousands(m[2]!)}${m[3] ? `,${m[3]}` : ''}`;
}
