import { kstDayBounds } from '../../domain/kstDay.ts';
import type { PgPaymentMethod } from '../../pg/contract.ts';
import { findCancellation } from '../../store/repositories/cancellations.ts';
import { findPaymentByRowId, listTestPaymentsToSync, lockPaymentRow } from '../../store/repositories/payments.ts';
import { findPgCall, listPendingPgCalls, settlePgCall, type PgCallRow } from '../../store/repositories/pgCalls.ts';
import type { Deps } from '../deps.ts';
import { completeCancellation, failCancellation } from './cancel.ts';
import { channelById, connect } from './channels.ts';
import { applyPgCancel, pgCancelReason } from './pgCancel.ts';
import { scheduleInquiry } from './inquiryQueue.ts';
import { recordJson } from './record.ts';
import { finishScheduleOfPayment } from './schedules.ts';
import { settleByInquiry } from './settle.ts';

export type InquiryOutcome = 'PAID' | 'FAILED' | 'CANCEL_SUCCEEDED' | 'CANCEL_FAILED' | 'UNSETTLED' | 'ALREADY_SETTLED';

/** The PG is asked about a payment by its method (a transfer's inquiry or cancel is not a card's). */
const methodOf = (operation: string, paymentMethod: PgPaymentMethod | null): PgPaymentMethod =>
  operation === 'issueVirtualAccount' ? 'VIRTUAL_ACCOUNT' : (paymentMethod ?? 'CARD');

/**
 * Settles one PENDING PG call by asking the PG (`inquire`). Only the PG's word settles it: an
 * inquiry that is itself unknown leaves the call PENDING for the next try.
 */
export async function inquireCall(deps: Deps, callId: string): Promise<InquiryOutcome> {
  const call = await findPgCall(deps.db, callId);
  if (!call || call.status !== 'PENDING' || !call.paymentRowId) return 'ALREADY_SETTLED';
  const payment = await findPaymentByRowId(deps.db, call.paymentRowId);
  if (!payment) return 'ALREADY_SETTLED';
  const { connector, credentials } = connect(deps, await channelById(deps.db, call.channelId));
  const isCancel = call.operation === 'cancel';
  // A cancel is asked about through its payment (the PG reports the payment's cancelled total).
  const original: PgCallRow | undefined = isCancel ? undefined : call;
  const result = await connector.inquire(credentials, {
    paymentMethod: methodOf(call.operation, payment.method),
    originalRequestId: original?.requestId ?? (await approvalRequestId(deps, payment.transactionId)),
    originalRequestedAt: original?.startedAt ?? payment.requestedAt,
    originalAmount: isCancel ? payment.totalAmount : (call.amount ?? payment.totalAmount),
    ...(payment.pgTxId ? { pgTxId: payment.pgTxId } : {}),
  });
  if (result.outcome !== 'approved') return 'UNSETTLED';
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const locked = await lockPaymentRow(tx, payment.id); // lock order: payment, then its PG call
    if (isCancel) {
      const cancellation = call.cancellationId ? await findCancellation(tx, call.cancellationId) : undefined;
      if (!cancellation || cancellation.status !== 'REQUESTED') {
        // Settled meanwhile (the PG's cancel notice completed it): the call is closed with that ending.
        await settlePgCall(tx, call.id, { outcome: cancellation?.status === 'SUCCEEDED' ? 'approved' : 'declined', record: null, at, final: true });
        return 'ALREADY_SETTLED';
      }
      const pgCancelled = result.cancelledAmount ?? (result.state === 'CANCELLED' ? payment.totalAmount : 0n);
      const happened = pgCancelled >= payment.cancelledAmount + cancellation.totalAmount;
      if (!(await settlePgCall(tx, call.id, { outcome: happened ? 'approved' : 'declined', record: null, at, final: true }))) return 'ALREADY_SETTLED';
      if (happened) {
        await completeCancellation(tx, cancellation.id, `${payment.pgTxId ?? ''}-inquiry-${cancellation.sequence}`, at);
        return 'CANCEL_SUCCEEDED';
      }
      await failCancellation(tx, cancellation.id);
      return 'CANCEL_FAILED';
    }
    if (payment.transactionId !== call.id || payment.status !== 'PAY_PENDING') {
      // Settled meanwhile (a PG notice, another inquiry): close the call with what the PG said.
      await settlePgCall(tx, call.id, { outcome: 'approved', record: null, at, final: true });
      if (locked?.transactionId === call.id) await finishScheduleOfPayment(tx, locked, at);
      return 'ALREADY_SETTLED';
    }
    const outcome = await settleByInquiry(tx, payment, result, at);
    if (outcome === 'UNSETTLED') return 'UNSETTLED';
    // A scheduled charge whose outcome was unknown: its schedule ends with the payment.
    await finishScheduleOfPayment(tx, { scheduleId: payment.scheduleId, status: outcome }, at);
    await settlePgCall(tx, call.id, {
      outcome: outcome === 'PAID' ? 'approved' : 'declined',
      record: { ...(call.record ?? {}), inquiry: recordJson(result.record) },
      at,
      final: true,
    });
    return outcome;
  });
}

