import { describe, expect, it } from 'vitest';
import { renderGatewayBody } from './channels.ts';
import { allTemplateKeys, checkTemplate, notificationEvents, defaultTemplate, parseTemplate, renderTemplate, SMS_SEGMENT } from './notifications.templates.ts';

describe('template parser', () => {
  it('[P-3] lists the placeholders used, once each, spaces inside braces allowed', () => {
    const r = parseTemplate('Yth. {{name}}, permohonan {{ tracking_number }} ({{name}})');
    expect(r.issues).toEqual([]);
    expect(r.names).toEqual(['name', 'tracking_number']);
  });

  it('[P-3] names every unknown placeholder', () => {
    const r = parseTemplate('Halo {{nama}} {{tracking_number}} {{nik}} {{nama}}');
    expect(r.issues).toEqual([
      { kind: 'unknown', name: 'nama' },
      { kind: 'unknown', name: 'nik' },
    ]);
  });

  it('[P-3] finds unbalanced braces: a lone brace, an unclosed {{, a brace inside a placeholder', () => {
    expect(parseTemplate('Halo {name}').issues[0]).toEqual({ kind: 'unbalanced', at: 5 });
    expect(parseTemplate('Halo {{name').issues[0]).toMatchObject({ kind: 'unbalanced' });
    expect(parseTemplate('Halo {{na{{me}}').issues[0]).toMatchObject({ kind: 'unbalanced' });
    expect(parseTemplate('selesai }}').issues.length).toBeGreaterThan(0);
    expect(parseTemplate('{{ }}').issues[0]).toMatchObject({ kind: 'unbalanced' });
  });

  it('[P-3] checkTemplate refuses naming the placeholder, and requires a subject for e-mail only', () => {
    expect(checkTemplate('email', 'Perihal', 'Halo {{nama}}')).toEqual([{ field: 'body', key: 'notifications.template.unknown', params: { names: '{{nama}}' } }]);
    expect(checkTemplate('email', '', 'Halo')).toEqual([{ field: 'subject', key: 'notifications.template.required' }]);
    expect(checkTemplate('sms', '', 'Halo {{name}}')).toEqual([]);
    expect(checkTemplate('sms', '', 'x'.repeat(641))[0]).toMatchObject({ field: 'body', key: 'notifications.template.too_long' });
    expect(checkTemplate('in_app', 'Judul {', 'Isi')[0]).toMatchObject({ field: 'subject', key: 'notifications.template.unbalanced' });
  });
});

describe('template renderer', () => {
  it('[P-3] fills placeholders and shows a missing value as -', () => {
    expect(renderTemplate('{{name}}: {{ tracking_number }} — {{reason}}', { name: 'Maria', tracking_number: '2026-DU-000001' })).toBe('Maria: 2026-DU-000001 — -');
  });

  it('[P-3] does not re-interpret braces in values', () => {
    expect(renderTemplate('{{name}}', { name: '{{url}}', url: 'x' })).toBe('{{url}}');
  });

  it('[P-3] every default template (11 events incl. document expiry and payments × 4 channels × 2 languages) parses cleanly; SMS fit one segment', () => {
    const keys = allTemplateKeys();
    expect(keys).toHaveLength(88);
    for (const k of keys) {
      const d = defaultTemplate(k.event, k.channel, k.locale);
      expect(checkTemplate(k.channel, d.subject, d.body), `${k.event}/${k.channel}/${k.locale}`).toEqual([]);
      if (k.channel === 'sms') expect(d.body.length, `${k.event}/${k.locale}`).toBeLessThanOrEqual(SMS_SEGMENT);
    }
    expect(defaultTemplate('approved', 'email', 'id').subject).toContain('disetujui');
    expect(defaultTemplate('approved', 'email', 'en').subject).toContain('approved');
  });
});

describe('gateway request body', () => {
  it('[P-9] fills {{to}} and {{text}} JSON-escaped, so quotes and new lines cannot break the body', () => {
    const body = renderGatewayBody('{"msisdn":"{{to}}","message":"{{text}}","sender":"PEMDA"}', { to: '+6281234567890', text: 'Baris "satu"\nbaris dua \\ selesai' });
    expect(JSON.parse(body)).toEqual({ msisdn: '+6281234567890', message: 'Baris "satu"\nbaris dua \\ selesai', sender: 'PEMDA' });
  });
});
