import { newRowId } from '../../domain/ids.ts';
import type { PgNotification } from '../../pg/contract.ts';
import type { Executor } from '../../store/db.ts';
import { listChannelsByMid } from '../../store/repositories/channels.ts';
import { updatePaymentIf } from '../../store/repositories/payments.ts';
import { lockPaymentOfPgCall, settlePgCall } from '../../store/repositories/pgCalls.ts';
import { recordPgNotification } from '../../store/repositories/pgNotifications.ts';
import { recordAudit } from '../audit.ts';
import type { Deps } from '../deps.ts';
import { enqueueV2Webhooks } from '../webhooks/outbox.ts';
import { connect } from './channels.ts';
import { applyBillingKeyWindowNotification } from '../checkout/billingKey.ts';
import { applyWindowNotification } from '../checkout/settle.ts';
import { applyPgCancel, pgCancelReason } from './pgCancel.ts';
import { finishScheduleOfPayment } from './schedules.ts';
import { settlePaid } from './settle.ts';
import { transition } from '../../domain/payments/status.ts';

export interface NotificationAnswer {
  status: number;
  body: string;
}

/**
 * An inbound PG notification: pick the channel by the claimed merchant id, verify the hash with
 * that channel's keys, and only then act. A notice that fails verification is audited and answered
 * with the PG's rejection; nothing changes. A verified one is recorded once per event key and
 * applied in the same transaction, so a duplicate delivery finds its key and changes nothing.
 */
export async function receivePgNotification(deps: Deps, pgProvider: string, rawBody: string, ip: string | undefined): Promise<NotificationAnswer> {
  const connector = deps.pg.connector(pgProvider);
  if (!connector) return { status: 404, body: 'FAIL' };
  const reject = async (reason: string, detail: string) => {
    await recordAudit(deps.db, {
      actor: { type: 'system' },
      merchantId: null,
      action: 'pg.notification.rejected',
      target: { type: 'pg_notification', id: null },
      // A NUL cannot be stored in PostgreSQL text; whatever a connector quotes from the notice goes without it.
      after: { pgProvider, reason, detail: detail.replaceAll('\u0000', ''), ip: ip ?? null },
      at: deps.clock.now(),
    });
    deps.log.warn({ pgProvider, reason }, 'PG notification rejected');
    return { status: 400, body: connector.notificationAnswer.rejected };
  };
  const mid = connector.notificationMerchantId(rawBody);
  if (!mid) return reject('MALFORMED', 'no merchant id');
  const [channel] = await listChannelsByMid(deps.db, pgProvider, mid);
  if (!channel) return reject('WRONG_MERCHANT', `no channel for merchant id ${mid}`);
  const { credentials } = connect(deps, channel);
  const parsed = connector.parseNotification(credentials, rawBody);
  if (!parsed.ok) return reject(parsed.reason, parsed.detail);
  const notification = parsed.notification;
  await deps.db.transaction(async (tx) => {
    const id = newRowId();
    const fresh = await recordPgNotification(tx, {
      id,
      pgProvider,
      eventKey: notification.eventKey,
      channelId: channel.id,
      kind: notification.kind,
      raw: notification.raw,
      receivedAt: deps.clock.now(),
    });
    if (!fresh) return;
    // A key-only card window (결제창 빌링키 발급) has no payment: checkout stores its billing key.
    if (await applyBillingKeyWindowNotification(deps, tx, notification)) return;
    await applyNotification(tx, notification, channel.mode === 'TEST', deps.clock.now());
  });
  return { status: 200, body: connector.notificationAnswer.accepted };
}

async function applyNotification(tx: Executor, notification: PgNotification, isTest: boolean, at: Date): Promise<void> {
  // The payment is locked first, like every transaction that changes a payment and its PG calls (no deadlocks).
  const found = await lockPaymentOfPgCall(tx, notification.requestId);
  if (!found) return; // not a payment paymux made
  const { call, payment } = found;
  // Payment-window attempts settle their approval, account issue or failure in checkout.
  if (await applyWindowNotification(tx, call, payment, notification, at)) return;
  switch (notification.kind) {
    case 'VIRTUAL_ACCOUNT_DEPOSITED':
      if (payment.status === 'VIRTUAL_ACCOUNT_ISSUED') await settlePaid(tx, payment, { pgTxId: payment.pgTxId ?? notification.pgTxId }, at);
      return;
    case 'PAID':
      if (payment.status === 'PAY_PENDING' && payment.transactionId === call.id) {
        // The PG's own word on a charge whose answer paymux did not get (or has not yet committed).
        const paid = await settlePaid(tx, payment, { pgTxId: notification.pgTxId, ...(notification.card ? { card: notification.card } : {}) }, at);
        await settlePgCall(tx, call.id, { outcome: 'approved', record: null, at, final: true });
        if (paid) await finishScheduleOfPayment(tx, paid, at);
      }
      return;
    case 'CANCELLED':
      await applyPgCancel(tx, payment.id, { pgCancellationId: notification.pgTxId, amount: notification.amount, reason: pgCancelReason(isTest) }, at);
      return;
    case 'VIRTUAL_ACCOUNT_ISSUE_CANCELLED':
      if (payment.status === 'VIRTUAL_ACCOUNT_ISSUED') {
        const status = transition(payment.status, 'CANCELLED');
        const closed = await updatePaymentIf(tx, payment.id, { from: ['VIRTUAL_ACCOUNT_ISSUED'] }, { status, cancelledAt: at, updatedAt: at, statusChangedAt: at });
        if (closed) {
          await enqueueV2Webhooks(tx, {
            storeId: closed.storeId,
            type: 'Transaction.Cancelled',
            data: { paymentId: closed.paymentId, transactionId: closed.transactionId },
            noticeUrls: closed.noticeUrls ?? [],
            at,
          });
        }
      }
      return;
    default:
      return; // VA issued (already known from the API reply), failures of window payments, unrecognised: recorded only
  }
}
