import type { FieldError } from '../http/errors.ts';
import type { MenuGroup } from './backoffice-menu.ts';
import { formatDate, formatDateTime, t as translate, type Locale, type MessageKey } from './i18n.ts';

export type Face = 'public' | 'backoffice' | 'executive';

export interface ViewUser {
  name: string;
  kind: 'citizen' | 'business' | 'staff';
  isStaff: boolean;
  isExecutive: boolean;
  /** Staff: the back-office links the user's roles reach, grouped by area. */
  menu?: MenuGroup[];
}

/** Everything a page component needs from the request, passed explicitly. */
export interface ViewContext {
  locale: Locale;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  user: ViewUser | null;
  csrfToken: string;
  /** Current path and query, for the language switch's return address. */
  path: string;
  regionName: string;
  /** The region's kode wilayah (`53`, `5371`): its province is preselected in address fields. */
  regionCode?: string;
  /** The region's primary colour (`#rrggbb`), when set. */
  regionColour?: string;
  /** Version token of the region's logo, when it has one. */
  regionLogo?: string;
  timeZone: string;
  date: (d: Date) => string;
  dateTime: (d: Date) => string;
}

/**
 * Builds the view context. `csrfToken` may be a function: it is then called the first time a
 * page reads the token (a form), so a page without a form makes no CSRF secret or cookie.
 */
export function makeViewContext(input: Omit<ViewContext, 't' | 'date' | 'dateTime' | 'csrfToken'> & { csrfToken: string | (() => string) }): ViewContext {
  const { csrfToken, ...rest } = input;
  const ctx = {
    ...rest,
    t: (key, params) => translate(input.locale, key, params),
    date: (d) => formatDate(input.locale, d, input.timeZone),
    dateTime: (d) => formatDateTime(input.locale, d, input.timeZone),
  } as ViewContext;
  let token = typeof csrfToken === 'string' ? csrfToken : undefined;
  Object.defineProperty(ctx, 'csrfToken', {
    enumerable: true,
    get: () => (token ??= (csrfToken as () => string)()),
  });
  return ctx;
}

/** What a failed form shows again: the field errors and the values typed (never passwords). */
export interface FormState {
  values: Record<string, string>;
  errors: FieldError[];
}

export const emptyForm: FormState = { values: {}, errors: [] };

export function formStateFrom(body: unknown, errors: FieldError[], omit: string[] = []): FormState {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf' || omit.includes(k) || /password|secret|code$/i.test(k)) continue;
      if (typeof v === 'string') values[k] = v;
    }
  }
  return { values, errors };
}
