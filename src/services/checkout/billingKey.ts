import { z } from 'zod';
import { newRowId } from '../../domain/ids.ts';
import { newBillingKeyId, newPgRequestId } from '../../domain/payments/ids.ts';
import type { PaymentWindowForm, PgNotification } from '../../pg/contract.ts';
import type { Executor } from '../../store/db.ts';
import { insertBillingKey, type BillingKeyRow } from '../../store/repositories/billingKeys.ts';
import {
  findBillingKeyWindowCall,
  insertBillingKeyWindowCall,
  lockBillingKeyWindowCallByRequestId,
  settleBillingKeyWindowCall,
} from '../../store/repositories/checkout.ts';
import type { PgCallRow } from '../../store/repositories/pgCalls.ts';
import { findStore } from '../../store/repositories/tenancy.ts';
import { upsertV1Customer } from '../../store/repositories/v1.ts';
import type { Deps } from '../deps.ts';
import { channelById, connect } from '../payments/channels.ts';
import { enqueueV2Webhooks } from '../webhooks/outbox.ts';
import { checkoutErrors } from './errors.ts';
import { resolveChannel, resolveStore, type CheckoutRequest } from './open.ts';
import { windowSessionSchema, type CheckoutApi, type CheckoutDevice, type CheckoutLocale, type WindowSession, type WindowType } from './session.ts';
import { USER_CANCELLED, type WindowEnd } from './settle.ts';
import { cancelUrlOf, returnUrlOf, windowCustomerOf } from './window.ts';

/**
 * 결제창 빌링키 발급 (PortOne's `requestIssueBillingKey`): the buyer registers a card in the PG's
 * card window on a billing-capable MID and paymux keeps the PG's billing key, sealed at rest like
 * the API-issued ones, with the BillingKey.Issued webhook. There is no payment: the attempt is a
 * pg_calls row of its own. The key is taken only from the PG's verified notification (the
 * window's nextUrl carries no hash, so a forged one cannot register a key).
 *
 * A notice later than the buyer's return leaves the attempt PENDING (outcome `unknown`): Hecto has
 * no inquiry that could settle it — APITrdcheck reports payment transactions and its reply carries
 * no billKey (spec §38.7), and a key-only registration charges nothing — so paymux never guesses:
 * the buyer is told the registration is being confirmed (code BILLING_KEY_ISSUE_PENDING, not a
 * decline), and the PG's notice, which Hecto resends until answered OK, settles it whenever it
 * lands: the key stored sealed with BillingKey.Issued, or the attempt declined.
 */
export interface BillingKeyCheckoutRequest {
  /** V2 names the store by id; V1 (`IMP.request_pay` with customer_uid) by merchant code. */
  store: CheckoutRequest['store'];
  /** By key, or (V1 `pg: 'settle.<MID>'`) by PG and MID; else the store's first billing-capable channel. */
  channel?: CheckoutRequest['channel'];
  /** Who asked: V1 gets iamport's callback body; V2 (the default) PortOne's IssueBillingKeyResponse. */
  api?: CheckoutApi;
  /** V1: the customer_uid the issued key is registered under (as POST /subscribe/customers does), and the merchant_uid of the request. */
  v1?: { customerUid: string; merchantUid: string };
  customer?: Record<string, string>;
  customData?: string;
  noticeUrls?: string[];
  /** PortOne's `issueName`: what the buyer sees as the product line. */
  issueName?: string;
  windowType: WindowType;
  redirectUrl?: string;
  returnOrigin?: string;
  locale: CheckoutLocale;
  device?: CheckoutDevice;
}

const attemptRecord = z.object({
  window: windowSessionSchema,
  request: z.object({
    customer: z.record(z.string(), z.string()).optional(),
    customData: z.string().optional(),
    noticeUrls: z.array(z.string()).optional(),
    issueName: z.string().optional(),
    v1: z.object({ customerUid: z.string(), merchantUid: z.string() }).optional(),
  }),
  issued: z.object({ billingKey: z.string() }).optional(),
  failure: z.object({ reason: z.string(), pgCode: z.string().optional(), pgMessage: z.string().optional() }).optional(),
  /**
   * Who ended a declined attempt: the PG (a verified failure notice) or the buyer's side (cancUrl,
   * a closed popup, a failure the window claimed). Only the PG's word is final: a verified notice
   * that a key was issued still registers it after the buyer's side ended the attempt.
   */
  decidedBy: z.enum(['PG', 'BUYER']).optional(),
});
type AttemptRecord = z.infer<typeof attemptRecord>;

const recordOfCall = (call: PgCallRow): AttemptRecord | undefined => {
  const parsed = attemptRecord.safeParse(call.record);
  return parsed.success ? parsed.data : undefined;
};

