import { transition } from '../../domain/payments/status.ts';
import { findPayment, findPaymentByRowId, updatePaymentIf } from '../../store/repositories/payments.ts';
import type { Deps } from '../deps.ts';
import { paymentError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { enqueueV2Webhooks } from '../webhooks/outbox.ts';
import { connect } from './channels.ts';
import { paymentNotFound, pgDeclined, pgPending } from './errors.ts';

const notWaiting = () =>
  paymentError('PAYMENT_NOT_WAITING_FOR_DEPOSIT', { ko: '입금 대기 중인 가상계좌가 아닙니다.', en: 'The payment is not waiting for a deposit.' });

/**
 * Closes an issued virtual account at the PG, then (only on its yes) cancels the payment. A
 * deposit that arrives first makes the PG refuse, and the payment stays as the deposit left it.
 */
export async function closeVirtualAccount(deps: Deps, principal: ApiPrincipal, paymentId: string): Promise<Date> {
  const found = await findPayment(deps.db, principal.storeId, paymentId);
  if (!found) throw paymentNotFound(paymentId);
  const { payment, channel } = found;
  const account = payment.methodDetail?.virtualAccount as { accountNumber?: string } | undefined;
  if (payment.status !== 'VIRTUAL_ACCOUNT_ISSUED' || !channel || !account?.accountNumber) throw notWaiting();
  const { connector, credentials } = connect(deps, channel);
  const result = await connector.cancelVirtualAccountIssue(credentials, { pgTxId: payment.pgTxId ?? '', accountNumber: account.accountNumber });
  if (result.outcome === 'declined') throw pgDeclined(result);
  if (result.outcome === 'unknown') throw pgPending(result);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const status = transition(payment.status, 'CANCELLED');
    const closed = await updatePaymentIf(tx, payment.id, { from: ['VIRTUAL_ACCOUNT_ISSUED'] }, { status, cancelledAt: at, updatedAt: at, statusChangedAt: at });
    if (!closed) {
      // The PG said yes to this close; its notice of the same close can land before its reply and
      // cancel the payment first (with the webhook). Then the close is done, not refused.
      const now = await findPaymentByRowId(tx, payment.id);
      if (now?.status === 'CANCELLED' && now.cancelledAt) return now.cancelledAt;
      throw notWaiting();
    }
    await enqueueV2Webhooks(tx, {
      storeId: payment.storeId,
      type: 'Transaction.Cancelled',
      data: { paymentId: payment.paymentId, transactionId: payment.transactionId },
      noticeUrls: payment.noticeUrls ?? [],
      at,
    });
    return at;
  });
}
