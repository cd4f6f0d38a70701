import { describe, expect, it } from 'vitest';
import { MAIL_GIVE_UP_AFTER_MS, MAIL_MAX_ATTEMPTS, MAIL_RETRY_CAP_SECONDS, mailRetryDelaySeconds } from './retry.ts';

describe('mail retry schedule', () => {
  it('[S-2] grows exponentially from seconds, between half and all of the step, never over 10 minutes', () => {
    expect(mailRetryDelaySeconds(1, () => 0)).toBe(5);
    expect(mailRetryDelaySeconds(1, () => 0.999999)).toBe(10);
    expect(mailRetryDelaySeconds(2, () => 0.999999)).toBe(20);
    expect(mailRetryDelaySeconds(3, () => 0.999999)).toBe(40);
    for (let n = 1; n <= 1000; n++) {
      for (const r of [0, 0.3, 0.999999]) {
        const d = mailRetryDelaySeconds(n, () => r);
        expect(d).toBeGreaterThanOrEqual(1);
        expect(d).toBeLessThanOrEqual(MAIL_RETRY_CAP_SECONDS);
      }
    }
    expect(mailRetryDelaySeconds(50, () => 0)).toBe(MAIL_RETRY_CAP_SECONDS / 2);
  });

  it('[S-2] jitter spreads the retries of messages that failed together', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const delays = new Set(Array.from({ length: 50 }, () => mailRetryDelaySeconds(8, rnd)));
    expect(delays.size).toBeGreaterThan(20);
  });

  it('[S-2] after a one-minute outage mail flows again within about two minutes (the old ×4 schedule waited 2.5 min for the third try)', () => {
    let t = 0;
    let n = 0;
    while (t < 60) t += mailRetryDelaySeconds(++n, () => 0.999999);
    expect(t).toBeLessThanOrEqual(150);
  });

  it('[S-2] the attempts allowed outlast 48 hours even with the shortest waits', () => {
    let total = 0;
    for (let n = 1; n < MAIL_MAX_ATTEMPTS; n++) total += mailRetryDelaySeconds(n, () => 0);
    expect(total * 1000).toBeGreaterThan(MAIL_GIVE_UP_AFTER_MS);
  });
});
