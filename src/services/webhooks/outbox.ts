import { newRowId } from '../../domain/ids.ts';
import type { Executor } from '../../store/db.ts';
import { findWebhookEndpoint, findWebhookTargets } from '../../store/repositories/webhookEndpoints.ts';
import { insertOutboxRows, type NewWebhookOutboxRow } from '../../store/repositories/webhookOutbox.ts';
import { v1EventOfV2Event } from '../v1/webhooks.ts';

/** PortOne V2 webhook types (version 2024-04-25). */
export type V2WebhookType =
  | 'Transaction.Ready'
  | 'Transaction.Paid'
  | 'Transaction.VirtualAccountIssued'
  | 'Transaction.PartialCancelled'
  | 'Transaction.Cancelled'
  | 'Transaction.Failed'
  | 'Transaction.PayPending'
  | 'BillingKey.Issued'
  | 'BillingKey.Deleted';

export interface V2WebhookEvent {
  storeId: string;
  type: V2WebhookType;
  /** Transaction events carry the payment; billing-key events the billing key. */
  data: { paymentId: string; transactionId: string; cancellationId?: string } | { billingKey: string };
  /** The request's own notice URLs, besides the store's endpoint. */
  noticeUrls?: readonly string[];
  at: Date;
}

/**
 * Writes the webhooks announcing a state change, in the caller's transaction: one row for the
 * store's V2 endpoint (when a URL is set) and one per notice URL. Delivery happens later, from
 * the outbox, so a committed change is always announced and a rolled-back one never is.
 */
export async function enqueueV2Webhooks(tx: Executor, event: V2WebhookEvent): Promise<void> {
  const paymentId = 'paymentId' in event.data ? event.data.paymentId : null;
  const targets = await findWebhookTargets(tx, event.storeId, paymentId);
  const urls = new Set<string>([...(targets.v2Url ? [targets.v2Url] : []), ...(event.noticeUrls ?? [])]);
  const body = JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: { storeId: event.storeId, ...event.data } });
  const rows: NewWebhookOutboxRow[] = [...urls].map((url) => ({
    id: newRowId(),
    storeId: event.storeId,
    apiVersion: 'V2' as const,
    url,
    eventType: event.type,
    paymentId,
    body,
    nextAttemptAt: event.at,
    createdAt: event.at,
  }));
  // The same change, as iamport (V1) announces it: to the store's V1 URL and V1 notice_urls.
  const v1 = await v1EventOfV2Event(tx, event, targets);
  if (v1) rows.push(...v1OutboxRows(v1, targets.v1Url));
  await insertOutboxRows(tx, rows);
}

/** An iamport (V1) webhook: `{imp_uid, merchant_uid, status, cancellation_id?}`, sent unsigned. */
export interface V1WebhookEvent {
  storeId: string;
  paymentId: string;
  transactionId: string;
  status: 'ready' | 'paid' | 'cancelled' | 'failed';
  cancellationId?: string;
  /** The V1 request's own notice_url(s), besides the store's V1 URL. */
  noticeUrls?: readonly string[];
  at: Date;
}

/** Writes V1 webhooks in the caller's transaction: one row for the store's V1 URL and one per notice_url. */
export async function enqueueV1Webhooks(tx: Executor, event: V1WebhookEvent): Promise<void> {
  const endpoint = await findWebhookEndpoint(tx, event.storeId, 'V1');
  await insertOutboxRows(tx, v1OutboxRows(event, endpoint?.url ?? null));
}

function v1OutboxRows(event: V1WebhookEvent, v1Url: string | null) {
  const urls = new Set<string>([...(v1Url ? [v1Url] : []), ...(event.noticeUrls ?? [])]);
  const body = JSON.stringify({
    imp_uid: event.transactionId,
    merchant_uid: event.paymentId,
    status: event.status,
    ...(event.cancellationId ? { cancellation_id: event.cancellationId } : {}),
  });
  return [...urls].map((url) => ({
    id: newRowId(),
    storeId: event.storeId,
    apiVersion: 'V1' as const,
    url,
    eventType: event.status,
    paymentId: event.paymentId,
    body,
    nextAttemptAt: event.at,
    createdAt: event.at,
  }));
}
