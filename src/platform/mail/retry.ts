// When to try an e-mail again (issue 12, item 8). Capped exponential back-off with jitter:
// the n-th failure waits between half and all of min(10 min, 10 s × 2^(n-1)), so after a
// one-minute SMTP outage mail flows again within about two minutes, messages queued during an
// outage do not all retry at the same instant, and there are never more than 10 minutes between
// tries. A message is given up (dead, administrators alerted) only once it is 48 hours old.
export const MAIL_RETRY_BASE_SECONDS = 10;
export const MAIL_RETRY_CAP_SECONDS = 600;
export const MAIL_GIVE_UP_AFTER_MS = 48 * 3_600_000;

/** Seconds to wait after the `attempt`-th failed try (1-based); `random` in [0, 1). */
export function mailRetryDelaySeconds(attempt: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(MAIL_RETRY_CAP_SECONDS, MAIL_RETRY_BASE_SECONDS * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.max(1, Math.min(MAIL_RETRY_CAP_SECONDS, Math.round(ceiling / 2 + (r * ceiling) / 2)));
}

/**
 * The queue's limit of attempts for a mail job: enough that even the shortest waits add up to
 * more than the give-up age (with a margin), so it is the message's age that ends the tries.
 */
export const MAIL_MAX_ATTEMPTS = (() => {
  let waited = 0;
  let n = 0;
  while (waited * 1000 < MAIL_GIVE_UP_AFTER_MS) waited += mailRetryDelaySeconds(++n, () => 0);
  return n + 20;
})();