export async function isBillingKeyAttempt(deps: Deps, txId: string): Promise<boolean> {
  return (await findBillingKeyWindowCall(deps.db, txId)) !== undefined;
}

export async function openBillingKeyWindow(deps: Deps, request: BillingKeyCheckoutRequest): Promise<{ txId: string; windowUrl: string }> {
  if (request.windowType === 'REDIRECTION' && !request.redirectUrl) {
    throw checkoutErrors.badRequest('리디렉션 방식에는 redirectUrl이 필요합니다.', 'redirectUrl is required for the redirection window.');
  }
  const storeId = await resolveStore(deps, request.store);
  const channel = await resolveChannel(deps, storeId, request.channel, 'BILLING_KEY');
  const txId = newRowId();
  const session: WindowSession = {
    api: request.api ?? 'V2',
    windowType: request.windowType,
    method: 'CARD',
    locale: request.locale,
    ...(request.device ? { device: request.device } : {}),
    ...(request.returnOrigin ? { returnOrigin: request.returnOrigin } : {}),
    ...(request.redirectUrl ? { redirectUrl: request.redirectUrl } : {}),
  };
  const record: AttemptRecord = {
    window: session,
    request: {
      ...(request.customer ? { customer: request.customer } : {}),
      ...(request.customData ? { customData: request.customData } : {}),
      ...(request.noticeUrls?.length ? { noticeUrls: request.noticeUrls } : {}),
      ...(request.issueName ? { issueName: request.issueName } : {}),
      ...(request.v1 ? { v1: request.v1 } : {}),
    },
  };
  await insertBillingKeyWindowCall(deps.db, {
    id: txId,
    storeId,
    channelId: channel.id,
    requestId: newPgRequestId(),
    amount: 0n,
    record,
    startedAt: deps.clock.now(),
  });
  return { txId, windowUrl: `${deps.config.publicUrl}/checkout/window/${txId}` };
}

/** The card window form (key-only) for an open attempt; once only, as for payments. */
export async function takeBillingKeyWindowForm(deps: Deps, txId: string): Promise<{ form: PaymentWindowForm; locale: CheckoutLocale }> {
  const call = await findBillingKeyWindowCall(deps.db, txId);
  const record = call ? recordOfCall(call) : undefined;
  if (!call || !record || record.window.openedAt || call.outcome) throw checkoutErrors.attemptNotFound();
  const channel = await channelById(deps.db, call.channelId);
  const store = await findStore(deps.db, call.storeId);
  const { connector, credentials } = connect(deps, channel);
  const customer = record.request.customer ?? {};
  const locale = record.window.locale;
  const form = connector.buildPaymentWindow(credentials, {
    requestId: call.requestId,
    paymentMethod: 'CARD',
    issueBillingKeyOnly: true,
    amount: 0n,
    orderName: record.request.issueName ?? (locale === 'en' ? 'Card registration for recurring payments' : '정기결제 카드 등록'),
    merchantName: store?.name ?? channel.name,
    notificationUrl: deps.pg.notificationUrl(channel.pgProvider, deps.config.publicUrl),
    returnUrl: returnUrlOf(deps, txId),
    cancelUrl: cancelUrlOf(deps, txId),
    customer: windowCustomerOf(customer),
    ...(record.request.customData ? { customData: record.request.customData } : {}),
  });
  const opened: AttemptRecord = { ...record, window: { ...record.window, openedAt: deps.clock.now().toISOString() } };
  await settleBillingKeyWindowCall(deps.db, txId, { record: opened });
  return { form, locale };
}

/**
 * The verified notification of a key-only card window: stores the billing key (sealed with its
 * row id as associated data) and announces BillingKey.Issued, in the notification's transaction.
 * Answers false when the notice is not about a billing-key attempt.
 */
