// A small browser-like client over Fastify's inject: keeps cookies, finds the CSRF token in
// the last page, posts forms as application/x-www-form-urlencoded.
import crypto from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class TestClient {
  readonly cookies = new Map<string, string>();
  lastHtml = '';
  headers: Record<string, string> = {};

  constructor(private readonly app: FastifyInstance) {}

  #cookieHeader(): string | undefined {
    if (!this.cookies.size) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  #remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(res.headers['content-type'] ?? '').includes('text/html')) this.lastHtml = res.body;
  }

  async request(method: string, url: string, opts: { payload?: unknown; headers?: Record<string, string> } = {}) {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      payload: opts.payload as string,
      headers: { accept: 'text/html', ...this.headers, ...(this.#cookieHeader() ? { cookie: this.#cookieHeader()! } : {}), ...opts.headers },
    });
    this.#remember(res);
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, { headers });
  }

  /** The CSRF token of the last HTML page received. */
  csrfToken(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!m?.[1]) throw new Error('No CSRF token in the last page');
    return m[1];
  }

  /** GETs `formUrl` (default: `url`) for a fresh token, then POSTs the fields. */
  async submit(url: string, fields: Record<string, string>, formUrl: string = url) {
    await this.get(formUrl);
    return this.post(url, { _csrf: this.csrfToken(), ...fields });
  }

  /** POSTs the fields as they are (no token added). */
  post(url: string, fields: Record<string, string>) {
    return this.request('POST', url, {
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** JSON API call; with a session, writes carry the CSRF token from the last page. */
  async api(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (body !== undefined) h['content-type'] = 'application/json';
    return this.request(method, url, { payload: body === undefined ? undefined : JSON.stringify(body), headers: h });
  }
}

/** Text content of the page without tags (for assertions on what a person reads). */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** A file part of a multipart body. */
export interface MultipartFile {
  field: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data body (as a browser sends a form with file inputs) for `TestClient.request`. */
export function multipart(fields: Record<string, string>, files: MultipartFile[] = []) {
  const boundary = `----simpul${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`));
    parts.push(f.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The smallest PDF the upload checks accept (header, catalogue, trailer, %%EOF). */
export const tinyPdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
