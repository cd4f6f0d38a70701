// Short forms for dense back-office tables: `15 Des 2026`, `15 Des 2026 14.05`. Long forms
// (`15 Desember 2026`) stay in ViewContext.date for prose and detail pages.
import type { ViewContext } from '../context.ts';
import type { Locale } from '../i18n.ts';

const monthsId = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const monthsEn = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(date: Date, timeZone: string) {
  const p = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return { day: Number(get('day')), month: Number(get('month')), year: Number(get('year')), hour: get('hour'), minute: get('minute') };
}

/** `15 Des 2026` (id) / `15 Dec 2026` (en), in the region's time zone. */
export function formatShortDate(locale: Locale, date: Date, timeZone: string): string {
  const { day, month, year } = parts(date, timeZone);
  return `${day} ${(locale === 'id' ? monthsId : monthsEn)[month - 1]} ${year}`;
}

/** `15 Des 2026 14.05` (id) / `15 Dec 2026 14:05` (en). */
export function formatShortDateTime(locale: Locale, date: Date, timeZone: string): string {
  const { hour, minute } = parts(date, timeZone);
  return `${formatShortDate(locale, date, timeZone)} ${hour}${locale === 'id' ? '.' : ':'}${minute}`;
}

export const shortDate = (ctx: Pick<ViewContext, 'locale' | 'timeZone'>, d: Date): string => formatShortDate(ctx.locale, d, ctx.timeZone);
export const shortDateTime = (ctx: Pick<ViewContext, 'locale' | 'timeZone'>, d: Date): string => formatShortDateTime(ctx.locale, d, ctx.timeZone);
