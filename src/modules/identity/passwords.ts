// Passwords are hashed with argon2id (OWASP parameters: m=19 MiB, t=2, p=1).
import { hash, verify } from '@node-rs/argon2';
import { type MessageKey } from '../../platform/views/i18n.ts';

const Algorithm = { Argon2id: 2 } as const;
const options = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Same work as a real check so timing does not reveal unknown accounts.
    await hash(password, options);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Minimum strength: 10+ characters, not all one class, not a common password. */
export function passwordWeakness(password: string, personal: string[] = []): MessageKey | null {
  if (password.length < 10) return 'password.too_short';
  if (password.length > 200) return 'password.too_long';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) return 'password.too_simple';
  const lower = password.toLowerCase();
  if (common.some((c) => lower.includes(c))) return 'password.common';
  if (personal.some((p) => p && p.length >= 4 && lower.includes(p.toLowerCase()))) return 'password.personal';
  return null;
}

const common = ['password', 'katasandi', 'qwerty', '12345678', 'admin123', 'indonesia', 'iloveyou', 'abcdefg', '11111111', 'rahasia'];
