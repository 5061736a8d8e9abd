import { newRowId } from '../../domain/ids.ts';
import { newPgRequestId } from '../../domain/payments/ids.ts';
import { listChannels, type ChannelRow } from '../../store/repositories/channels.ts';
import { findFirstStoreOfMerchantCode, insertWindowCall, openWindowPayment } from '../../store/repositories/checkout.ts';
import { findPayment } from '../../store/repositories/payments.ts';
import { findStore } from '../../store/repositories/tenancy.ts';
import { upsertV1Payment } from '../../store/repositories/v1.ts';
import type { Deps } from '../deps.ts';
import { enqueueV2Webhooks } from '../webhooks/outbox.ts';
import { liveGate } from '../../domain/contract.ts';
import { approvedCardCompaniesOf } from '../applications.ts';
import { checkoutErrors } from './errors.ts';
import { recordOf, type CheckoutApi, type CheckoutDevice, type CheckoutLocale, type WindowSession, type WindowType } from './session.ts';

/** A buyer's payment request from a browser SDK, in paymux's words (each dialect maps into it). */
export interface CheckoutRequest {
  api: CheckoutApi;
  /** V2 names the store; V1 names the merchant code (`imp…`). */
  store: { storeId: string } | { merchantCode: string };
  /** The channel: by key, or (V1 `pg: "settle.<MID>"`) by PG and merchant id, else the store's default. */
  channel: { key: string } | { pgProvider: string; mid?: string } | undefined;
  paymentId: string;
  orderName: string;
  totalAmount: bigint;
  taxFreeAmount: bigint;
  currency: 'KRW';
  method: 'CARD' | 'VIRTUAL_ACCOUNT' | 'TRANSFER';
  customer?: Record<string, string>;
  customData?: string;
  /** V2 `noticeUrls`: they receive V2 webhooks. */
  noticeUrls?: string[];
  /** V1 `notice_url`: it receives V1 bodies ({imp_uid, merchant_uid, status}), kept with the V1 extras. */
  v1NoticeUrls?: string[];
  windowType: WindowType;
  device?: CheckoutDevice;
  redirectUrl?: string;
  returnOrigin?: string;
  locale: CheckoutLocale;
  installmentMonths?: number;
  dueAt?: Date;
}

export interface OpenedCheckout {
  /** The attempt id (PortOne's txId): names the window, its return and its result. */
  txId: string;
  paymentId: string;
  storeId: string;
  /** paymux's page that sends the buyer on to the PG's window. */
  windowUrl: string;
}

/**
 * Validates a checkout and opens its window attempt: the store, the channel, the method, the
 * amount against a pre-registration (a tampered amount is refused here, before any window opens),
 * then in one transaction the READY payment, the attempt (its PG order number) and the
 * Transaction.Ready webhook. Nothing is sent to the PG yet: the buyer's browser posts the form.
 */
export async function openWindowCheckout(deps: Deps, request: CheckoutRequest): Promise<OpenedCheckout> {
  if (request.totalAmount <= 0n) throw checkoutErrors.badRequest('결제 금액은 0보다 커야 합니다.', 'totalAmount must be positive.');
  if (request.taxFreeAmount < 0n || request.taxFreeAmount > request.totalAmount) {
    throw checkoutErrors.badRequest('면세 금액이 올바르지 않습니다.', 'taxFreeAmount is out of range.');
  }
  if (request.windowType === 'REDIRECTION' && !request.redirectUrl) {
    throw checkoutErrors.badRequest('리디렉션 방식에는 redirectUrl이 필요합니다.', 'redirectUrl is required for the redirection window.');
  }
  const storeId = await resolveStore(deps, request.store);
  const channel = await resolveChannel(deps, storeId, request.channel, request.method);

  const existing = await findPayment(deps.db, storeId, request.paymentId);
  if (existing) refuseIfClosed(existing.payment, request);
  if (request.method === 'CARD') {
    // The PG refuses these in its window with a raw answer; the buyer hears it here instead.
    const range = deps.pg.capabilities(channel.pgProvider, channel.mid).cardAmount;
    if (request.totalAmount < range.min || request.totalAmount > range.max) throw checkoutErrors.cardAmountOutOfRange(range.min, range.max);
  }

  const now = deps.clock.now();
  const txId = newRowId();
  const requestId = newPgRequestId();
  const session: WindowSession = {
    api: request.api,
    windowType: request.windowType,
    method: request.method,
    locale: request.locale,
    ...(request.device ? { device: request.device } : {}),
    ...(request.returnOrigin ? { returnOrigin: request.returnOrigin } : {}),
    ...(request.redirectUrl ? { redirectUrl: request.redirectUrl } : {}),
    ...(request.installmentMonths !== undefined ? { installmentMonths: request.installmentMonths } : {}),
    ...(request.dueAt ? { dueAt: request.dueAt.toISOString() } : {}),
  };
  await deps.db.transaction(async (tx) => {
    const payment = await openWindowPayment(tx, {
      id: newRowId(),
      storeId,
      paymentId: request.paymentId,
      transactionId: txId,
      channelId: channel.id,
      isTest: channel.mode === 'TEST',
      status: 'READY',
      method: request.method,
      orderName: request.orderName,
      currency: request.currency,
      totalAmount: request.totalAmount,
      taxFreeAmount: request.taxFreeAmount,
      customer: request.customer ?? null,
      customData: request.customData ?? null,
      noticeUrls: request.noticeUrls ?? null,
      requestedAt: now,
      updatedAt: now,
      statusChangedAt: now,
    });
    if (!payment) {
      // Another request changed the payment since the check above: refuse with its reason.
      const current = await findPayment(tx, storeId, request.paymentId);
      if (current) refuseIfClosed(current.payment, request);
      throw checkoutErrors.alreadyPaid();
    }
    if (request.v1NoticeUrls?.length) {
      // As the V1 REST API does: V1 notice URLs live with the V1 extras and get V1 bodies.
      await upsertV1Payment(tx, { storeId, paymentId: request.paymentId, noticeUrls: request.v1NoticeUrls, createdAt: now });
    }
    await insertWindowCall(tx, {
      id: txId,
      storeId,
      paymentRowId: payment.id,
      channelId: channel.id,
      requestId,
      amount: request.totalAmount,
      record: recordOf(session),
      startedAt: now,
    });
    await enqueueV2Webhooks(tx, {
      storeId,
      type: 'Transaction.Ready',
      data: { paymentId: payment.paymentId, transactionId: txId },
      noticeUrls: payment.noticeUrls ?? [],
      at: now,
    });
  });
  return { txId, paymentId: request.paymentId, storeId, windowUrl: `${deps.config.publicUrl}/checkout/window/${txId}` };
}

