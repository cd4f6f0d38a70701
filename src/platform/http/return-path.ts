// Return addresses ("kembali") are the only place a visitor's input decides where the
// browser goes next. One rule for every route (no open redirects, no 500s): accept only a
// same-origin path made of a strict allow-list of characters; anything else gives the
// caller's default.
//
// Browsers are lenient: they drop TAB/CR/LF from URLs (`/\t/evil` is `//evil`), treat `\` as
// `/`, and take `//host` as another site. So the value must start with one `/` followed by
// a character that is neither `/` nor `\`, contain only URL-safe ASCII (non-ASCII must come
// percent-encoded), no `//` anywhere in the path, no percent-encoded control characters, and
// be of bounded length.

/** Longest return path accepted (the rest of the URL is bounded by the server anyway). */
export const RETURN_PATH_MAX = 1024;

// RFC 3986 pchar (unreserved, sub-delims, ':' '@') plus '/', '?' and '%' (checked below).
const ALLOWED = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@%][A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*)?$/;
/** A '%' not followed by two hex digits, or an encoded control character (C0, DEL). */
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})|%[01][0-9A-Fa-f]|%7[Ff]/;

/** True when `value` is a path this site may redirect to. */
export function isSafeReturnPath(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > RETURN_PATH_MAX) return false;
  if (!ALLOWED.test(value)) return false;
  if (BAD_PERCENT.test(value)) return false;
  const path = value.split('?', 1)[0]!;
  if (path.includes('//')) return false;
  // An encoded slash or backslash right after the first '/' reads as '//' to some servers.
  if (/^\/%(2[Ff]|5[Cc])/.test(value)) return false;
  return true;
}

/** `value` when it is a safe local path, otherwise `fallback`. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  return isSafeReturnPath(value) ? value : fallback;
}
