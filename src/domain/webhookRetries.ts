// When an undelivered webhook is tried again, and when paymux stops trying.

/** The first retry waits this long; each later one twice the previous wait, up to the cap. */
export const firstRetryDelayMs = 30_000;
export const maxRetryDelayMs = 60 * 60_000;
/** Retries go on for at least this long after the webhook was written; the first failure after it gives up. */
export const retryWindowMs = 24 * 60 * 60_000;
/** ±20 % jitter, so receivers coming back after an outage are not hit by every retry at once. */
const jitterRatio = 0.2;

/**
 * The wait before the next attempt, after `failedAttempts` failed ones (1 or more):
 * 30 s, 1 m, 2 m, 4 m, 8 m, 16 m, 32 m, then 1 h each, every one jittered by ±20 %.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const base = Math.min(maxRetryDelayMs, firstRetryDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(base * (1 - jitterRatio + 2 * jitterRatio * random()));
}

export type RetryDecision = { giveUp: true } | { giveUp: false; nextAttemptAt: Date };

/** After a failed attempt at `now`: try again later, or give up once the 24-hour window has passed. */
export function afterFailedAttempt(createdAt: Date, failedAttempts: number, now: Date, random: () => number = Math.random): RetryDecision {
  if (now.getTime() - createdAt.getTime() > retryWindowMs) return { giveUp: true };
  return { giveUp: false, nextAttemptAt: new Date(now.getTime() + retryDelayMs(failedAttempts, random)) };
}
