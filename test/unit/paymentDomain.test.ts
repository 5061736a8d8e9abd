import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultTaxFreePart, planCancel } from '../../src/domain/payments/cancel.ts';
import { maskCardNumber } from '../../src/domain/payments/card.ts';
import { IllegalTransitionError, canTransition, chargeRefusal, paymentStatuses, statusAfterCancel, transition } from '../../src/domain/payments/status.ts';
import { isAfterNightlyTestCancel, kstDayBounds } from '../../src/domain/kstDay.ts';

const balance = { paid: 10_000n, taxFree: 1_000n, cancelled: 0n, cancelledTaxFree: 0n, reserved: 0n, reservedTaxFree: 0n };

describe('payment state machine', () => {
  it('allows the documented transitions and refuses every other', () => {
    assert.equal(transition('PAY_PENDING', 'PAID'), 'PAID');
    assert.equal(transition('PAID', 'PARTIAL_CANCELLED'), 'PARTIAL_CANCELLED');
    assert.throws(() => transition('CANCELLED', 'PAID'), IllegalTransitionError);
    assert.throws(() => transition('PAID', 'FAILED'), IllegalTransitionError);
    assert.throws(() => transition('READY', 'PAID'), IllegalTransitionError);
    for (const to of paymentStatuses) assert.equal(canTransition('CANCELLED', to), false);
  });
  it('names why a payment id cannot be charged again', () => {
    assert.equal(chargeRefusal('PAID'), 'ALREADY_PAID');
    assert.equal(chargeRefusal('PAY_PENDING'), 'ALREADY_PAID_OR_WAITING');
    assert.equal(chargeRefusal('VIRTUAL_ACCOUNT_ISSUED'), 'ALREADY_PAID_OR_WAITING');
    assert.equal(chargeRefusal('READY'), undefined);
    assert.equal(chargeRefusal('FAILED'), undefined);
  });
  it('is CANCELLED only when everything is cancelled', () => {
    assert.equal(statusAfterCancel(100n, 99n), 'PARTIAL_CANCELLED');
    assert.equal(statusAfterCancel(100n, 100n), 'CANCELLED');
  });
});

describe('cancel arithmetic', () => {
  it('takes everything left, tax-free part included, for a full cancel', () => {
    assert.deepEqual(planCancel(balance, {}), { ok: true, plan: { amount: 10_000n, taxFreeAmount: 1_000n, full: true } });
  });
  it('refuses more than the cancellable amount, counting reservations', () => {
    const r = planCancel({ ...balance, cancelled: 3_000n, reserved: 2_000n }, { amount: 5_001n });
    assert.deepEqual(r, { ok: false, error: { kind: 'EXCEEDS', cancellable: 5_000n } });
  });
  it('checks the merchant’s currentCancellableAmount', () => {
    assert.deepEqual(planCancel(balance, { amount: 1n, currentCancellableAmount: 9_999n }), { ok: false, error: { kind: 'CONSISTENCY_BROKEN', cancellable: 10_000n } });
  });
  it('refuses a tax-free part beyond what is left', () => {
    assert.equal(planCancel(balance, { amount: 5_000n, taxFreeAmount: 1_001n }).ok, false);
  });
  it('makes a partial cancel without a tax-free part taxable, as far as the taxable balance goes', () => {
    assert.deepEqual(planCancel(balance, { amount: 4_000n }), { ok: true, plan: { amount: 4_000n, taxFreeAmount: 0n, full: false } });
    // 9,000 taxable: the last 500 of a 9,500 cancel must be tax-free.
    assert.deepEqual(planCancel(balance, { amount: 9_500n }), { ok: true, plan: { amount: 9_500n, taxFreeAmount: 500n, full: false } });
    assert.equal(defaultTaxFreePart({ ...balance, cancelled: 9_000n }, 1_000n), 1_000n);
  });
  it('refuses a taxable part beyond the taxable balance', () => {
    assert.deepEqual(planCancel(balance, { amount: 9_500n, taxFreeAmount: 0n }), { ok: false, error: { kind: 'TAX_EXCEEDS', cancellableTaxable: 9_000n } });
    assert.deepEqual(planCancel(balance, { taxFreeAmount: 0n }), { ok: false, error: { kind: 'TAX_EXCEEDS', cancellableTaxable: 9_000n } });
  });
  it('has nothing left after a full cancel', () => {
    assert.deepEqual(planCancel({ ...balance, cancelled: 10_000n }, {}), { ok: false, error: { kind: 'NOTHING_LEFT' } });
  });
});

describe('cards and Korean days', () => {
  it('masks all but the first 6 and last 4 digits', () => assert.equal(maskCardNumber('1111222233334444'), '111122******4444'));
  it('bounds the Korean day and knows when the nightly test cancel has run', () => {
    const { start } = kstDayBounds(new Date('2025-03-01T15:30:00Z'));
    assert.equal(start.toISOString(), '2025-03-01T15:00:00.000Z');
    assert.equal(isAfterNightlyTestCancel(new Date('2025-03-01T14:51:00Z')), true);
    assert.equal(isAfterNightlyTestCancel(new Date('2025-03-01T14:49:00Z')), false);
  });
});
