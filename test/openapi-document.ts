// The checked-in OpenAPI document (openapi/v1.json) and what compares it with the served one.
// The served document names the server's base URL; the checked-in one names a fixed example
// URL, so the file does not depend on where the tests or the script run.

export const OPENAPI_FILE = 'openapi/v1.json';
export const CANONICAL_BASE_URL = 'https://simpul.example.go.id';

/** The served document as stored: the base URL made canonical, keys as served, 2-space JSON. */
export function canonicalOpenApi(servedJson: string, baseUrl: string): string {
  const doc = JSON.parse(servedJson.split(baseUrl.replace(/\/$/, '')).join(CANONICAL_BASE_URL));
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/**
 * A readable list of what changed between two documents: `+ path` added, `- path` removed,
 * `~ path: before → after` changed (a path is the dotted key trail, e.g.
 * `paths./api/v1/ping.get.summary`). Arrays compare as a whole.
 */
export function describeOpenApiDiff(before: unknown, after: unknown, at = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const out: string[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const k of keys) {
      const p = at ? `${at}.${k}` : k;
      if (!(k in after)) out.push(`- ${p}`);
      else if (!(k in before)) out.push(`+ ${p}`);
      else out.push(...describeOpenApiDiff(before[k], after[k], p));
    }
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [`~ ${at}: ${show(before)} → ${show(after)}`];
}