async function approvalRequestId(deps: Deps, transactionId: string): Promise<string> {
  return (await findPgCall(deps.db, transactionId))?.requestId ?? '';
}

/**
 * The recovery sweep: every PG call still PENDING after the PG's time-out (an unknown outcome, or
 * a process killed between the call and its commit) is settled by inquiry. A PENDING call younger
 * than that may still be in flight in a live process, so it is not asked about yet: an inquiry is
 * queued for the moment it becomes old enough, so a restart recovers within seconds rather than at
 * the next periodic sweep. Runs at worker start and periodically. Answers how many calls it
 * looked at (now) and how many it queued for later.
 */
export async function recoverPendingCalls(deps: Deps): Promise<{ examined: number; settled: number; deferred: number }> {
  const graceMs = deps.config.hectoTimeoutMs + 5_000;
  const now = deps.clock.now().getTime();
  const pending = await listPendingPgCalls(deps.db, new Date(now + 1));
  let settled = 0;
  let examined = 0;
  let deferred = 0;
  for (const call of pending) {
    const waitMs = call.startedAt.getTime() + graceMs - now;
    if (waitMs > 0) {
      // The singleton key makes this the same job as the inquiry the calling process queued itself.
      await scheduleInquiry(deps, call.id, Math.ceil(waitMs / 1000));
      deferred++;
      continue;
    }
    examined++;
    try {
      const outcome = await inquireCall(deps, call.id);
      if (outcome !== 'UNSETTLED') settled++;
    } catch (error) {
      deps.log.error({ err: error, callId: call.id }, 'recovery inquiry failed');
    }
  }
  return { examined, settled, deferred };
}

/**
 * After 23:50 KST: asks the PG about the day's TEST card payments still PAID or partly cancelled, so
 * the testbed's nightly auto-cancel shows even when its notice was lost.
 */
export async function syncNightlyTestCancels(deps: Deps): Promise<number> {
  const { start, end } = kstDayBounds(deps.clock.now());
  let cancelled = 0;
  for (const payment of await listTestPaymentsToSync(deps.db, start, end)) {
    // Card and transfer payments are cancelled by the testbed at night; virtual accounts are not.
    if ((payment.method !== 'CARD' && payment.method !== 'TRANSFER') || !payment.channelId) continue;
    const { connector, credentials } = connect(deps, await channelById(deps.db, payment.channelId));
    const result = await connector.inquire(credentials, {
      paymentMethod: payment.method,
      originalRequestId: await approvalRequestId(deps, payment.transactionId),
      originalRequestedAt: payment.requestedAt,
      originalAmount: payment.totalAmount,
      ...(payment.pgTxId ? { pgTxId: payment.pgTxId } : {}),
    });
    if (result.outcome !== 'approved' || result.state !== 'CANCELLED') continue;
    const amount = payment.totalAmount - payment.cancelledAmount;
    const at = deps.clock.now();
    const applied = await deps.db.transaction((tx) =>
      applyPgCancel(tx, payment.id, { pgCancellationId: `${payment.pgTxId ?? payment.id}-nightly`, amount, reason: pgCancelReason(true) }, at),
    );
    if (applied === 'applied') cancelled++;
  }
  return cancelled;
}
