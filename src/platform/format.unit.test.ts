import { describe, expect, it } from 'vitest';
import { formatDecimal, formatDecimalText, formatFileSize, formatHundredthsId, formatInteger, formatPercent, formatRupiah, terbilang, terbilangRupiah } from './format.ts';
import { formatRupiah as formatRupiahFromI18n } from './views/i18n.ts';

describe('number formatters (Indonesian form)', () => {
  it('groups thousands with dots', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(1000)).toBe('1.000');
    expect(formatInteger(2_500_000_000)).toBe('2.500.000.000');
    expect(formatInteger(-1200)).toBe('-1.200');
    expect(formatInteger(12_345_678_901_234_567n)).toBe('12.345.678.901.234.567');
    expect(() => formatInteger(1.5)).toThrow();
  });

  it('writes decimals with one separator, a comma, and a fixed number of digits', () => {
    expect(formatDecimal(2.22, 2)).toBe('2,22');
    expect(formatDecimal(3, 2)).toBe('3,00');
    expect(formatDecimal(1234.5, 2)).toBe('1.234,50');
    expect(formatDecimal(2.675, 2)).toBe('2,68');
    expect(formatDecimal(1.005, 2)).toBe('1,01');
    expect(formatDecimal(0.04, 1)).toBe('0,0');
    expect(formatDecimal(-0.004, 2)).toBe('0,00');
    expect(formatDecimal(-1.25, 1)).toBe('-1,3');
    expect(formatDecimal(1234567.891, 0)).toBe('1.234.568');
    expect(formatDecimalText('12500.25')).toBe('12.500,25');
    expect(formatDecimalText('3')).toBe('3');
    expect(formatDecimalText('n/a')).toBe('n/a');
    expect(formatHundredthsId(222)).toBe('2,22');
    expect(formatHundredthsId(300)).toBe('3,00');
    expect(formatHundredthsId(-25)).toBe('-0,25');
    expect(formatHundredthsId(123456)).toBe('1.234,56');
  });

  it('writes percentages and Rupiah', () => {
    expect(formatPercent(87.5, 1)).toBe('87,5%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatRupiah(2_500_000_000)).toBe('Rp 2.500.000.000');
    expect(formatRupiah(0)).toBe('Rp 0');
    expect(formatRupiah(-5000)).toBe('-Rp 5.000');
    expect(() => formatRupiah(10.5)).toThrow();
    // The old import path still works.
    expect(formatRupiahFromI18n(1_250_000)).toBe('Rp 1.250.000');
  });

  it('writes file sizes the Indonesian way (never a raw decimal such as 0.1 MB)', () => {
    expect(formatFileSize(0)).toBe('0 KB');
    expect(formatFileSize(300)).toBe('1 KB');
    expect(formatFileSize(102_400)).toBe('100 KB');
    expect(formatFileSize(100_000)).toBe('98 KB');
    expect(formatFileSize(120_000)).toBe('118 KB');
    expect(formatFileSize(2 * 1024 * 1024)).toBe('2 MB');
    expect(formatFileSize(2.5 * 1024 * 1024)).toBe('2,5 MB');
    expect(formatFileSize(1024 * 1024 - 1)).toBe('1 MB');
    expect(formatFileSize(200 * 1024 * 1024)).toBe('200 MB');
    expect(formatFileSize(1.25 * 1024 ** 3)).toBe('1,3 GB');
    expect(formatFileSize(1024 ** 3 - 1)).toBe('1 GB');
    expect(() => formatFileSize(-1)).toThrow();
  });
});

describe('[P-7] terbilang (amount in words on the kuitansi and SKRD)', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [111, 'seratus sebelas'],
    [250, 'dua ratus lima puluh'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [2000, 'dua ribu'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [101_000, 'seratus satu ribu'],
    [1_000_000, 'satu juta'],
    [1_001_000, 'satu juta seribu'],
    [2_500_000, 'dua juta lima ratus ribu'],
    [1_000_000_000, 'satu miliar'],
    [2_500_000_000, 'dua miliar lima ratus juta'],
    [1_000_000_000_000, 'satu triliun'],
    [999_999_999_999_999, 'sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan'],
    [7_012_345_678_901, 'tujuh triliun dua belas miliar tiga ratus empat puluh lima juta enam ratus tujuh puluh delapan ribu sembilan ratus satu'],
  ])('%d → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('says rupiah, handles big integers and refuses fractions', () => {
    expect(terbilangRupiah(2_500_000)).toBe('dua juta lima ratus ribu rupiah');
    expect(terbilang(1_000_000_000_000_000n)).toBe('satu kuadriliun');
    expect(terbilang(-5)).toBe('minus lima');
    expect(() => terbilang(1.5)).toThrow();
  });
});
