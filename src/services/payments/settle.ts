import { transition } from '../../domain/payments/status.ts';
import type { CardApproval, InquiryResult, PgDeclined, VirtualAccountIssued } from '../../pg/contract.ts';
import type { Executor } from '../../store/db.ts';
import { updatePaymentIf, type PaymentRow } from '../../store/repositories/payments.ts';
import type { ChannelRow } from '../../store/repositories/channels.ts';
import { bankOfCode } from '../../domain/banks.ts';
import { enqueueV2Webhooks } from '../webhooks/outbox.ts';

/**
 * Transaction 2 of a charge: the state-machine transition and its webhook, in the caller's
 * transaction. Each answers the updated row, or undefined when the payment was no longer
 * pending on this attempt (someone else settled it: nothing happens twice).
 */
const txEvent = (payment: PaymentRow, at: Date) => ({
  storeId: payment.storeId,
  data: { paymentId: payment.paymentId, transactionId: payment.transactionId },
  noticeUrls: payment.noticeUrls ?? [],
  at,
});

export async function settlePaid(tx: Executor, payment: PaymentRow, approval: Pick<CardApproval, 'pgTxId'> & Partial<CardApproval>, at: Date) {
  const status = transition(payment.status, 'PAID');
  const methodDetail = approval.card
    ? {
        card: approval.card,
        ...(approval.approvalNumber ? { approvalNumber: approval.approvalNumber } : {}),
        installmentMonths: approval.installmentMonths ?? 0,
      }
    : (payment.methodDetail ?? null);
  const updated = await updatePaymentIf(
    tx,
    payment.id,
    { from: ['PAY_PENDING', 'VIRTUAL_ACCOUNT_ISSUED'], transactionId: payment.transactionId },
    { status, pgTxId: approval.pgTxId || payment.pgTxId, methodDetail, paidAt: at, updatedAt: at, statusChangedAt: at },
  );
  if (updated) await enqueueV2Webhooks(tx, { ...txEvent(updated, at), type: 'Transaction.Paid' });
  return updated;
}

export async function settleFailed(tx: Executor, payment: PaymentRow, failure: { reason: string; pgCode?: string; pgMessage?: string }, at: Date) {
  const status = transition(payment.status, 'FAILED');
  const updated = await updatePaymentIf(
    tx,
    payment.id,
    { from: ['PAY_PENDING', 'VIRTUAL_ACCOUNT_ISSUED'], transactionId: payment.transactionId },
    { status, failure, failedAt: at, updatedAt: at, statusChangedAt: at },
  );
  if (updated) await enqueueV2Webhooks(tx, { ...txEvent(updated, at), type: 'Transaction.Failed' });
  return updated;
}

export const failureOfDecline = (declined: PgDeclined) => ({ reason: declined.messageKo, pgCode: declined.code, pgMessage: declined.message });

export async function settleVirtualAccountIssued(
  tx: Executor,
  payment: PaymentRow,
  issued: VirtualAccountIssued,
  extra: { remitteeName?: string; accountType: 'NORMAL' | 'FIXED' },
  at: Date,
) {
  const status = transition(payment.status, 'VIRTUAL_ACCOUNT_ISSUED');
  const methodDetail = {
    virtualAccount: {
      bank: bankOfCode(issued.bankCode) ?? issued.bankCode,
      accountNumber: issued.accountNumber,
      accountType: extra.accountType,
      ...(extra.remitteeName ? { remitteeName: extra.remitteeName } : {}),
      ...(issued.dueAt ? { expiredAt: issued.dueAt.toISOString() } : {}),
      issuedAt: at.toISOString(),
    },
  };
  const updated = await updatePaymentIf(
    tx,
    payment.id,
    { from: ['PAY_PENDING'], transactionId: payment.transactionId },
    { status, pgTxId: issued.pgTxId, methodDetail, updatedAt: at, statusChangedAt: at },
  );
  if (updated) await enqueueV2Webhooks(tx, { ...txEvent(updated, at), type: 'Transaction.VirtualAccountIssued' });
  return updated;
}

/** An inquiry's answer about a charge whose outcome was unknown. */
export async function settleByInquiry(tx: Executor, payment: PaymentRow, result: InquiryResult, at: Date): Promise<'PAID' | 'FAILED' | 'UNSETTLED'> {
  switch (result.state) {
    case 'PAID':
    case 'PARTIAL_CANCELLED':
    case 'CANCELLED':
      // Approved at the PG. A later cancel (the testbed's nightly one) is reconciled by the nightly sync.
      await settlePaid(tx, payment, { pgTxId: result.pgTxId ?? '' }, at);
      return 'PAID';
    case 'FAILED':
    case 'NOT_FOUND':
      // The PG's word that nothing was charged.
      await settleFailed(tx, payment, { reason: result.state === 'NOT_FOUND' ? 'PG has no such transaction (inquiry)' : 'PG reports failure (inquiry)' }, at);
      return 'FAILED';
    case 'WAITING_FOR_DEPOSIT':
      return 'UNSETTLED';
  }
}

export type { ChannelRow };