export async function applyBillingKeyWindowNotification(deps: Deps, tx: Executor, notification: PgNotification): Promise<boolean> {
  if (notification.kind !== 'BILLING_KEY_ISSUED' && notification.kind !== 'FAILED') return false;
  const call = await lockBillingKeyWindowCallByRequestId(tx, notification.requestId);
  const record = call ? recordOfCall(call) : undefined;
  if (!call || !record) return false;
  // Settled by the PG's word already: changes nothing twice. A decline from the buyer's side only is not final.
  const declinedByBuyer = call.outcome === 'declined' && record.decidedBy === 'BUYER';
  if (call.outcome === 'approved' || (call.outcome === 'declined' && !declinedByBuyer)) return true;
  const at = deps.clock.now();
  if (notification.kind === 'FAILED' || !notification.billingKey) {
    if (declinedByBuyer) return true; // the PG agrees: nothing was registered
    const reason = record.window.locale === 'en' ? 'The card could not be registered' : '카드를 등록하지 못했습니다';
    await settleBillingKeyWindowCall(tx, call.id, { outcome: 'declined', record: { ...record, failure: { reason }, decidedBy: 'PG' }, settledAt: at });
    return true;
  }
  const id = newBillingKeyId();
  const sealed = deps.box.seal(notification.billingKey.reveal(), id);
  const card = notification.card ?? {};
  const row: BillingKeyRow = {
    id,
    storeId: call.storeId,
    channelId: call.channelId,
    pgKeyCiphertext: sealed.ciphertext,
    pgKeyVersion: sealed.keyVersion,
    card: Object.fromEntries(
      Object.entries({ maskedNumber: card.maskedNumber, issuerCode: card.issuerCode, issuerName: card.issuerName }).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    ),
    customer: record.request.customer ?? null,
    customData: record.request.customData ?? null,
    status: 'ISSUED',
    issuedAt: at,
    deletedAt: null,
  };
  await insertBillingKey(tx, row);
  // V1: the key becomes the customer_uid's card, in the same transaction (re-registering points the name at the new card, as iamport does).
  const v1 = record.request.v1;
  if (v1) await upsertV1Customer(tx, { storeId: call.storeId, customerUid: v1.customerUid, billingKey: id, createdAt: at, updatedAt: at });
  await enqueueV2Webhooks(tx, { storeId: call.storeId, type: 'BillingKey.Issued', data: { billingKey: id }, noticeUrls: record.request.noticeUrls ?? [], at });
  const { failure: _buyerSide, ...rest } = record;
  await settleBillingKeyWindowCall(tx, call.id, {
    outcome: 'approved',
    record: { ...rest, issued: { billingKey: id }, decidedBy: 'PG' },
    settledAt: at,
    overDeclined: declinedByBuyer,
  });
  return true;
}

/** How long the return waits for the PG's notice (sent as the window finishes) before answering "being confirmed". */
const NOTICE_WAIT_MS = 5_000;

/**
 * The buyer is back from the key-only window (nextUrl), closed it (cancUrl) or closed the popup.
 * A failure or a cancel ends the attempt; a claimed success waits briefly for the verified notice,
 * which alone registers the key.
 */
