// Message catalogue. Every user-facing string goes through here: Bahasa Indonesia is the
// default, English is available. A module declares its messages in a `*.messages.ts` file with
// `export const xMessages = defineMessages({ id: {...}, en: {...} })` (TypeScript checks that
// both languages have the same keys); src/messages.ts imports every catalogue, registers them
// once at start-up and fills `MessageRegistry` with their keys, so `t()` accepts only a key
// that exists: an unknown key fails to compile.
export const locales = ['id', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'id';

/**
 * Every message key of the application, one property per key. Empty here (platform knows no
 * module); src/messages.ts augments it with the keys of every registered catalogue.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MessageRegistry {}
/** A key that exists in the catalogue (compile-time checked). */
export type MessageKey = keyof MessageRegistry & string;

/** One catalogue: the same keys in both languages. */
export type MessageCatalogue<K extends string = string> = { id: Record<K, string>; en: Record<K, string> };
/** The keys of a catalogue returned by `defineMessages`. */
export type CatalogueKeys<C> = C extends MessageCatalogue<infer K> ? K : never;

type Params = Record<string, string | number>;
const catalogue: Record<Locale, Map<string, string>> = { id: new Map(), en: new Map() };

/** Declares a module's messages; both languages must define the same keys. Registers nothing. */
export function defineMessages<K extends string>(messages: { id: Record<K, string>; en: Record<K, string> }): MessageCatalogue<K> {
  return messages;
}

/** Adds catalogues to the run-time catalogue (src/messages.ts does this once for all of them). */
export function registerMessages(catalogues: readonly MessageCatalogue[]): void {
  for (const messages of catalogues) {
    for (const locale of locales) {
      for (const [key, text] of Object.entries(messages[locale]) as [string, string][]) {
        if (catalogue[locale].has(key) && catalogue[locale].get(key) !== text) {
          throw new Error(`Message key defined twice: ${key}`);
        }
        catalogue[locale].set(key, text);
      }
    }
  }
}

/** Whether `key` (e.g. built from stored data) is a registered message key. */
export function hasMessage(key: string): key is MessageKey {
  return catalogue.id.has(key);
}

/**
 * For a key built at run time from data the types cannot narrow (a stored field name, a code
 * from another system): `key` when it is registered, else `fallback`.
 */
export function messageKeyOr(key: string, fallback: MessageKey): MessageKey {
  return hasMessage(key) ? key : fallback;
}

export function allMessageKeys(locale: Locale): string[] {
  return [...catalogue[locale].keys()];
}

/** Translates `key`; `{name}` placeholders are filled from params. */
export function t(locale: Locale, key: MessageKey, params?: Params): string {
  const text = catalogue[locale].get(key) ?? catalogue.id.get(key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isLocale(v: unknown): v is Locale {
  return v === 'id' || v === 'en';
}

/** Picks the locale: explicit choice (cookie or account) first, then Accept-Language, then id. */
export function negotiateLocale(choice: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(choice)) return choice;
  if (acceptLanguage) {
    const first = acceptLanguage
      .split(',')
      .map((p) => p.trim().split(';')[0]?.toLowerCase() ?? '')
      .find((p) => p.startsWith('id') || p.startsWith('en') || p.startsWith('ms'));
    if (first?.startsWith('en')) return 'en';
  }
  return defaultLocale;
}

const monthsId = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

// Building an Intl.DateTimeFormat costs far more than formatting with one (a list of 50 rows
// with three dates spent most of its time there): one formatter per kind and time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'parts' | 'date' | 'time', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      kind === 'parts'
        ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })
        : kind === 'date'
          ? new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'long', year: 'numeric' })
          : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(key, f);
  }
  return f;
}

/** `23 November 2026` (id) / `23 November 2026` (en), in the region's time zone. */
export function formatDate(locale: Locale, date: Date, timeZone: string): string {
  if (locale === 'id') {
    const parts = formatter('parts', timeZone).formatToParts(date);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return `${get('day')} ${monthsId[get('month') - 1]} ${get('year')}`;
  }
  return formatter('date', timeZone).format(date);
}

const zoneLabels: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };

/** `23 November 2026 14.05 WITA` */
export function formatDateTime(locale: Locale, date: Date, timeZone: string): string {
  const time = formatter('time', timeZone).format(date);
  const sep = locale === 'id' ? '.' : ':';
  return `${formatDate(locale, date, timeZone)} ${time.replace(':', sep)} ${zoneLabels[timeZone] ?? timeZone}`;
}

// Numbers and money: one set of formatters in src/platform/format.ts.
export { formatRupiah } from '../format.ts';
