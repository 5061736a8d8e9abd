import { newRowId } from '../../domain/ids.ts';
import type { Executor } from '../../store/db.ts';
import { findWebhookEndpoint } from '../../store/repositories/webhookEndpoints.ts';
import { insertOutboxRows } from '../../store/repositories/webhookOutbox.ts';

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
  const endpoint = await findWebhookEndpoint(tx, event.storeId, 'V2');
  const urls = new Set<string>([...(endpoint?.url ? [endpoint.url] : []), ...(event.noticeUrls ?? [])]);
  const body = JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: { storeId: event.storeId, ...event.data } });
  const paymentId = 'paymentId' in event.data ? event.data.paymentId : null;
  await insertOutboxRows(
    tx,
    [...urls].map((url) => ({
      id: newRowId(),
      storeId: event.storeId,
      apiVersion: 'V2' as const,
      url,
      eventType: event.type,
      paymentId,
      body,
      nextAttemptAt: event.at,
      createdAt: event.at,
    })),
  );
}
