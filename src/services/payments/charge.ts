import { newRowId } from '../../domain/ids.ts';
import { newPgRequestId } from '../../domain/payments/ids.ts';
import type { PgOperation, PgResult } from '../../pg/contract.ts';
import type { ChannelRow } from '../../store/repositories/channels.ts';
import { claimPaymentWithCall, findPayment, lockPaymentRow, type PaymentRow } from '../../store/repositories/payments.ts';
import { settlePgCall } from '../../store/repositories/pgCalls.ts';
import type { Deps } from '../deps.ts';
import { connect, type ChannelConnection } from './channels.ts';
import { crashAfterPgCallIfAsked } from './crash.ts';
import { chargeRefused, pgDeclined, pgPending } from './errors.ts';
import { scheduleInquiry } from './inquiryQueue.ts';
import { recordJson } from './record.ts';
import { failureOfDecline, settleFailed } from './settle.ts';
import type { Executor } from '../../store/db.ts';

/** What every charge (keyed-in, billing key, virtual account) asks for. */
export interface ChargeRequest {
  storeId: string;
  paymentId: string;
  channel: ChannelRow;
  method: 'CARD' | 'VIRTUAL_ACCOUNT';
  orderName: string;
  totalAmount: bigint;
  taxFreeAmount: bigint;
  currency: string;
  customer?: Record<string, string>;
  customData?: string;
  noticeUrls?: string[];
  billingKey?: string;
  scheduleId?: string;
}

export interface ClaimedCharge {
  payment: PaymentRow;
  callId: string;
  requestId: string;
}

/**
 * Step 1: claim the payment id and insert its PENDING PG call, in one statement (it decides
 * across processes). After it commits, exactly one caller holds the right to call the PG.
 */
async function claim(deps: Deps, request: ChargeRequest, operation: PgOperation): Promise<ClaimedCharge> {
  const now = deps.clock.now();
  const callId = newRowId();
  const requestId = newPgRequestId();
  const payment = await claimPaymentWithCall(
    deps.db,
    {
      id: newRowId(),
      storeId: request.storeId,
      paymentId: request.paymentId,
      transactionId: callId,
      channelId: request.channel.id,
      isTest: request.channel.mode === 'TEST',
      status: 'PAY_PENDING',
      method: request.method,
      orderName: request.orderName,
      currency: request.currency,
      totalAmount: request.totalAmount,
      taxFreeAmount: request.taxFreeAmount,
      customer: request.customer ?? null,
      customData: request.customData ?? null,
      noticeUrls: request.noticeUrls ?? null,
      billingKey: request.billingKey ?? null,
      scheduleId: request.scheduleId ?? null,
      requestedAt: now,
      updatedAt: now,
      statusChangedAt: now,
    },
    { id: callId, operation, requestId, startedAt: now },
  );
  if (!payment) {
    const existing = await findPayment(deps.db, request.storeId, request.paymentId);
    if (!existing) throw new Error('claim refused without an existing payment');
    throw chargeRefused(existing.payment, request.totalAmount);
  }
  return { payment, callId, requestId };
}

/**
 * The charge pipeline: claim (tx1) → PG call outside any transaction → settle (tx2). `onApproved`
 * runs in tx2 and makes the state transition of an approval. A decline fails the payment with the
 * PG's word; an unknown outcome leaves it PAY_PENDING, schedules an inquiry and answers PG_PROVIDER.
 */
export async function runCharge<T>(
  deps: Deps,
  request: ChargeRequest,
  operation: PgOperation,
  call: (connection: ChannelConnection, requestId: string) => Promise<PgResult<T>>,
  onApproved: (tx: Executor, payment: PaymentRow, approved: Extract<PgResult<T>, { outcome: 'approved' }>, at: Date) => Promise<PaymentRow | undefined>,
): Promise<PaymentRow> {
  const connection = connect(deps, request.channel);
  const claimed = await claim(deps, request, operation);
  const result = await call(connection, claimed.requestId);
  crashAfterPgCallIfAsked();
  const at = deps.clock.now();
  const settled = await deps.db.transaction(async (tx) => {
    await lockPaymentRow(tx, claimed.payment.id); // lock order: payment, then its PG call
    const final = result.outcome !== 'unknown';
    const call = await settlePgCall(tx, claimed.callId, { outcome: result.outcome, record: recordJson(result.record), at, final });
    if (!call) return undefined; // an inquiry settled it meanwhile
    if (result.outcome === 'approved') return onApproved(tx, claimed.payment, result as Extract<PgResult<T>, { outcome: 'approved' }>, at);
    if (result.outcome === 'declined') return settleFailed(tx, claimed.payment, failureOfDecline(result), at);
    return undefined;
  });
  if (result.outcome === 'declined') throw pgDeclined(result);
  if (result.outcome === 'unknown') {
    await scheduleInquiry(deps, claimed.callId);
    throw pgPending(result);
  }
  if (settled) return settled;
  const current = await findPayment(deps.db, request.storeId, request.paymentId);
  if (!current) throw new Error('payment vanished after its charge');
  return current.payment;
}
