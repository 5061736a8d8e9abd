import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { afterFailedAttempt, maxRetryDelayMs, retryDelayMs, retryWindowMs } from '../../src/domain/webhookRetries.ts';

describe('webhook retry schedule', () => {
  it('doubles from 30 s up to one hour, without jitter at the midpoint', () => {
    const middle = () => 0.5;
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 50].map((n) => retryDelayMs(n, middle) / 1000),
      [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600],
    );
  });

  it('jitters every wait by at most 20 %', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, random) => {
        const base = retryDelayMs(attempts, () => 0.5);
        const delay = retryDelayMs(attempts, () => random);
        return delay >= base * 0.8 - 1 && delay <= base * 1.2 + 1 && delay <= maxRetryDelayMs * 1.2 + 1;
      }),
    );
  });

  it('gives up only after a failure more than 24 hours after the webhook was written', () => {
    const createdAt = new Date('2026-01-01T00:00:00Z');
    const at = (ms: number) => new Date(createdAt.getTime() + ms);
    const within = afterFailedAttempt(createdAt, 30, at(retryWindowMs));
    assert.equal(within.giveUp, false);
    assert.ok(!within.giveUp && within.nextAttemptAt > at(retryWindowMs), 'the last retry may fall after the window');
    assert.deepEqual(afterFailedAttempt(createdAt, 31, at(retryWindowMs + 1)), { giveUp: true });
  });

  it('retries about 30 times over the 24 hours', () => {
    let elapsed = 0;
    let attempts = 1;
    while (!afterFailedAttempt(new Date(0), attempts, new Date(elapsed), () => 0.5).giveUp) elapsed += retryDelayMs(attempts++, () => 0.5);
    assert.ok(attempts >= 28 && attempts <= 32, `${attempts} attempts`);
  });
});
