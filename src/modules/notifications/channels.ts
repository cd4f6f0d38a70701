// Transports of short messages (SMS, WhatsApp) behind one interface. Providers are HTTP
// gateways configured by URL, method, credentials and a JSON body template with {{to}} and
// {{text}} (config.ts); without a gateway the development adapter keeps the message in the
// outbox, where super admins can read it (/kelola/sistem/kotak-keluar). E-mail does not go
// through here: it is the platform mailer's (src/platform/mail/mailer.ts).
import type { GatewayConfig } from '../../config.ts';
import { scrubText } from '../../platform/log.ts';

export interface OutgoingMessage {
  /** E.164 phone number. */
  to: string;
  text: string;
}

export interface MessageChannel {
  /** Stored as the message's transport ('dev', 'sms-gateway', 'whatsapp-gateway'). */
  readonly name: string;
  send(msg: OutgoingMessage): Promise<{ providerId: string | null }>;
}

/** A gateway's refusal or failure; `permanent` when sending again cannot help (4xx). */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The development adapter: the message stays in the outbox (status sent, transport 'dev'). */
export const devChannel: MessageChannel = {
  name: 'dev',
  async send() {
    return { providerId: null };
  },
};

/** A JSON string's content (without quotes): the value is safe inside a template's "…". */
const jsonInner = (v: string) => JSON.stringify(v).slice(1, -1);

/** The request body: the template with {{to}} and {{text}} filled in, JSON-escaped. */
export function renderGatewayBody(template: string, msg: OutgoingMessage): string {
  return template.replace(/\{\{\s*(to|text)\s*\}\}/g, (_m, name: 'to' | 'text') => jsonInner(msg[name]));
}

function providerIdOf(body: string): string | null {
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    const data = j && typeof j.data === 'object' && j.data ? (j.data as Record<string, unknown>) : {};
    for (const v of [j.id, j.message_id, j.messageId, data.id, data.message_id, data.messageId]) {
      if (typeof v === 'string' && v) return v.slice(0, 200);
      if (typeof v === 'number') return String(v);
    }
  } catch {
    /* not JSON: no id */
  }
  return null;
}

/** Retrying can help with these client errors: timeout, too many requests. */
const retryable4xx = new Set([408, 425, 429]);

export function httpGatewayChannel(name: string, cfg: GatewayConfig, opts: { timeoutMs?: number } = {}): MessageChannel {
  return {
    name,
    async send(msg) {
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' };
      if (cfg.authorization) headers.authorization = cfg.authorization;
      let res: Response;
      try {
        res = await fetch(cfg.url, {
          method: cfg.method,
          headers,
          body: renderGatewayBody(cfg.template, msg),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        });
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        throw new GatewayError(`gateway unreachable: ${e.cause?.code ?? e.name}`, false);
      }
      const text = await res.text().catch(() => '');
      if (res.ok) return { providerId: providerIdOf(text) };
      const snippet = scrubText(text.replace(/\s+/g, ' ').trim()).slice(0, 200);
      const reason = `gateway HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`;
      const permanent = res.status >= 400 && res.status < 500 && !retryable4xx.has(res.status);
      throw new GatewayError(reason, permanent, res.status);
    },
  };
}
