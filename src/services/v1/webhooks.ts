import type { Executor } from '../../store/db.ts';
import { findCancellation } from '../../store/repositories/cancellations.ts';
import { findPayment } from '../../store/repositories/payments.ts';
import { takeV1CancelWebhookRequest } from '../../store/repositories/v1.ts';
import type { WebhookTargets } from '../../store/repositories/webhookEndpoints.ts';
import type { V1WebhookEvent, V2WebhookEvent } from '../webhooks/outbox.ts';

/**
 * Whether iamport (V1) announces a payment event, and how. iamport calls its webhook when a
 * payment is paid, a virtual account is issued (`ready`) or deposited (`paid`), a scheduled
 * payment is tried (`paid` or `failed`), and when a payment is cancelled outside the API (the
 * console, the PG); an API cancel only when its request said `enable_webhook`. Answers undefined
 * when nothing goes out (or nobody listens: no V1 URL and no notice_url). `targets` are the
 * store's URLs and the payment's V1 notice_urls, read once by the caller.
 */
export async function v1EventOfV2Event(tx: Executor, event: V2WebhookEvent, targets: WebhookTargets): Promise<V1WebhookEvent | undefined> {
  if (!('paymentId' in event.data)) return undefined;
  const { paymentId, transactionId, cancellationId } = event.data;
  const status = statusOf(event.type);
  if (!status) return undefined;
  const noticeUrls = targets.v1NoticeUrls;
  if (!targets.v1Url && noticeUrls.length === 0) return undefined;
  if (status === 'failed') {
    const found = await findPayment(tx, event.storeId, paymentId);
    if (!found?.payment.scheduleId) return undefined;
  }
  if (status === 'cancelled') {
    const cancellation = cancellationId ? await findCancellation(tx, cancellationId) : undefined;
    const byApi = !cancellation || cancellation.trigger === 'API';
    if (byApi && !(await takeV1CancelWebhookRequest(tx, event.storeId, paymentId))) return undefined;
  }
  return {
    storeId: event.storeId,
    paymentId,
    transactionId,
    status,
    ...(cancellationId ? { cancellationId } : {}),
    noticeUrls,
    at: event.at,
  };
}

function statusOf(type: V2WebhookEvent['type']): V1WebhookEvent['status'] | undefined {
  switch (type) {
    case 'Transaction.Paid':
      return 'paid';
    case 'Transaction.VirtualAccountIssued':
      return 'ready';
    case 'Transaction.Cancelled':
    case 'Transaction.PartialCancelled':
      return 'cancelled';
    case 'Transaction.Failed':
      return 'failed';
    default:
      return undefined;
  }
}
