// Each preset against a small sample in its bank's layout (written here as strings).
import { describe, expect, it } from 'vitest';
import { presetMapping, statementPresetIds, statementPresets } from './statement-presets.ts';
import { columnMappingSchema, isImportable, parseStatement } from './statement.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const plain = (r: ReturnType<typeof parseStatement>) => r.lines.map(({ fingerprint, balance, ...l }) => l);

describe('statement presets', () => {
  it('BCA (KlikBCA Bisnis): account lines above the table, CR/DB after the amount, summary lines below', () => {
    const file = [
      'Informasi Rekening - Mutasi Rekening',
      "No. rekening : ,'0123456789",
      'Nama : ,PEMERINTAH KABUPATEN CONTOH - RKUD',
      'Periode : ,01/11/2026 - 03/11/2026',
      'Kode Mata Uang : ,IDR',
      '',
      'Tanggal Transaksi,Keterangan,Cabang,Jumlah,Saldo',
      "'01/11/2026,TRSF E-BANKING CR 0111/FTSCY/WS95031 1250000.00 KB 1234 5678 9012 BUDI SANTOSO,'0000,\"1,250,000.00 CR\",\"11,250,000.00\"",
      "'02/11/2026,BIAYA ADM,'0000,\"15,000.00 DB\",\"11,235,000.00\"",
      "'03/11/2026,\"SETORAN TUNAI KODE 987654321098\",'0461,\"500,000.00 CR\",\"11,735,000.00\"",
      "PEND,TRSF E-BANKING CR 0311/FTSCY/WS95031 KB 111122223333,'0000,\"75,000.00 CR\",\"11,735,000.00\"",
      '',
      'Saldo Awal,"10,000,000.00"',
      'Mutasi Kredit,"1,750,000.00"',
      'Mutasi Debet,"15,000.00"',
      'Saldo Akhir,"11,735,000.00"',
    ].join('\r\n');
    const r = parseStatement(enc(file), presetMapping('bca'));
    expect(r.errors).toEqual([]);
    expect(isImportable(r)).toBe(true);
    expect(r.headerLine).toBe(7);
    expect(plain(r)).toEqual([
      { line: 8, date: '2026-11-01', amount: 1_250_000, description: 'TRSF E-BANKING CR 0111/FTSCY/WS95031 1250000.00 KB 1234 5678 9012 BUDI SANTOSO', reference: null },
      { line: 10, date: '2026-11-03', amount: 500_000, description: 'SETORAN TUNAI KODE 987654321098', reference: null },
    ]);
    expect(r.lines.map((l) => l.balance)).toEqual([11_250_000, 11_735_000]);
    expect(r.skipped).toEqual({ debit: 1, blank: 1, summary: 5, zero: 0, total: 7 });
  });

  it('Bank Mandiri (MCM): separate Debit and Credit columns, reference number', () => {
    const file = [
      '"Account No","Date","Val. Date","Transaction Code","Description","Reference No.","Debit","Credit"',
      '"1370012345678","01/11/2026","01/11/2026","8888","SKN CR PEMBAYARAN RETRIBUSI 1234-5678-9012","FT26305ABCD1","0.00","1,250,000.00"',
      '"1370012345678","01/11/2026","01/11/2026","7777","BIAYA TRANSFER","FT26305ABCD2","6,500.00","0.00"',
      '"1370012345678","02/11/2026","02/11/2026","8888","TRANSFER DR 008 SITI / 987654321098","","","2,000,000.00"',
    ].join('\n');
    const r = parseStatement(enc(file), presetMapping('mandiri'));
    expect(r.errors).toEqual([]);
    expect(r.delimiter).toBe(',');
    expect(plain(r)).toEqual([
      { line: 2, date: '2026-11-01', amount: 1_250_000, description: 'SKN CR PEMBAYARAN RETRIBUSI 1234-5678-9012', reference: 'FT26305ABCD1' },
      { line: 4, date: '2026-11-02', amount: 2_000_000, description: 'TRANSFER DR 008 SITI / 987654321098', reference: null },
    ]);
    expect(r.skipped.debit).toBe(1);
  });

  it('Bank Mandiri with a semicolon export and DD-MMM-YY dates', () => {
    const file = 'Account No;Date;Val. Date;Transaction Code;Description;Reference No.;Debit;Credit\n1370012345678;05-Okt-26;05-Okt-26;8888;TRF 123456789012;REF9;;300,000.00\n';
    const r = parseStatement(enc(file), presetMapping('mandiri'));
    expect(r.errors).toEqual([]);
    expect(plain(r)).toEqual([{ line: 2, date: '2026-10-05', amount: 300_000, description: 'TRF 123456789012', reference: 'REF9' }]);
  });

  it('BRI (CMS): database-style column names, plain numbers with decimals', () => {
    const file = [
      'TGL_TRAN,DESK_TRAN,MUTASI_DEBET,MUTASI_KREDIT,SALDO_AKHIR_MUTASI',
      '2026-11-01 08:15:22,NBMB 123456789012 ANDI KE PEMDA,0.00,1250000.00,51250000.00',
      '2026-11-01 09:00:00,BIAYA ADMIN,5000.00,0.00,51245000.00',
      '2026-11-02 13:45:10,"ATMBRI TRF, 987654321098",0.00,450000.00,51695000.00',
    ].join('\n');
    const r = parseStatement(enc(file), presetMapping('bri'));
    expect(r.errors).toEqual([]);
    expect(plain(r)).toEqual([
      { line: 2, date: '2026-11-01', amount: 1_250_000, description: 'NBMB 123456789012 ANDI KE PEMDA', reference: null },
      { line: 4, date: '2026-11-02', amount: 450_000, description: 'ATMBRI TRF, 987654321098', reference: null },
    ]);
    expect(r.lines.map((l) => l.balance)).toEqual([51_250_000, 51_695_000]);
    expect(r.skipped.debit).toBe(1);
  });

  it('BNI (BNIDirect): amount with a D/C indicator column, journal number as reference', () => {
    const file = [
      'Post Date,Value Date,Branch,Journal No.,Description,Amount,Db/Cr,Balance',
      '01/11/26 10.21.05,01/11/26,0259,JRN001,TRANSFER DARI RINA KODE BAYAR 123456789012,"1,250,000.00",C,"8,250,000.00"',
      '01/11/26 11.00.00,01/11/26,0259,JRN002,BIAYA SMS BANKING,"2,000.00",D,"8,248,000.00"',
    ].join('\n');
    const r = parseStatement(enc(file), presetMapping('bni'));
    expect(r.errors).toEqual([]);
    expect(plain(r)).toEqual([
      { line: 2, date: '2026-11-01', amount: 1_250_000, description: 'TRANSFER DARI RINA KODE BAYAR 123456789012', reference: 'JRN001' },
    ]);
  });

  it('a statement from another bank is refused naming the missing columns', () => {
    const bri = 'TGL_TRAN,DESK_TRAN,MUTASI_DEBET,MUTASI_KREDIT,SALDO_AKHIR_MUTASI\n2026-11-01,X,0.00,1.00,1.00\n';
    const r = parseStatement(enc(bri), presetMapping('mandiri'));
    expect(r.errors).toEqual([{ line: null, key: 'payments.statement.missing_columns', params: { columns: 'Date, Description, Debit, Credit, Reference No.' } }]);
  });

  it('presetMapping returns an independent copy; every preset has both languages', () => {
    const m = presetMapping('bca');
    m.stopAt!.push('X');
    expect(statementPresets.bca.mapping.stopAt).not.toContain('X');
    expect(statementPresetIds).toEqual(['bca', 'mandiri', 'bri', 'bni']);
    for (const id of statementPresetIds) {
      expect(statementPresets[id].describes.id).not.toBe('');
      expect(statementPresets[id].describes.en).not.toBe('');
      expect(JSON.parse(JSON.stringify(statementPresets[id].mapping))).toEqual(statementPresets[id].mapping);
      expect(columnMappingSchema.safeParse(statementPresets[id].mapping).success, id).toBe(true);
    }
  });
});
