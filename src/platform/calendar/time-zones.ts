// The region's time zone as people say it (WIB/WITA/WIT) and as stored (IANA). Shared by the
// region form (agencies), the audit viewer's dates and the seed, so it sits below the modules.

/** WIB/WITA/WIT as people say them, and the IANA zone stored. */
export const timeZones = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' } as const;
export type TimeZoneLabel = keyof typeof timeZones;
export type IanaZone = (typeof timeZones)[TimeZoneLabel];
export const timeZoneLabels = Object.keys(timeZones) as TimeZoneLabel[];
export function timeZoneLabel(iana: string): TimeZoneLabel {
  return (Object.entries(timeZones).find(([, z]) => z === iana)?.[0] as TimeZoneLabel | undefined) ?? 'WIB';
}
/** Offset from UTC in hours (Indonesia has no daylight saving time). */
export const zoneOffsetHours: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };
