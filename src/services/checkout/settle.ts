import { bankOfCode } from '../../domain/banks.ts';
import { transition } from '../../domain/payments/status.ts';
import type { CardInfo, PgNotification } from '../../pg/contract.ts';
import type { Executor } from '../../store/db.ts';
import { PAYMENT_WINDOW_OPERATION, findWindowAttempt, updateWindowCall } from '../../store/repositories/checkout.ts';
import { lockPaymentRow, updatePaymentIf, type PaymentRow } from '../../store/repositories/payments.ts';
import type { PgCallRow } from '../../store/repositories/pgCalls.ts';
import type { Deps } from '../deps.ts';
import { channelById, connect } from '../payments/channels.ts';
import { settleFailed, settlePaid, settleVirtualAccountIssued } from '../payments/settle.ts';
import { checkoutErrors } from './errors.ts';
import { recordOf, sessionOf, type WindowSession } from './session.ts';

/** What the PG said (by a verified notification or an inquiry) about one window attempt. */
export type WindowOutcome =
  | { kind: 'PAID'; pgTxId: string; card?: CardInfo & { approvalNumber?: string; installmentMonths?: number }; transfer?: { bankCode?: string; bankName?: string } }
  | { kind: 'VIRTUAL_ACCOUNT_ISSUED'; pgTxId: string; bankCode: string; accountNumber: string; dueAt?: Date; depositorName?: string }
  | { kind: 'FAILED'; reason: string; pgCode?: string; pgMessage?: string };

export const USER_CANCELLED = { ko: '사용자가 결제를 취소하였습니다', en: 'The buyer cancelled the payment' };

/**
 * Applies the PG's word about a window attempt, in the caller's transaction. The payment sat READY
 * (or FAILED, when this is a retry) while the buyer was in the window; it moves through
 * PAY_PENDING to its end state via the state machine, with the webhook of that state. An attempt
 * that another one superseded still settles the payment when nothing else has (money the PG took
 * is never ignored). Answers whether anything changed.
 */
export async function settleWindowAttempt(tx: Executor, call: PgCallRow, payment: PaymentRow, outcome: WindowOutcome, at: Date): Promise<boolean> {
  if (payment.status === 'PAID' && payment.transactionId === call.id && outcome.kind === 'PAID' && (outcome.card || outcome.transfer) && !payment.methodDetail) {
    // Settled by an inquiry first; the later notice brings the card's (or the bank's) details.
    const methodDetail = outcome.card ? cardDetail(outcome.card) : transferDetail(outcome.transfer ?? {});
    await updatePaymentIf(tx, payment.id, { from: ['PAID'], transactionId: call.id }, { methodDetail, updatedAt: at });
    return true;
  }
  if (payment.status !== 'READY' && payment.status !== 'FAILED' && !(payment.status === 'PAY_PENDING' && payment.transactionId === call.id)) return false;
  if (outcome.kind === 'FAILED' && payment.transactionId !== call.id) return false; // a superseded attempt's failure changes nothing
  const pending =
    payment.status === 'PAY_PENDING'
      ? payment
      : await updatePaymentIf(
          tx,
          payment.id,
          { from: [payment.status] },
          { status: transition(payment.status, 'PAY_PENDING'), transactionId: call.id, updatedAt: at, statusChangedAt: at },
        );
  if (!pending) return false;
  let settled: PaymentRow | undefined;
  if (outcome.kind === 'PAID') {
    const transfer = outcome.transfer ? transferDetail(outcome.transfer) : null;
    settled = await settlePaid(tx, { ...pending, methodDetail: transfer }, { pgTxId: outcome.pgTxId, ...(outcome.card ? cardApproval(outcome.card) : {}) }, at);
  } else if (outcome.kind === 'VIRTUAL_ACCOUNT_ISSUED') {
    settled = await settleVirtualAccountIssued(
      tx,
      pending,
      { pgTxId: outcome.pgTxId, requestId: call.requestId, bankCode: outcome.bankCode, accountNumber: outcome.accountNumber, amount: payment.totalAmount, ...(outcome.dueAt ? { dueAt: outcome.dueAt } : {}) },
      { accountType: 'NORMAL', ...(outcome.depositorName ? { remitteeName: outcome.depositorName } : {}) },
      at,
    );
  } else {
    settled = await settleFailed(tx, pending, { reason: outcome.reason, ...(outcome.pgCode ? { pgCode: outcome.pgCode } : {}), ...(outcome.pgMessage ? { pgMessage: outcome.pgMessage } : {}) }, at);
  }
  await updateWindowCall(tx, call.id, { outcome: outcome.kind === 'FAILED' ? 'declined' : 'approved', settledAt: at, pending: false });
  return settled !== undefined;
}

/** An account transfer's method detail: the buyer's bank, as PortOne's Bank enum when known. */
const transferDetail = (transfer: { bankCode?: string; bankName?: string }) => {
  const bank = transfer.bankCode ? bankOfCode(transfer.bankCode) : undefined;
  return { transfer: { ...(bank ? { bank } : {}), ...(transfer.bankName ? { bankName: transfer.bankName } : {}) } };
};

const cardDetail = (card: NonNullable<Extract<WindowOutcome, { kind: 'PAID' }>['card']>) => ({
  card: { ...(card.maskedNumber ? { maskedNumber: card.maskedNumber } : {}), ...(card.issuerCode ? { issuerCode: card.issuerCode } : {}), ...(card.issuerName ? { issuerName: card.issuerName } : {}) },
  ...(card.approvalNumber ? { approvalNumber: card.approvalNumber } : {}),
  installmentMonths: card.installmentMonths ?? 0,
});

const cardApproval = (card: NonNullable<Extract<WindowOutcome, { kind: 'PAID' }>['card']>) => ({
  card: cardDetail(card).card,
  ...(card.approvalNumber ? { approvalNumber: card.approvalNumber } : {}),
  installmentMonths: card.installmentMonths ?? 0,
});

/**
 * The hook the payments notification pipeline calls for a verified notice about a window attempt
 * (already recorded once per event). Approvals, issued accounts and failures of the window are
 * applied here; anything else (cancels, deposits) answers false and takes the common path.
 */
export async function applyWindowNotification(tx: Executor, call: PgCallRow, payment: PaymentRow, notification: PgNotification, at: Date): Promise<boolean> {
  if (call.operation !== PAYMENT_WINDOW_OPERATION) return false;
  switch (notification.kind) {
    case 'PAID':
      await settleWindowAttempt(
        tx,
        call,
        payment,
        { kind: 'PAID', pgTxId: notification.pgTxId, ...(notification.card ? { card: notification.card } : {}), ...(notification.transfer ? { transfer: notification.transfer } : {}) },
        at,
      );
      return true;
    case 'VIRTUAL_ACCOUNT_ISSUED': {
      const account = notification.virtualAccount;
      if (!account?.accountNumber || !account.bankCode) return true; // nothing to show the buyer; the inquiry path settles it
      await settleWindowAttempt(
        tx,
        call,
        payment,
        {
          kind: 'VIRTUAL_ACCOUNT_ISSUED',
          pgTxId: notification.pgTxId,
          bankCode: account.bankCode,
          accountNumber: account.accountNumber,
          ...(account.dueAt ? { dueAt: account.dueAt } : {}),
          ...(account.depositorName ? { depositorName: account.depositorName } : {}),
        },
        at,
      );
      return true;
    }
    case 'FAILED':
      await settleWindowAttempt(tx, call, payment, { kind: 'FAILED', reason: 'PG reports failure (notification)' }, at);
      return true;
    default:
      return false;
  }
}

export type WindowEnd = 'RETURNED' | 'CANCELLED' | 'ABANDONED';