export async function finishBillingKeyWindow(deps: Deps, txId: string, end: WindowEnd, rawReturn: string): Promise<void> {
  const call = await findBillingKeyWindowCall(deps.db, txId);
  const record = call ? recordOfCall(call) : undefined;
  if (!call || !record) throw checkoutErrors.attemptNotFound();
  // Ended, or pending after the window claimed success: only the PG's notice changes it now.
  if (call.outcome === 'approved' || call.outcome === 'declined' || call.outcome === 'unknown') return;
  const channel = await channelById(deps.db, call.channelId);
  const { connector } = connect(deps, channel);
  const hint = end === 'ABANDONED' ? ({ claims: 'cancelled' } as const) : connector.parseWindowReturn(rawReturn);
  const claims = end === 'CANCELLED' ? 'cancelled' : hint.claims;
  const locale = record.window.locale;
  if (claims !== 'success') {
    const message = locale === 'en' ? (hint.messageEn ?? hint.message) : (hint.messageKo ?? hint.message);
    const failure =
      claims === 'cancelled'
        ? { reason: USER_CANCELLED[locale], pgCode: hint.code ?? '0009', pgMessage: message ?? USER_CANCELLED[locale] }
        : { reason: message ?? (locale === 'en' ? 'The card could not be registered' : '카드를 등록하지 못했습니다'), ...(hint.code ? { pgCode: hint.code } : {}), ...(message ? { pgMessage: message } : {}) };
    const returned = { claims, ...(hint.code ? { code: hint.code } : {}) } as const;
    await settleBillingKeyWindowCall(deps.db, txId, {
      outcome: 'declined',
      record: { ...record, window: { ...record.window, returned }, failure, decidedBy: 'BUYER' },
      settledAt: deps.clock.now(),
    });
    return;
  }
  const deadline = Date.now() + NOTICE_WAIT_MS;
  while (Date.now() < deadline) {
    const current = await findBillingKeyWindowCall(deps.db, txId);
    if (current?.outcome === 'approved' || current?.outcome === 'declined') return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  // No notice yet: pending. Only an attempt the notice has not settled meanwhile changes (the update's condition).
  await settleBillingKeyWindowCall(deps.db, txId, { outcome: 'unknown', record: { ...record, window: { ...record.window, returned: { claims: 'success' } } } });
}

/**
 * UNCONFIRMED: the buyer has not come back from the window yet. PENDING: the window claimed the
 * card was registered and the PG's notice has not come: the notice settles it later.
 */
export type BillingKeyWindowState = 'ISSUED' | 'FAILED' | 'CANCELLED_BY_BUYER' | 'PENDING' | 'UNCONFIRMED';

export interface BillingKeyWindowResult {
  txId: string;
  state: BillingKeyWindowState;
  session: WindowSession;
  billingKey?: string;
  issueName?: string;
  v1?: { customerUid: string; merchantUid: string };
  failure?: { reason: string; pgCode?: string; pgMessage?: string };
}

export async function billingKeyWindowResult(deps: Deps, txId: string): Promise<BillingKeyWindowResult> {
  const call = await findBillingKeyWindowCall(deps.db, txId);
  const record = call ? recordOfCall(call) : undefined;
  if (!call || !record) throw checkoutErrors.attemptNotFound();
  const base = {
    txId,
    session: record.window,
    ...(record.request.issueName ? { issueName: record.request.issueName } : {}),
    ...(record.request.v1 ? { v1: record.request.v1 } : {}),
  };
  if (call.outcome === 'approved' && record.issued) return { ...base, state: 'ISSUED', billingKey: record.issued.billingKey };
  if (call.outcome === 'declined') {
    return {
      ...base,
      state: record.window.returned?.claims === 'cancelled' ? 'CANCELLED_BY_BUYER' : 'FAILED',
      ...(record.failure ? { failure: record.failure } : {}),
    };
  }
  return { ...base, state: call.outcome === 'unknown' ? 'PENDING' : 'UNCONFIRMED' };
}

/**
 * The `code` of a billing-key window whose outcome the PG has not confirmed yet (paymux's own; PortOne
 * has none): like any code it means "no key in this response", but not a decline.
 */
export const BILLING_KEY_ISSUE_PENDING = 'BILLING_KEY_ISSUE_PENDING';

/** PortOne browser SDK's IssueBillingKeyResponse: `code` present means failure (or, with BILLING_KEY_ISSUE_PENDING, not confirmed yet). */
export interface IssueBillingKeyResponse {
  transactionType: 'ISSUE_BILLING_KEY';
  billingKey?: string;
  code?: string;
  message?: string;
  pgCode?: string;
  pgMessage?: string;
}

export function issueBillingKeyResponse(result: BillingKeyWindowResult): IssueBillingKeyResponse {
  if (result.state === 'ISSUED') return { transactionType: 'ISSUE_BILLING_KEY', billingKey: result.billingKey ?? '' };
  if (result.state === 'PENDING' || result.state === 'UNCONFIRMED') {
    // Not a decline: the card may well be registered. Retrying would register it twice; the
    // merchant learns the key from the BillingKey.Issued webhook once the PG's notice lands.
    return {
      transactionType: 'ISSUE_BILLING_KEY',
      code: BILLING_KEY_ISSUE_PENDING,
      message:
        result.session.locale === 'en'
          ? 'The card registration is being confirmed with the card company. The shop will be notified when it is confirmed; there is no need to register the card again.'
          : '카드 등록 결과를 카드사에 확인하고 있습니다. 확인되면 상점에 알려 드리니 카드를 다시 등록하지 않으셔도 됩니다.',
    };
  }
  const failure = result.failure;
  return {
    transactionType: 'ISSUE_BILLING_KEY',
    code: 'FAILURE_TYPE_PG',
    message: `[SETTLE] ${failure?.reason ?? failure?.pgMessage ?? ''}`.trim(),
    ...(failure?.pgCode ? { pgCode: failure.pgCode } : {}),
    ...(failure?.pgMessage ? { pgMessage: failure.pgMessage } : {}),
  };
}

/**
 * iamport's `IMP.request_pay` callback for a card registration (customer_uid with amount 0). There
 * is no payment behind it, so imp_uid is null: the merchant finds the card by customer_uid
 * (GET /subscribe/customers/{customer_uid}) and charges it with POST /subscribe/payments/again.
 */
export interface V1BillingKeyResponse {
  success: boolean;
  imp_uid: null;
  merchant_uid: string;
  customer_uid: string;
  pay_method: 'card';
  paid_amount: 0;
  status: 'paid' | 'failed' | 'ready';
  pg_provider: 'settle';
  error_code: string | null;
  error_msg: string | null;
}

export function v1BillingKeyResponse(result: BillingKeyWindowResult): V1BillingKeyResponse {
  const v2 = issueBillingKeyResponse(result);
  const issued = result.state === 'ISSUED';
  return {
    success: issued,
    imp_uid: null,
    merchant_uid: result.v1?.merchantUid ?? '',
    customer_uid: result.v1?.customerUid ?? '',
    pay_method: 'card',
    paid_amount: 0,
    status: issued ? 'paid' : result.state === 'PENDING' || result.state === 'UNCONFIRMED' ? 'ready' : 'failed',
    pg_provider: 'settle',
    error_code: issued ? null : (v2.pgCode ?? v2.code ?? null),
    error_msg: issued ? null : (v2.message ?? null),
  };
}
