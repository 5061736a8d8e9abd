import type { Won } from './money.ts';

/** A payment's money as far as cancelling goes. `reserved` is held by cancels in flight. */
export interface CancellableBalance {
  readonly paid: Won;
  readonly taxFree: Won;
  readonly cancelled: Won;
  readonly cancelledTaxFree: Won;
  readonly reserved: Won;
  readonly reservedTaxFree: Won;
}

export interface CancelRequest {
  /** Absent: everything still cancellable. */
  readonly amount?: Won;
  readonly taxFreeAmount?: Won;
  /** The merchant's idea of the balance, checked against ours (PortOne's consistency guard). */
  readonly currentCancellableAmount?: Won;
}

export type CancelPlanError =
  | { readonly kind: 'NOTHING_LEFT' }
  | { readonly kind: 'EXCEEDS'; readonly cancellable: Won }
  | { readonly kind: 'TAX_FREE_EXCEEDS'; readonly cancellableTaxFree: Won }
  | { readonly kind: 'TAX_EXCEEDS'; readonly cancellableTaxable: Won }
  | { readonly kind: 'CONSISTENCY_BROKEN'; readonly cancellable: Won }
  | { readonly kind: 'INVALID_AMOUNT' };

export interface CancelPlan {
  readonly amount: Won;
  readonly taxFreeAmount: Won;
  /** True when this cancel leaves nothing. */
  readonly full: boolean;
}

export const cancellableAmount = (b: CancellableBalance): Won => b.paid - b.cancelled - b.reserved;
export const cancellableTaxFree = (b: CancellableBalance): Won => b.taxFree - b.cancelledTaxFree - b.reservedTaxFree;

/**
 * The tax-free part of a cancel of `amount` when nobody says what it is (PortOne's default "all
 * taxable", and cancels the PG reports on its own): taxable first, and tax-free only for what the
 * taxable balance cannot cover, so the taxable part left never goes negative. A cancel of
 * everything left therefore takes all the tax-free balance left.
 */
export function defaultTaxFreePart(balance: CancellableBalance, amount: Won): Won {
  const taxableLeft = cancellableAmount(balance) - cancellableTaxFree(balance);
  const needed = amount - taxableLeft;
  return needed > 0n ? needed : 0n;
}

/**
 * What a cancel request amounts to, or why it is refused. The amount defaults to everything still
 * cancellable; the tax-free part to `defaultTaxFreePart` (so a full cancel takes all the tax-free
 * part left, a partial one none unless the taxable part left is too small). A tax-free part asked
 * for must fit in both the tax-free balance and the amount, and leave a taxable part the taxable
 * balance covers.
 */
export function planCancel(balance: CancellableBalance, request: CancelRequest): { ok: true; plan: CancelPlan } | { ok: false; error: CancelPlanError } {
  const cancellable = cancellableAmount(balance);
  const cancellableTf = cancellableTaxFree(balance);
  if (request.currentCancellableAmount !== undefined && request.currentCancellableAmount !== cancellable) {
    return { ok: false, error: { kind: 'CONSISTENCY_BROKEN', cancellable } };
  }
  if (cancellable <= 0n) return { ok: false, error: { kind: 'NOTHING_LEFT' } };
  const amount = request.amount ?? cancellable;
  if (amount <= 0n) return { ok: false, error: { kind: 'INVALID_AMOUNT' } };
  if (amount > cancellable) return { ok: false, error: { kind: 'EXCEEDS', cancellable } };
  const full = amount === cancellable;
  const taxFreeAmount = request.taxFreeAmount ?? defaultTaxFreePart(balance, amount);
  if (taxFreeAmount < 0n || taxFreeAmount > amount) return { ok: false, error: { kind: 'INVALID_AMOUNT' } };
  if (taxFreeAmount > cancellableTf) return { ok: false, error: { kind: 'TAX_FREE_EXCEEDS', cancellableTaxFree: cancellableTf } };
  const cancellableTaxable = cancellable - cancellableTf;
  if (amount - taxFreeAmount > cancellableTaxable) return { ok: false, error: { kind: 'TAX_EXCEEDS', cancellableTaxable } };
  return { ok: true, plan: { amount, taxFreeAmount, full } };
}
