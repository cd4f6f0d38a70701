// National holidays (libur nasional) and collective leave (cuti bersama) of Indonesia, the
// days that are not working days for deadlines (STANDARDS §8). This is the data preloaded into
// the `holidays` table by seedHolidays (calendar.service.ts); super admins edit the table
// afterwards (e.g. when the Minister of Religious Affairs fixes Idulfitri by sidang isbat, or
// when a new SKB is issued). Dates are local calendar dates, the same in WIB, WITA and WIT.
//
// Sources — Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB
// (SKB 3 Menteri) tentang Hari Libur Nasional dan Cuti Bersama:
//  - 2025: Nomor 1017 Tahun 2024, Nomor 2 Tahun 2024, Nomor 2 Tahun 2024 (14 October 2024),
//          changed by Nomor 933 Tahun 2025, Nomor 1 Tahun 2025, Nomor 3 Tahun 2025
//          (7 August 2025), which added cuti bersama on 18 August 2025 (HUT ke-80 RI).
//          17 libur nasional + 11 cuti bersama.
//  - 2026: Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 (19 September 2025).
//          17 libur nasional + 8 cuti bersama.
//  - 2027: no SKB known when this file was written. The fixed-date holidays of Keppres 8/2024
//          are listed; the lunar and lunisolar ones are estimates (Hijri dates following the
//          MABIMS visibility criterion used by the Ministry of Religious Affairs, Easter by the
//          Gregorian computus, Waisak at the May full moon, Imlek at the new moon of 6 February,
//          Nyepi the day after Tilem Kesanga). Cuti bersama 2027 are policy decisions of the
//          SKB and are not guessed. Every 2027 entry is `provisional: true`: the interface says
//          the year is not yet confirmed by SKB. Replace them when the SKB is issued.

export type HolidayKind = 'libur_nasional' | 'cuti_bersama' | 'libur_daerah';

export interface HolidayData {
  /** Local calendar date, 'YYYY-MM-DD'. */
  date: string;
  kind: 'libur_nasional' | 'cuti_bersama';
  name: string;
  /** True when the date is an estimate not yet confirmed by an SKB. */
  provisional?: boolean;
}

/** The decree each preloaded year relies on (shown next to the calendar in the interface). */
export const holidaySources: Record<number, string> = {
  2025:
    'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1017 Tahun 2024, Nomor 2 Tahun 2024, Nomor 2 Tahun 2024, diubah dengan Nomor 933 Tahun 2025, Nomor 1 Tahun 2025, Nomor 3 Tahun 2025',
  2026: 'SKB Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025',
  2027: 'Perkiraan (belum ditetapkan SKB)',
};

const p = { provisional: true } as const;

