import { newRowId } from '../../domain/ids.ts';
import { findOutboxRowOfStore, listAttemptsOf, listOutboxRowsOfStore } from '../../store/repositories/consoleQueries.ts';
import { insertOutboxRows, type WebhookOutboxRow } from '../../store/repositories/webhookOutbox.ts';
import { auditStoreChange, type StoreAccess } from '../access.ts';
import type { Deps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { resendWebhook } from '../webhooks/resend.ts';

// 웹훅 전송 기록: the store's outbox rows with what their receivers answered, and 재전송.

export interface WebhookDeliveryView {
  id: string;
  eventType: string;
  apiVersion: 'V2' | 'V1';
  paymentId: string | null;
  url: string;
  status: WebhookOutboxRow['status'];
  attemptCount: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** What the receiver answered last (null: no answer, see lastError). */
  lastHttpStatus: number | null;
  lastError: string | null;
}

async function deliveryViews(deps: Deps, rows: WebhookOutboxRow[]): Promise<WebhookDeliveryView[]> {
  const attempts = await listAttemptsOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const last = attempts.filter((a) => a.outboxId === row.id).at(-1);
    return {
      id: row.id,
      eventType: row.eventType,
      apiVersion: row.apiVersion,
      paymentId: row.paymentId,
      url: row.url,
      status: row.status,
      attemptCount: row.attemptCount,
      createdAt: row.createdAt.toISOString(),
      lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
      nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt.toISOString() : null,
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      lastHttpStatus: last?.httpStatus ?? null,
      lastError: last?.error ?? null,
    };
  });
}

/** Failed webhooks are those that gave up or had a failed attempt in this many hours. */
export const failedWebhookHours = 24;

export const failedWebhooksSince = (now: Date) => new Date(now.getTime() - failedWebhookHours * 3600_000);

/** Newest first; `failedOnly` keeps the failed ones of the last 24 hours (홈's warning). */
export async function listWebhookDeliveries(deps: Deps, access: StoreAccess, options: { failedOnly?: boolean; page: number; size: number }) {
  const filter = options.failedOnly ? { failedSince: failedWebhooksSince(deps.clock.now()) } : {};
  const { rows, totalCount } = await listOutboxRowsOfStore(deps.db, access.store.id, filter, {
    number: options.page,
    size: options.size,
  });
  return { items: await deliveryViews(deps, rows), page: { number: options.page, size: options.size, totalCount } };
}

const deliveryNotFound = () => notFound({ ko: '웹훅 전송 기록을 찾을 수 없습니다.', en: 'Webhook delivery not found.' });

/**
 * 재전송: the same body again as a new delivery (a new webhook-id), sent by the delivery job. A
 * payment's V2 webhook goes through the V2 API's resend (the same rules); other rows (V1,
 * billing-key events) are copied as they are.
 */
export async function resendWebhookDelivery(deps: Deps, access: StoreAccess, outboxId: string): Promise<{ id: string }> {
  const row = await findOutboxRowOfStore(deps.db, access.store.id, outboxId);
  if (!row) throw deliveryNotFound();
  let copyId: string;
  if (row.apiVersion === 'V2' && row.paymentId) {
    copyId = (await resendWebhook(deps, access.store.id, row.paymentId, { webhookId: row.id })).webhook.id;
  } else {
    copyId = newRowId();
    const now = deps.clock.now();
    await insertOutboxRows(deps.db, [
      { id: copyId, storeId: row.storeId, apiVersion: row.apiVersion, url: row.url, eventType: row.eventType, paymentId: row.paymentId, body: row.body, nextAttemptAt: now, createdAt: now },
    ]);
  }
  await auditStoreChange(deps.db, access, {
    action: 'webhook.resent',
    target: { type: 'webhook', id: row.id },
    after: { copyId, eventType: row.eventType, paymentId: row.paymentId, url: row.url },
    at: deps.clock.now(),
  });
  return { id: copyId };
}
