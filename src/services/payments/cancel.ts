import { planCancel, type CancelPlanError } from '../../domain/payments/cancel.ts';
import { newRowId } from '../../domain/ids.ts';
import { newPgRequestId } from '../../domain/payments/ids.ts';
import { statusAfterCancel, transition } from '../../domain/payments/status.ts';
import type { Cancellation, PgResult } from '../../pg/contract.ts';
import type { Executor } from '../../store/db.ts';
import { countSucceededCancellations, insertCancellation, settleCancellation, type CancellationRow } from '../../store/repositories/cancellations.ts';
import { adjustCancelAmounts, cancellableBalanceOf, lockPayment, lockPaymentRow, type PaymentRow } from '../../store/repositories/payments.ts';
import { insertPgCall, settlePgCall } from '../../store/repositories/pgCalls.ts';
import type { Deps } from '../deps.ts';
import { paymentError, type ServiceError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { enqueueV2Webhooks } from '../webhooks/outbox.ts';
import { channelById, connect } from './channels.ts';
import { crashAfterPgCallIfAsked } from './crash.ts';
import { paymentNotFound, pgDeclined, pgPending } from './errors.ts';
import { scheduleInquiry } from './inquiryQueue.ts';
import { recordJson } from './record.ts';

export interface CancelInput {
  paymentId: string;
  amount?: bigint;
  taxFreeAmount?: bigint;
  currentCancellableAmount?: bigint;
  reason: string;
  /** A deposited virtual account is refunded to this account (bank code, number, holder). */
  refundAccount?: { bankCode: string; accountNumber: string; holderName: string };
}

function planError(error: CancelPlanError): ServiceError {
  switch (error.kind) {
    case 'NOTHING_LEFT':
      return paymentError('PAYMENT_ALREADY_CANCELLED', { ko: '이미 전액 취소된 결제입니다.', en: 'The payment is already cancelled in full.' });
    case 'EXCEEDS':
      return paymentError('CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT', {
        ko: `취소 금액이 취소 가능 금액(${error.cancellable}원)을 초과합니다.`,
        en: `The cancel amount exceeds the cancellable amount (${error.cancellable} won).`,
      });
    case 'TAX_EXCEEDS':
      return paymentError('CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT', {
        ko: `과세 취소 금액이 취소 가능 과세 금액(${error.cancellableTaxable}원)을 초과합니다.`,
        en: `The taxable part of the cancel exceeds the cancellable taxable amount (${error.cancellableTaxable} won).`,
      });
    case 'TAX_FREE_EXCEEDS':
      return paymentError('CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT', {
        ko: `면세 취소 금액이 취소 가능 면세 금액(${error.cancellableTaxFree}원)을 초과합니다.`,
        en: `The tax-free cancel amount exceeds the cancellable tax-free amount (${error.cancellableTaxFree} won).`,
      });
    case 'CONSISTENCY_BROKEN':
      return paymentError('CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN', {
        ko: `취소 가능 금액이 일치하지 않습니다 (현재 ${error.cancellable}원).`,
        en: `currentCancellableAmount does not match the payment (it is ${error.cancellable} won).`,
      });
    case 'INVALID_AMOUNT':
      return paymentError('INVALID_REQUEST', { ko: '취소 금액이 올바르지 않습니다.', en: 'The cancel amount is invalid.' }, {}, 'amount');
  }
}

interface Reserved {
  payment: PaymentRow;
  cancellation: CancellationRow;
  callId: string;
  requestId: string;
}

/** Transaction 1: lock the payment, check the balance, reserve the amount, record the cancel and its call. */
async function reserve(deps: Deps, principal: ApiPrincipal, input: CancelInput): Promise<Reserved> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const payment = await lockPayment(tx, principal.storeId, input.paymentId);
    if (!payment) throw paymentNotFound(input.paymentId);
    if (payment.status === 'CANCELLED') {
      throw paymentError('PAYMENT_ALREADY_CANCELLED', { ko: '이미 취소된 결제입니다.', en: 'The payment is already cancelled.' });
    }
    if (payment.status !== 'PAID' && payment.status !== 'PARTIAL_CANCELLED') {
      throw paymentError('PAYMENT_NOT_PAID', { ko: '결제 완료 상태가 아닙니다.', en: `The payment is not paid (it is ${payment.status}).` });
    }
    if (payment.method === 'VIRTUAL_ACCOUNT' && !input.refundAccount) {
      throw paymentError(
        'INVALID_REQUEST',
        { ko: '가상계좌 결제의 환불에는 환불 계좌가 필요합니다.', en: 'Refunding a virtual account payment needs a refund account.' },
        {},
        'refundAccount',
      );
    }
    if (payment.reservedCancelAmount > 0n) {
      // Cancel rounds reach the PG in order, so one cancel of a payment is in flight at a time.
      throw paymentError('CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN', {
        ko: '이 결제의 다른 취소가 진행 중입니다. 완료된 뒤 다시 시도해 주세요.',
        en: 'Another cancellation of this payment is in progress; retry when it has settled.',
      });
    }
    const plan = planCancel(
      cancellableBalanceOf(payment),
      input,
    );
    if (!plan.ok) throw planError(plan.error);
    const cancellation: CancellationRow = {
      id: newRowId(),
      storeId: principal.storeId,
      paymentRowId: payment.id,
      status: 'REQUESTED',
      totalAmount: plan.plan.amount,
      taxFreeAmount: plan.plan.taxFreeAmount,
      reason: input.reason,
      sequence: (await countSucceededCancellations(tx, payment.id)) + 1,
      trigger: 'API',
      pgCancellationId: null,
      requestedAt: now,
      cancelledAt: null,
    };
    await insertCancellation(tx, cancellation);
    const reserved = await adjustCancelAmounts(tx, payment.id, {
      reserved: plan.plan.amount,
      reservedTaxFree: plan.plan.taxFreeAmount,
      cancelled: 0n,
      cancelledTaxFree: 0n,
    });
    const callId = newRowId();
    const requestId = newPgRequestId();
    await insertPgCall(tx, {
      id: callId,
      storeId: principal.storeId,
      paymentRowId: payment.id,
      channelId: payment.channelId!,
      operation: 'cancel',
      requestId,
      amount: plan.plan.amount,
      cancellationId: cancellation.id,
      status: 'PENDING',
      startedAt: now,
    });
    return { payment: reserved, cancellation, callId, requestId };
  });
}