export const nationalHolidays: readonly HolidayData[] = [
  // 2025 ---------------------------------------------------------------------------------
  { date: '2025-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2025 Masehi' },
  { date: '2025-01-27', kind: 'libur_nasional', name: 'Isra Mikraj Nabi Muhammad SAW' },
  { date: '2025-01-28', kind: 'cuti_bersama', name: 'Cuti bersama Tahun Baru Imlek 2576 Kongzili' },
  { date: '2025-01-29', kind: 'libur_nasional', name: 'Tahun Baru Imlek 2576 Kongzili' },
  { date: '2025-03-28', kind: 'cuti_bersama', name: 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1947)' },
  { date: '2025-03-29', kind: 'libur_nasional', name: 'Hari Suci Nyepi (Tahun Baru Saka 1947)' },
  { date: '2025-03-31', kind: 'libur_nasional', name: 'Idulfitri 1446 Hijriah' },
  { date: '2025-04-01', kind: 'libur_nasional', name: 'Idulfitri 1446 Hijriah' },
  { date: '2025-04-02', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1446 Hijriah' },
  { date: '2025-04-03', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1446 Hijriah' },
  { date: '2025-04-04', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1446 Hijriah' },
  { date: '2025-04-07', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1446 Hijriah' },
  { date: '2025-04-18', kind: 'libur_nasional', name: 'Wafat Yesus Kristus' },
  { date: '2025-04-20', kind: 'libur_nasional', name: 'Kebangkitan Yesus Kristus (Paskah)' },
  { date: '2025-05-01', kind: 'libur_nasional', name: 'Hari Buruh Internasional' },
  { date: '2025-05-12', kind: 'libur_nasional', name: 'Hari Raya Waisak 2569 BE' },
  { date: '2025-05-13', kind: 'cuti_bersama', name: 'Cuti bersama Hari Raya Waisak 2569 BE' },
  { date: '2025-05-29', kind: 'libur_nasional', name: 'Kenaikan Yesus Kristus' },
  { date: '2025-05-30', kind: 'cuti_bersama', name: 'Cuti bersama Kenaikan Yesus Kristus' },
  { date: '2025-06-01', kind: 'libur_nasional', name: 'Hari Lahir Pancasila' },
  { date: '2025-06-06', kind: 'libur_nasional', name: 'Iduladha 1446 Hijriah' },
  { date: '2025-06-09', kind: 'cuti_bersama', name: 'Cuti bersama Iduladha 1446 Hijriah' },
  { date: '2025-06-27', kind: 'libur_nasional', name: '1 Muharam Tahun Baru Islam 1447 Hijriah' },
  { date: '2025-08-17', kind: 'libur_nasional', name: 'Proklamasi Kemerdekaan' },
  { date: '2025-08-18', kind: 'cuti_bersama', name: 'Cuti bersama Proklamasi Kemerdekaan (HUT ke-80 RI)' },
  { date: '2025-09-05', kind: 'libur_nasional', name: 'Maulid Nabi Muhammad SAW' },
  { date: '2025-12-25', kind: 'libur_nasional', name: 'Kelahiran Yesus Kristus' },
  { date: '2025-12-26', kind: 'cuti_bersama', name: 'Cuti bersama Kelahiran Yesus Kristus' },

  // 2026 ---------------------------------------------------------------------------------
  { date: '2026-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2026 Masehi' },
  { date: '2026-01-16', kind: 'libur_nasional', name: 'Isra Mikraj Nabi Muhammad SAW' },
  { date: '2026-02-16', kind: 'cuti_bersama', name: 'Cuti bersama Tahun Baru Imlek 2577 Kongzili' },
  { date: '2026-02-17', kind: 'libur_nasional', name: 'Tahun Baru Imlek 2577 Kongzili' },
  { date: '2026-03-18', kind: 'cuti_bersama', name: 'Cuti bersama Hari Suci Nyepi (Tahun Baru Saka 1948)' },
  { date: '2026-03-19', kind: 'libur_nasional', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)' },
  { date: '2026-03-20', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1447 Hijriah' },
  { date: '2026-03-21', kind: 'libur_nasional', name: 'Idulfitri 1447 Hijriah' },
  { date: '2026-03-22', kind: 'libur_nasional', name: 'Idulfitri 1447 Hijriah' },
  { date: '2026-03-23', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1447 Hijriah' },
  { date: '2026-03-24', kind: 'cuti_bersama', name: 'Cuti bersama Idulfitri 1447 Hijriah' },
  { date: '2026-04-03', kind: 'libur_nasional', name: 'Wafat Yesus Kristus' },
  { date: '2026-04-05', kind: 'libur_nasional', name: 'Kebangkitan Yesus Kristus (Paskah)' },
  { date: '2026-05-01', kind: 'libur_nasional', name: 'Hari Buruh Internasional' },
  { date: '2026-05-14', kind: 'libur_nasional', name: 'Kenaikan Yesus Kristus' },
  { date: '2026-05-15', kind: 'cuti_bersama', name: 'Cuti bersama Kenaikan Yesus Kristus' },
  { date: '2026-05-27', kind: 'libur_nasional', name: 'Iduladha 1447 Hijriah' },
  { date: '2026-05-28', kind: 'cuti_bersama', name: 'Cuti bersama Iduladha 1447 Hijriah' },
  { date: '2026-05-31', kind: 'libur_nasional', name: 'Hari Raya Waisak 2570 BE' },
  { date: '2026-06-01', kind: 'libur_nasional', name: 'Hari Lahir Pancasila' },
  { date: '2026-06-16', kind: 'libur_nasional', name: '1 Muharam Tahun Baru Islam 1448 Hijriah' },
  { date: '2026-08-17', kind: 'libur_nasional', name: 'Proklamasi Kemerdekaan' },
  { date: '2026-08-25', kind: 'libur_nasional', name: 'Maulid Nabi Muhammad SAW' },
  { date: '2026-12-24', kind: 'cuti_bersama', name: 'Cuti bersama Kelahiran Yesus Kristus' },
  { date: '2026-12-25', kind: 'libur_nasional', name: 'Kelahiran Yesus Kristus' },

  // 2027 (provisional: no SKB yet; see the note at the top) -----------------------------
  { date: '2027-01-01', kind: 'libur_nasional', name: 'Tahun Baru 2027 Masehi', ...p },
  { date: '2027-01-06', kind: 'libur_nasional', name: 'Isra Mikraj Nabi Muhammad SAW (1448 H, perkiraan)', ...p },
  { date: '2027-02-06', kind: 'libur_nasional', name: 'Tahun Baru Imlek 2578 Kongzili (perkiraan)', ...p },
  { date: '2027-03-08', kind: 'libur_nasional', name: 'Hari Suci Nyepi (Tahun Baru Saka 1949, perkiraan)', ...p },
  { date: '2027-03-10', kind: 'libur_nasional', name: 'Idulfitri 1448 Hijriah (perkiraan)', ...p },
  { date: '2027-03-11', kind: 'libur_nasional', name: 'Idulfitri 1448 Hijriah (perkiraan)', ...p },
  { date: '2027-03-26', kind: 'libur_nasional', name: 'Wafat Yesus Kristus', ...p },
  { date: '2027-03-28', kind: 'libur_nasional', name: 'Kebangkitan Yesus Kristus (Paskah)', ...p },
  { date: '2027-05-01', kind: 'libur_nasional', name: 'Hari Buruh Internasional', ...p },
  { date: '2027-05-06', kind: 'libur_nasional', name: 'Kenaikan Yesus Kristus', ...p },
  { date: '2027-05-17', kind: 'libur_nasional', name: 'Iduladha 1448 Hijriah (perkiraan)', ...p },
  { date: '2027-05-20', kind: 'libur_nasional', name: 'Hari Raya Waisak 2571 BE (perkiraan)', ...p },
  { date: '2027-06-01', kind: 'libur_nasional', name: 'Hari Lahir Pancasila', ...p },
  { date: '2027-06-06', kind: 'libur_nasional', name: '1 Muharam Tahun Baru Islam 1449 Hijriah (perkiraan)', ...p },
  { date: '2027-08-15', kind: 'libur_nasional', name: 'Maulid Nabi Muhammad SAW (1449 H, perkiraan)', ...p },
  { date: '2027-08-17', kind: 'libur_nasional', name: 'Proklamasi Kemerdekaan', ...p },
  { date: '2027-12-25', kind: 'libur_nasional', name: 'Kelahiran Yesus Kristus', ...p },
  { date: '2027-12-26', kind: 'libur_nasional', name: 'Isra Mikraj Nabi Muhammad SAW (1449 H, perkiraan)', ...p },
];

/** The years with preloaded data (confirmed by SKB or provisional). */
export const preloadedYears: readonly number[] = [2025, 2026, 2027];
