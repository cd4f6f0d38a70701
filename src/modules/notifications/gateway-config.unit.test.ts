import { describe, expect, it } from 'vitest';
import { ConfigError, defaultGatewayTemplate, loadConfig } from '../../config.ts';

const base = { NODE_ENV: 'test' };

describe('SMS / WhatsApp gateway configuration', () => {
  it('[P-3] without a URL there is no gateway (SMS: development adapter; WhatsApp: off)', () => {
    const c = loadConfig(base);
    expect(c.smsGateway).toBeUndefined();
    expect(c.whatsappGateway).toBeUndefined();
    expect(c.smsInbound).toEqual({ token: undefined, secret: undefined });
  });

  it('[P-3] a URL with bearer credentials and the default body template', () => {
    const c = loadConfig({ ...base, SMS_GATEWAY_URL: 'https://sms.contoh.id/kirim', SMS_GATEWAY_AUTH: 'Bearer abc123' });
    expect(c.smsGateway).toEqual({ url: 'https://sms.contoh.id/kirim', method: 'POST', authorization: 'Bearer abc123', template: defaultGatewayTemplate });
  });

  it('[P-3] basic credentials are base64-encoded; the method and template are taken as given', () => {
    const c = loadConfig({
      ...base,
      WHATSAPP_GATEWAY_URL: 'https://wa.contoh.id/v1/messages',
      WHATSAPP_GATEWAY_METHOD: 'PUT',
      WHATSAPP_GATEWAY_AUTH: 'Basic pemda:rahasia:lagi',
      WHATSAPP_GATEWAY_TEMPLATE: '{"phone":"{{to}}","message":{"body":"{{text}}"}}',
    });
    expect(c.whatsappGateway?.authorization).toBe(`Basic ${Buffer.from('pemda:rahasia:lagi').toString('base64')}`);
    expect(c.whatsappGateway?.method).toBe('PUT');
    expect(c.whatsappGateway?.template).toBe('{"phone":"{{to}}","message":{"body":"{{text}}"}}');
  });

  it('[P-3] a template that is not JSON, lacks a placeholder, or odd credentials stop start-up with a clear message', () => {
    const url = { ...base, SMS_GATEWAY_URL: 'https://sms.contoh.id/kirim' };
    expect(() => loadConfig({ ...url, SMS_GATEWAY_TEMPLATE: '{"to":{{to}},"text":"{{text}}"' })).toThrow(/SMS_GATEWAY_TEMPLATE must be JSON/);
    expect(() => loadConfig({ ...url, SMS_GATEWAY_TEMPLATE: '{"to":"{{to}}"}' })).toThrow(/must contain \{\{to\}\} and \{\{text\}\}/);
    expect(() => loadConfig({ ...url, SMS_GATEWAY_AUTH: 'Token abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...url, SMS_GATEWAY_AUTH: 'Basic tanpa-titik-dua' })).toThrow(/<user>:<password>/);
    expect(() => loadConfig({ ...base, SMS_INBOUND_TOKEN: 'pendek' })).toThrow(ConfigError);
  });
});
