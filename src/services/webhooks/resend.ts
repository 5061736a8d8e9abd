import { newRowId } from '../../domain/ids.ts';
import { findPayment } from '../../store/repositories/payments.ts';
import { findWebhookEndpoint } from '../../store/repositories/webhookEndpoints.ts';
import { insertOutboxRows, listPaymentOutboxRows, type NewWebhookOutboxRow, type WebhookOutboxRow } from '../../store/repositories/webhookOutbox.ts';
import type { Deps } from '../deps.ts';
import { paymentError } from '../errors.ts';
import { paymentNotFound } from '../payments/errors.ts';

/** The payment's status a webhook announced (PortOne's PaymentWebhookPaymentStatus). */
export type PaymentWebhookPaymentStatus = 'READY' | 'VIRTUAL_ACCOUNT_ISSUED' | 'PAID' | 'FAILED' | 'PARTIAL_CANCELLED' | 'CANCELLED' | 'PAY_PENDING';

const paymentStatusOfEvent: Record<string, PaymentWebhookPaymentStatus> = {
  'Transaction.Ready': 'READY',
  'Transaction.VirtualAccountIssued': 'VIRTUAL_ACCOUNT_ISSUED',
  'Transaction.Paid': 'PAID',
  'Transaction.Failed': 'FAILED',
  'Transaction.PartialCancelled': 'PARTIAL_CANCELLED',
  'Transaction.Cancelled': 'CANCELLED',
  'Transaction.PayPending': 'PAY_PENDING',
};

/**
 * PortOne's PaymentWebhook for a webhook just queued again: it has not been sent yet, so it has
 * no `status` or `response`; the delivery job sends it within seconds.
 */
export interface ResentPaymentWebhook {
  id: string;
  url: string;
  paymentStatus?: PaymentWebhookPaymentStatus;
  currentExecutionCount: number;
  trigger: 'MANUAL';
  triggeredAt: string;
  request: { body: string };
}

export interface ResendWebhookResult {
  webhook: ResentPaymentWebhook;
}

const webhookNotFound = () =>
  paymentError('WEBHOOK_NOT_FOUND', { ko: '결제 건의 웹훅 내역이 존재하지 않습니다.', en: 'No webhook of this payment was found.' });

/** When the event happened, from the body paymux wrote (a resent copy keeps its event's time). */
function eventTime(row: WebhookOutboxRow): number {
  try {
    const time = Date.parse((JSON.parse(row.body) as { timestamp?: string }).timestamp ?? '');
    return Number.isNaN(time) ? row.createdAt.getTime() : time;
  } catch {
    return row.createdAt.getTime();
  }
}

/**
 * The rows of the payment's latest event (its latest state change, not the latest resend of an
 * older one), one per URL it went to.
 */
function latestEventRows(rows: WebhookOutboxRow[]): WebhookOutboxRow[] {
  let latest: WebhookOutboxRow | undefined;
  for (const row of rows) if (!latest || eventTime(row) > eventTime(latest)) latest = row;
  if (!latest) return [];
  const byUrl = new Map<string, WebhookOutboxRow>();
  for (const row of rows) if (row.body === latest.body && !byUrl.has(row.url)) byUrl.set(row.url, row);
  return [...byUrl.values()];
}

/**
 * Sends a payment's webhook again, as a new outbox row (a new `webhook-id`) with the same body.
 * `webhookId` picks one earlier webhook of the payment; without it, the payment's latest event
 * (by the event's time) is sent again to every URL it went to (the store's endpoint and the
 * request's notice URLs).
 * The answer describes the copy for the store's current endpoint when there is one.
 */
export async function resendWebhook(
  deps: Deps,
  storeId: string,
  paymentId: string,
  input: { webhookId?: string } = {},
): Promise<ResendWebhookResult> {
  // The store's payments decide what exists: another store's payment is absent, as is an unknown one.
  if (!(await findPayment(deps.db, storeId, paymentId))) throw paymentNotFound(paymentId);
  const rows = await listPaymentOutboxRows(deps.db, storeId, paymentId, 'V2');
  const sources = input.webhookId ? rows.filter((row) => row.id === input.webhookId) : latestEventRows(rows);
  if (sources.length === 0) throw webhookNotFound();

  const now = deps.clock.now();
  const copies: NewWebhookOutboxRow[] = sources.map((source) => ({
    id: newRowId(),
    storeId,
    apiVersion: 'V2',
    url: source.url,
    eventType: source.eventType,
    paymentId,
    body: source.body,
    nextAttemptAt: now,
    // The 24-hour retry window starts again with the resend.
    createdAt: now,
  }));
  await insertOutboxRows(deps.db, copies);

  const endpoint = await findWebhookEndpoint(deps.db, storeId, 'V2');
  const shown = copies.find((copy) => copy.url === endpoint?.url) ?? copies[0]!;
  const paymentStatus = paymentStatusOfEvent[shown.eventType];
  return {
    webhook: {
      id: shown.id!,
      url: shown.url,
      ...(paymentStatus ? { paymentStatus } : {}),
      currentExecutionCount: 0,
      trigger: 'MANUAL',
      triggeredAt: now.toISOString(),
      request: { body: shown.body },
    },
  };
}
