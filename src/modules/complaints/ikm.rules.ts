// Indeks Kepuasan Masyarakat (Permenpan RB 14/2017; STANDARDS §2), pure: NRR per element =
// sum of scores / respondents; IKM = Σ(NRR × weight) with weights summing to 1 (data:
// ikm_elements); converted value = IKM × 25 (25–100); category on the converted value:
// 25.00–64.99 D (Tidak Baik), 65.00–76.60 C (Kurang Baik), 76.61–88.30 B (Baik),
// 88.31–100.00 A (Sangat Baik).

/** The nine elements (unsur), codes 1–9; labels are messages `ikm.element.<code>`. */
export const IKM_ELEMENTS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
/** No published figure is built from fewer responses than this. */
export const IKM_MIN_RESPONSES = 5;

export type IkmCategory = 'A' | 'B' | 'C' | 'D';

export interface IkmResult {
  respondents: number;
  nrr: { code: number; nrr: number }[];
  ikm: number;
  converted: number;
  category: IkmCategory;
}

/** Category of a converted value, compared at two decimals as the regulation's table is written. */
export function ikmCategory(converted: number): IkmCategory {
  const v = Math.round(converted * 100) / 100;
  if (v >= 88.31) return 'A';
  if (v >= 76.61) return 'B';
  if (v >= 65.0) return 'C';
  return 'D';
}

/**
 * IKM of `responses` (each maps element code → score 1–4) with `weights` (element code →
 * weight). Weights are normalised to sum to 1 so a rounding in the data (1/9 ≈ 0.111111)
 * cannot move the result. Null when there is no response.
 */
export function computeIkm(responses: readonly Record<string, number>[], weights: readonly { code: number; weight: number }[]): IkmResult | null {
  if (!responses.length || !weights.length) return null;
  const total = weights.reduce((s, w) => s + w.weight, 0);
  const nrr = weights.map((w) => {
    const scores = responses.map((r) => r[String(w.code)]).filter((s): s is number => typeof s === 'number' && s >= 1 && s <= 4);
    return { code: w.code, nrr: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0 };
  });
  const ikm = nrr.reduce((s, e, i) => s + e.nrr * (weights[i]!.weight / total), 0);
  const converted = ikm * 25;
  return { respondents: responses.length, nrr, ikm, converted, category: ikmCategory(converted) };
}

/** Scores 1–4 for each element from form fields `u1` … `u9`; null when one is missing or out of range. */
export function parseScores(body: Record<string, unknown>, elements: readonly number[] = IKM_ELEMENTS): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const code of elements) {
    const v = Number(body[`u${code}`]);
    if (!Number.isInteger(v) || v < 1 || v > 4) return null;
    out[String(code)] = v;
  }
  return out;
}
