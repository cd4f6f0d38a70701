import { describe, expect, it } from 'vitest';
import { networkMatcher } from './executive.network.ts';

describe('internal networks for the leaders’ figures', () => {
  it('[E-2] off by default; when set, only addresses inside the listed networks pass', () => {
    expect(networkMatcher([])).toBeNull();
    const allowed = networkMatcher(['10.20.0.0/16', '192.168.1.7', 'fd00::/8'])!;
    expect(allowed('10.20.3.4')).toBe(true);
    expect(allowed('::ffff:10.20.3.4')).toBe(true);
    expect(allowed('10.21.0.1')).toBe(false);
    expect(allowed('192.168.1.7')).toBe(true);
    expect(allowed('192.168.1.8')).toBe(false);
    expect(allowed('fd12::1')).toBe(true);
    expect(allowed('2001:db8::1')).toBe(false);
    expect(() => networkMatcher(['10.0.0.0/33'])).toThrow(/not a network/);
    expect(() => networkMatcher(['intranet'])).toThrow(/not a network/);
  });
});
