import { newRowId } from '../../domain/ids.ts';
import { cancellableAmount, defaultTaxFreePart } from '../../domain/payments/cancel.ts';
import { statusAfterCancel, transition } from '../../domain/payments/status.ts';
import type { Executor } from '../../store/db.ts';
import { countSucceededCancellations, findCancellationByPgId, findRequestedCancellation, insertCancellation } from '../../store/repositories/cancellations.ts';
import { adjustCancelAmounts, cancellableBalanceOf, findPaymentByRowId } from '../../store/repositories/payments.ts';
import { completeCancellation } from './cancel.ts';

/**
 * A cancel the PG reports on its own (a notice, or an inquiry): e.g. Hecto's testbed cancels every
 * test payment of the day between 23:00 and 23:50. Recorded as a PG-triggered cancellation with a
 * reason saying so, unless it is a cancel paymux already knows (its id) or has in flight (then
 * that one is completed). Idempotent.
 */
export async function applyPgCancel(
  tx: Executor,
  paymentRowId: string,
  cancel: { pgCancellationId: string; amount: bigint; reason: string },
  at: Date,
): Promise<'applied' | 'known' | 'ignored'> {
  if (await findCancellationByPgId(tx, paymentRowId, cancel.pgCancellationId)) return 'known';
  const inFlight = await findRequestedCancellation(tx, paymentRowId);
  if (inFlight && inFlight.totalAmount === cancel.amount) {
    await completeCancellation(tx, inFlight.id, cancel.pgCancellationId, at);
    return 'applied';
  }
  const payment = await findPaymentByRowId(tx, paymentRowId);
  if (!payment || (payment.status !== 'PAID' && payment.status !== 'PARTIAL_CANCELLED')) return 'ignored';
  const balance = cancellableBalanceOf(payment);
  const left = cancellableAmount(balance);
  const amount = cancel.amount > left ? left : cancel.amount;
  if (amount <= 0n) return 'ignored';
  // The PG's notice does not say how much of it was tax-free: taxable first (a cancel of all that is
  // left, like the nightly one, takes all the tax-free part left).
  const taxFreeAmount = defaultTaxFreePart(balance, amount);
  transition(payment.status, statusAfterCancel(payment.totalAmount, payment.cancelledAmount + amount));
  const id = newRowId();
  await insertCancellation(tx, {
    id,
    storeId: payment.storeId,
    paymentRowId,
    status: 'REQUESTED',
    totalAmount: amount,
    taxFreeAmount,
    reason: cancel.reason,
    sequence: (await countSucceededCancellations(tx, paymentRowId)) + 1,
    trigger: 'PG',
    requestedAt: at,
  });
  // Reserve, then complete in the same transaction: the same bookkeeping as an API cancel.
  await adjustCancelAmounts(tx, paymentRowId, { reserved: amount, reservedTaxFree: taxFreeAmount, cancelled: 0n, cancelledTaxFree: 0n });
  await completeCancellation(tx, id, cancel.pgCancellationId, at);
  return 'applied';
}

export const pgCancelReason = (isTest: boolean): string =>
  isTest
    ? 'PG사 테스트 결제 자동 취소 (Cancelled by the PG: the testbed cancels test payments every night)'
    : 'PG사에서 취소됨 (Cancelled at the PG)';