/** Makes a reserved cancel final: the money moves from reserved to cancelled, the status follows, a webhook goes out. */
export async function completeCancellation(tx: Executor, cancellationId: string, pgCancellationId: string, at: Date): Promise<PaymentRow | undefined> {
  const settled = await settleCancellation(tx, cancellationId, { status: 'SUCCEEDED', pgCancellationId, cancelledAt: at });
  if (!settled) return undefined;
  const before = await adjustCancelAmounts(tx, settled.paymentRowId, { reserved: 0n, reservedTaxFree: 0n, cancelled: 0n, cancelledTaxFree: 0n });
  const status = transition(before.status, statusAfterCancel(before.totalAmount, before.cancelledAmount + settled.totalAmount));
  const payment = await adjustCancelAmounts(
    tx,
    settled.paymentRowId,
    { reserved: -settled.totalAmount, reservedTaxFree: -settled.taxFreeAmount, cancelled: settled.totalAmount, cancelledTaxFree: settled.taxFreeAmount },
    { status, updatedAt: at, statusChangedAt: at, cancelledAt: at },
  );
  await enqueueV2Webhooks(tx, {
    storeId: payment.storeId,
    type: status === 'CANCELLED' ? 'Transaction.Cancelled' : 'Transaction.PartialCancelled',
    data: { paymentId: payment.paymentId, transactionId: payment.transactionId, cancellationId: settled.id },
    noticeUrls: payment.noticeUrls ?? [],
    at,
  });
  return payment;
}

/** The PG's word that a reserved cancel did not happen: the reservation is released. */
export async function failCancellation(tx: Executor, cancellationId: string): Promise<void> {
  const settled = await settleCancellation(tx, cancellationId, { status: 'FAILED' });
  if (!settled) return;
  await adjustCancelAmounts(tx, settled.paymentRowId, {
    reserved: -settled.totalAmount,
    reservedTaxFree: -settled.taxFreeAmount,
    cancelled: 0n,
    cancelledTaxFree: 0n,
  });
}

/** Full or partial cancel: reserve (tx1) → PG cancel outside any transaction → settle (tx2). */
export async function cancelPayment(deps: Deps, principal: ApiPrincipal, input: CancelInput): Promise<CancellationRow> {
  const reserved = await reserve(deps, principal, input);
  const channel = await channelById(deps.db, reserved.payment.channelId!);
  const { connector, credentials } = connect(deps, channel);
  const common = {
    requestId: reserved.requestId,
    pgTxId: reserved.payment.pgTxId ?? '',
    amount: reserved.cancellation.totalAmount,
    cancelSequence: reserved.cancellation.sequence,
    reason: input.reason,
    ...(reserved.cancellation.taxFreeAmount > 0n ? { taxFreeAmount: reserved.cancellation.taxFreeAmount } : {}),
  };
  // A deposited virtual account is refunded to the buyer's account; a card payment is cancelled.
  const result: PgResult<Cancellation> =
    reserved.payment.method === 'VIRTUAL_ACCOUNT' && input.refundAccount
      ? await connector.refundVirtualAccount(credentials, {
          ...common,
          refundBankCode: input.refundAccount.bankCode,
          refundAccountNumber: input.refundAccount.accountNumber,
          refundAccountHolder: input.refundAccount.holderName,
        })
      : // A bank transfer is cancelled like a card payment, with the transfer's method (Hecto: RA/C0).
        await connector.cancel(credentials, { ...common, paymentMethod: reserved.payment.method === 'TRANSFER' ? 'TRANSFER' : 'CARD' });
  crashAfterPgCallIfAsked();
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await lockPaymentRow(tx, reserved.payment.id); // lock order: payment, then its PG call
    const final = result.outcome !== 'unknown';
    const call = await settlePgCall(tx, reserved.callId, { outcome: result.outcome, record: recordJson(result.record), at, final });
    if (!call) return;
    if (result.outcome === 'approved') await completeCancellation(tx, reserved.cancellation.id, result.pgTxId, at);
    if (result.outcome === 'declined') await failCancellation(tx, reserved.cancellation.id);
  });
  if (result.outcome === 'declined') throw pgDeclined(result);
  if (result.outcome === 'unknown') {
    await scheduleInquiry(deps, reserved.callId);
    throw pgPending(result);
  }
  return { ...reserved.cancellation, status: 'SUCCEEDED', pgCancellationId: result.pgTxId, cancelledAt: at };
}
