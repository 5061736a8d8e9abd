import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testAutoCancelOf } from '../../src/domain/payments/testAutoCancel.ts';

const paid = (paidAt: string) => ({ isTest: true, method: 'CARD' as const, status: 'PAID', paidAt: new Date(paidAt) });

describe("Hecto test mode's nightly auto-cancel window", () => {
  it('is 23:00–23:50 Korean time of the day the payment was paid', () => {
    const window = testAutoCancelOf(paid('2025-03-03T10:15:00+09:00'), new Date('2025-03-03T12:00:00+09:00'))!;
    assert.equal(window.date, '2025-03-03');
    assert.equal(window.from.toISOString(), '2025-03-03T14:00:00.000Z');
    assert.equal(window.until.toISOString(), '2025-03-03T14:50:00.000Z');
    assert.equal(window.today, true);
    assert.equal(window.overdue, false);
  });

  it('takes the Korean day, not the UTC one (00:30 KST is the previous UTC day)', () => {
    const window = testAutoCancelOf(paid('2025-03-04T00:30:00+09:00'), new Date('2025-03-04T01:00:00+09:00'))!;
    assert.equal(window.date, '2025-03-04');
    assert.equal(window.today, true);
  });

  it('is overdue once 23:50 has passed with money left, and not "today" any more', () => {
    const window = testAutoCancelOf({ ...paid('2025-03-03T10:15:00+09:00'), status: 'PARTIAL_CANCELLED' }, new Date('2025-03-03T23:50:00+09:00'))!;
    assert.equal(window.overdue, true);
    assert.equal(window.today, false);
  });

  it('does not apply to LIVE payments, virtual accounts, or payments with nothing left', () => {
    const now = new Date('2025-03-03T12:00:00+09:00');
    assert.equal(testAutoCancelOf({ ...paid('2025-03-03T10:00:00+09:00'), isTest: false }, now), undefined);
    assert.equal(testAutoCancelOf({ ...paid('2025-03-03T10:00:00+09:00'), method: 'VIRTUAL_ACCOUNT' }, now), undefined);
    assert.equal(testAutoCancelOf({ ...paid('2025-03-03T10:00:00+09:00'), status: 'CANCELLED' }, now), undefined);
    assert.equal(testAutoCancelOf({ isTest: true, method: 'CARD', status: 'PAY_PENDING', paidAt: null }, now), undefined);
  });
});