function refuseIfClosed(
  payment: { status: string; preRegistered: boolean; totalAmount: bigint; taxFreeAmount: bigint; currency: string },
  request: CheckoutRequest,
): void {
  if (payment.status !== 'READY' && payment.status !== 'FAILED') throw checkoutErrors.alreadyPaid();
  const differs =
    payment.totalAmount !== request.totalAmount || payment.taxFreeAmount !== request.taxFreeAmount || payment.currency !== request.currency;
  if (payment.preRegistered && differs) throw checkoutErrors.amountMismatch(payment.totalAmount);
}

export async function resolveStore(deps: Deps, store: CheckoutRequest['store']): Promise<string> {
  if ('storeId' in store) {
    const found = await findStore(deps.db, store.storeId);
    if (!found) throw checkoutErrors.storeNotFound();
    return found.id;
  }
  const found = await findFirstStoreOfMerchantCode(deps.db, store.merchantCode);
  if (!found) throw checkoutErrors.storeNotFound();
  return found.id;
}

/**
 * The channel of a checkout: named by key, or by PG (and merchant id) as V1's `pg` says, else the
 * store's default for the method. Only live (not deleted), enabled payment channels; a PG without
 * a connector or a MID that cannot take this method is refused before any window opens.
 */
export async function resolveChannel(
  deps: Deps,
  storeId: string,
  wanted: CheckoutRequest['channel'],
  method: CheckoutRequest['method'] | 'BILLING_KEY',
): Promise<ChannelRow> {
  const channels = (await listChannels(deps.db, storeId)).filter((c) => c.enabled && c.attribute === 'PAYMENT');
  const billing = (c: ChannelRow) => deps.pg.capabilities(c.pgProvider, c.mid).billing;
  let chosen: ChannelRow | undefined;
  if (wanted && 'key' in wanted) chosen = channels.find((c) => c.key === wanted.key);
  else {
    const ofPg = channels.filter((c) => !wanted || (c.pgProvider === wanted.pgProvider && (!wanted.mid || c.mid === wanted.mid)));
    chosen =
      method === 'BILLING_KEY'
        ? // A MID named outright (V1 `pg: 'settle.<MID>'`) that cannot issue keys is refused as such, not as "no channel".
          (ofPg.find(billing) ?? (wanted && 'mid' in wanted && wanted.mid ? ofPg[0] : undefined))
        : (ofPg.find((c) => c.defaultMethods.includes(method)) ?? ofPg.find((c) => c.isDefault) ?? ofPg[0]);
  }
  if (!chosen || !deps.pg.connector(chosen.pgProvider)) throw checkoutErrors.channelNotFound();
  const capabilities = deps.pg.capabilities(chosen.pgProvider, chosen.mid);
  if (method === 'VIRTUAL_ACCOUNT' && !capabilities.virtualAccount) throw checkoutErrors.methodNotSupported();
  if (method === 'TRANSFER' && !capabilities.transfer) throw checkoutErrors.methodNotSupported();
  if (method === 'BILLING_KEY' && !capabilities.billing) throw checkoutErrors.billingNotSupported();
  if (chosen.mode === 'LIVE') {
    // LIVE payments wait for the card-company review, as for the API.
    const store = await findStore(deps.db, storeId);
    const gate = liveGate(store ? await approvedCardCompaniesOf(deps.db, store.merchantId) : []);
    if (!gate.allowed) throw checkoutErrors.liveReviewIncomplete(gate.message);
  }
  return chosen;
}
