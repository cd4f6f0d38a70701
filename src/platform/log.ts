// Structured logs (pino). Personal data and secrets are redacted by path, and request URLs
// are logged without their query string (which may carry an e-mail or a token).
import pino from 'pino';
import type { Config } from '../config.ts';

export type Logger = pino.Logger;

export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.password_hash',
  '*.passwordConfirm',
  '*.nik',
  '*.phone',
  '*.email',
  '*.token',
  '*.code',
  '*.totp_secret',
  '*.secret',
  'nik',
  'phone',
  'email',
  'password',
  'token',
  'code',
];

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: {
        req(req: { method: string; url: string; id: string }) {
          return { id: req.id, method: req.method, url: req.url.split('?')[0] };
        },
        res(res: { statusCode: number }) {
          return { statusCode: res.statusCode };
        },
      },
    },
    destination,
  );
}