/**
 * The buyer is back from the window (nextUrl), closed it (cancUrl), or closed the popup
 * (abandoned). The browser's word is a hint only: unless a notification has settled the attempt
 * already, paymux asks the PG (inquiry) before answering. A payment the PG does not know is marked
 * FAILED only when the buyer cancelled or the window reported a failure; a success the PG cannot
 * confirm is left open for the notification or the recovery sweep.
 */
export async function finishWindow(deps: Deps, txId: string, end: WindowEnd, rawReturn: string): Promise<void> {
  const attempt = await findWindowAttempt(deps.db, txId);
  const session = sessionOf(attempt?.call.record ?? null);
  if (!attempt || !session) throw checkoutErrors.attemptNotFound();
  const channel = await channelById(deps.db, attempt.call.channelId);
  const { connector, credentials } = connect(deps, channel);
  const hint = end === 'ABANDONED' ? ({ claims: 'cancelled' } as const) : connector.parseWindowReturn(rawReturn);
  const claims = end === 'CANCELLED' ? 'cancelled' : hint.claims;
  const returned: WindowSession['returned'] = {
    claims,
    ...(hint.code ? { code: hint.code } : {}),
    ...(hint.messageKo || hint.message ? { message: session.locale === 'en' ? (hint.messageEn ?? hint.message) : (hint.messageKo ?? hint.message) } : {}),
  };
  await updateWindowCall(deps.db, txId, { record: recordOf({ ...session, returned }) });
  if (attempt.call.outcome === 'approved' || attempt.call.outcome === 'declined') return; // the notification came first

  const inquiry = await connector.inquire(credentials, {
    paymentMethod: session.method,
    originalRequestId: attempt.call.requestId,
    originalRequestedAt: attempt.call.startedAt,
    originalAmount: attempt.payment.totalAmount,
  });
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const payment = await lockPaymentRow(tx, attempt.payment.id);
    if (!payment) return;
    if (inquiry.outcome !== 'approved') {
      // The PG did not answer clearly. A claimed card success waits as PAY_PENDING for the sweep's inquiry.
      if (claims === 'success' && session.method !== 'VIRTUAL_ACCOUNT' && payment.transactionId === txId && (payment.status === 'READY' || payment.status === 'FAILED')) {
        await updatePaymentIf(tx, payment.id, { from: [payment.status], transactionId: txId }, { status: transition(payment.status, 'PAY_PENDING'), updatedAt: at, statusChangedAt: at });
        await updateWindowCall(tx, txId, { outcome: 'unknown', pending: true });
      }
      return;
    }
    switch (inquiry.state) {
      case 'PAID':
      case 'PARTIAL_CANCELLED':
      case 'CANCELLED':
        await settleWindowAttempt(tx, attempt.call, payment, { kind: 'PAID', pgTxId: inquiry.pgTxId ?? '' }, at);
        return;
      case 'FAILED':
        await settleWindowAttempt(tx, attempt.call, payment, failureOf(returned, session), at);
        return;
      case 'NOT_FOUND':
        if (claims !== 'success') await settleWindowAttempt(tx, attempt.call, payment, failureOf(returned, session), at);
        return;
      case 'WAITING_FOR_DEPOSIT':
        return; // the account number comes with the PG's issue notice
    }
  });
}

function failureOf(returned: NonNullable<WindowSession['returned']>, session: WindowSession): WindowOutcome {
  if (returned.claims === 'cancelled') return { kind: 'FAILED', reason: USER_CANCELLED[session.locale], pgCode: returned.code ?? '0009', pgMessage: returned.message ?? USER_CANCELLED[session.locale] };
  return {
    kind: 'FAILED',
    reason: returned.message ?? (session.locale === 'en' ? 'The payment failed' : '결제에 실패했습니다'),
    ...(returned.code ? { pgCode: returned.code } : {}),
    ...(returned.message ? { pgMessage: returned.message } : {}),
  };
}
