// Column-mapping presets for common Indonesian bank statement exports (issue 5, item 3).
// They follow the layouts these banks' internet-banking CSV exports are publicly known to
// have; banks change their exports now and then, so a preset is only a starting point: the
// finance officer's saved mapping per bank account (a `ColumnMapping`, JSON) is what counts.
// Header names are matched without case or extra spaces, and a column may list alternatives.
import type { ColumnMapping } from './statement.ts';

export type StatementPresetId = 'bca' | 'mandiri' | 'bri' | 'bni';

export interface StatementPreset {
  id: StatementPresetId;
  bank: string;
  /** What the preset reads, Indonesian and English (shown next to the bank's name). */
  describes: { id: string; en: string };
  mapping: ColumnMapping;
}

export const statementPresets: Record<StatementPresetId, StatementPreset> = {
  // KlikBCA Bisnis "Mutasi Rekening" CSV: account lines (No. Rekening, Nama, Periode, Kode Mata
  // Uang) above the table; "Jumlah" carries CR/DB after the amount; English number format;
  // summary lines (Saldo Awal, Mutasi Kredit, Mutasi Debet, Saldo Akhir) below; pending
  // transactions have "PEND" instead of a date and are not settled yet, so they are skipped.
  bca: {
    id: 'bca',
    bank: 'BCA',
    describes: { id: 'KlikBCA Bisnis — Mutasi Rekening (CSV)', en: 'KlikBCA Bisnis — account statement (CSV)' },
    mapping: {
      delimiter: 'auto',
      date: ['Tanggal Transaksi', 'Tanggal'],
      dateFormats: ['DD/MM/YYYY', 'DD/MM/YY'],
      description: 'Keterangan',
      balance: 'Saldo',
      direction: { kind: 'suffix', amount: 'Jumlah', credit: ['CR'], debit: ['DB'] },
      amountFormat: 'en',
      stopAt: ['Saldo Awal', 'Mutasi Kredit', 'Mutasi Debet', 'Mutasi Debit', 'Saldo Akhir'],
      skipRowsStartingWith: ['PEND'],
    },
  },
  // Mandiri Cash Management (MCM) / Livin' Bisnis account statement CSV: separate Debit and
  // Credit columns, English number format, a reference number column.
  mandiri: {
    id: 'mandiri',
    bank: 'Bank Mandiri',
    describes: { id: "Mandiri Cash Management / Livin' — Account Statement (CSV)", en: "Mandiri Cash Management / Livin' — account statement (CSV)" },
    mapping: {
      delimiter: 'auto',
      date: ['Date', 'Posting Date'],
      dateFormats: ['DD/MM/YYYY', 'DD/MM/YY', 'DD-MMM-YYYY', 'DD-MMM-YY'],
      description: ['Description', 'Remarks'],
      reference: ['Reference No.', 'Reference No', 'Ref No.'],
      direction: { kind: 'columns', debit: 'Debit', credit: 'Credit' },
      amountFormat: 'en',
      stopAt: ['Opening Balance', 'Closing Balance', 'Total'],
    },
  },
  // BRI Cash Management System (CMS) CSV: database-style column names, plain numbers with a
  // "." decimal part, separate MUTASI_DEBET / MUTASI_KREDIT columns and the running balance.
  bri: {
    id: 'bri',
    bank: 'BRI',
    describes: { id: 'BRI CMS — Mutasi Rekening (CSV)', en: 'BRI CMS — account statement (CSV)' },
    mapping: {
      delimiter: 'auto',
      date: 'TGL_TRAN',
      dateFormats: ['YYYY-MM-DD', 'DD/MM/YYYY', 'DD/MM/YY'],
      description: 'DESK_TRAN',
      balance: 'SALDO_AKHIR_MUTASI',
      direction: { kind: 'columns', debit: 'MUTASI_DEBET', credit: 'MUTASI_KREDIT' },
      amountFormat: 'plain',
    },
  },
  // BNIDirect account statement CSV: one Amount column with a D/C indicator column, a journal
  // number as reference, English number format. The least certain of the four layouts.
  bni: {
    id: 'bni',
    bank: 'BNI',
    describes: { id: 'BNIDirect — Account Statement (CSV)', en: 'BNIDirect — account statement (CSV)' },
    mapping: {
      delimiter: 'auto',
      date: ['Post Date', 'Transaction Date'],
      dateFormats: ['DD/MM/YYYY', 'DD/MM/YY', 'DD-MMM-YYYY', 'DD-MMM-YY'],
      description: 'Description',
      reference: ['Journal No.', 'Journal No'],
      balance: 'Balance',
      direction: { kind: 'indicator', amount: 'Amount', indicator: ['Db/Cr', 'D/C', 'DB/CR'], credit: ['C', 'CR', 'K'], debit: ['D', 'DB'] },
      amountFormat: 'en',
      stopAt: ['Opening Balance', 'Closing Balance', 'Total'],
    },
  },
};

export const statementPresetIds = Object.keys(statementPresets) as StatementPresetId[];

/** A fresh copy of a preset's mapping, safe to edit and save as a bank account's own mapping. */
export function presetMapping(id: StatementPresetId): ColumnMapping {
  return structuredClone(statementPresets[id].mapping);
}
