import { bankOfCode } from '../../domain/banks.ts';
import { Secret } from '../../domain/secret.ts';
import type { KeyedCard } from '../../pg/contract.ts';
import { listCancellations } from '../../store/repositories/cancellations.ts';
import { listChannels, type ChannelRow } from '../../store/repositories/channels.ts';
import type { PaymentStatus } from '../../domain/payments/status.ts';
import {
  findPaymentsByTransactionIds,
  findV1Payment,
  listV1Payments,
  setV1CancelWebhookRequested,
  upsertV1Payment,
} from '../../store/repositories/v1.ts';
import { listWindowCallRecords } from '../../store/repositories/checkout.ts';
import { deviceOf, sessionOf } from '../checkout/session.ts';
import type { Deps } from '../deps.ts';
import { paymentError, ServiceError } from '../errors.ts';
import { approveKeyIn } from '../payments/approveKeyIn.ts';
import { cancelPayment } from '../payments/cancel.ts';
import { changeVirtualAccount } from '../payments/changeVirtualAccount.ts';
import type { Capability } from '../payments/channels.ts';
import { closeVirtualAccount } from '../payments/closeVirtualAccount.ts';
import { issueVirtualAccount } from '../payments/issueVirtualAccount.ts';
import { payWithBillingKey } from '../payments/payWithBillingKey.ts';
import { preRegisterPayment } from '../payments/preRegister.ts';
import { findPayments, getPayment, type PaymentView } from '../payments/queries.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { billingKeyOfCustomer, registerCustomer } from './customers.ts';

/** A payment as V1 renders it: the shared view plus what only V1 requests said. */
export interface V1PaymentView extends PaymentView {
  customerUid: string | null;
  /** iamport's `channel`: `pc` or `mobile` for payment-window payments, `api` for the rest. */
  v1Channel: 'pc' | 'mobile' | 'api';
}

/** iamport's payment statuses. */
export type V1Status = 'ready' | 'paid' | 'cancelled' | 'failed';

export const statusesOfV1: Record<V1Status, readonly PaymentStatus[]> = {
  ready: ['READY', 'PAY_PENDING', 'VIRTUAL_ACCOUNT_ISSUED'],
  // iamport keeps a partly cancelled payment `paid` (with cancel_amount).
  paid: ['PAID', 'PARTIAL_CANCELLED'],
  cancelled: ['CANCELLED'],
  failed: ['FAILED'],
};

export function v1StatusOf(status: PaymentStatus): V1Status {
  if (status === 'PAID' || status === 'PARTIAL_CANCELLED') return 'paid';
  if (status === 'CANCELLED') return 'cancelled';
  if (status === 'FAILED') return 'failed';
  return 'ready';
}

export const v1PaymentNotFound = (what: string) =>
  paymentError('PAYMENT_NOT_FOUND', { ko: `존재하지 않는 결제정보입니다: ${what}`, en: `No such payment: ${what}` });

async function withV1Extras(deps: Deps, principal: ApiPrincipal, views: PaymentView[]): Promise<V1PaymentView[]> {
  const extras = await listV1Payments(deps.db, principal.storeId, views.map((v) => v.payment.paymentId));
  // A payment whose transaction is a window attempt was paid in the browser: its device is iamport's channel.
  const windows = await listWindowCallRecords(deps.db, views.map((v) => v.payment.transactionId));
  return views.map((view) => {
    const window = windows.find((w) => w.id === view.payment.transactionId);
    const session = window ? sessionOf(window.record) : undefined;
    return {
      ...view,
      customerUid: extras.find((e) => e.paymentId === view.payment.paymentId)?.customerUid ?? null,
      v1Channel: session ? deviceOf(session) : 'api',
    };
  });
}

export async function getV1Payment(deps: Deps, principal: ApiPrincipal, merchantUid: string): Promise<V1PaymentView> {
  const view = await getPayment(deps, principal, merchantUid);
  const [withExtras] = await withV1Extras(deps, principal, [view]);
  return withExtras!;
}

/** Payments by imp_uid, in the order asked; unknown ids are left out. */
export async function findV1PaymentsByImpUids(deps: Deps, principal: ApiPrincipal, impUids: readonly string[]): Promise<V1PaymentView[]> {
  const rows = await findPaymentsByTransactionIds(deps.db, principal.storeId, impUids);
  const cancels = await listCancellations(deps.db, rows.map((r) => r.payment.id));
  const views: PaymentView[] = impUids.flatMap((id) => {
    const row = rows.find((r) => r.payment.transactionId === id.toLowerCase());
    return row ? [{ ...row, cancellations: cancels.filter((c) => c.paymentRowId === row.payment.id), merchantId: principal.merchantId }] : [];
  });
  return withV1Extras(deps, principal, views);
}

export async function getV1PaymentByImpUid(deps: Deps, principal: ApiPrincipal, impUid: string): Promise<V1PaymentView> {
  const [found] = await findV1PaymentsByImpUids(deps, principal, [impUid]);
  if (!found) throw v1PaymentNotFound(impUid);
  return found;
}

/** `GET /payments/find/{merchant_uid}/{status}`: the payment if it is in that status. */
export async function findV1PaymentByMerchantUid(deps: Deps, principal: ApiPrincipal, merchantUid: string, status?: V1Status): Promise<V1PaymentView> {
  const view = await getV1Payment(deps, principal, merchantUid).catch((error: unknown) => {
    throw error instanceof ServiceError && error.code === 'NOT_FOUND' ? v1PaymentNotFound(merchantUid) : error;
  });
  if (status && v1StatusOf(view.payment.status) !== status) throw v1PaymentNotFound(`${merchantUid} (${status})`);
  return view;
}

export interface V1ListQuery {
  status: V1Status | 'all';
  /** 1-based. */
  page: number;
  limit: number;
  from?: Date;
  to?: Date;
  sorting: 'started' | '-started' | 'paid' | '-paid' | 'updated' | '-updated';
}

export async function listV1PaymentsByStatus(deps: Deps, principal: ApiPrincipal, query: V1ListQuery) {
  const descending = query.sorting.startsWith('-');
  const result = await findPayments(deps, principal, {
    ...(query.status === 'all' ? {} : { statuses: statusesOfV1[query.status] }),
    ...(query.from ? { from: query.from } : {}),
    ...(query.to ? { until: query.to } : {}),
    timestampType: query.sorting.endsWith('started') ? 'CREATED_AT' : 'STATUS_CHANGED_AT',
    sortOrder: descending ? 'DESC' : 'ASC',
    page: { number: query.page - 1, size: query.limit },
  });
  const list = await withV1Extras(deps, principal, result.items);
  const total = result.page.totalCount;
  return { total, previous: query.page > 1 ? query.page - 1 : 0, next: query.page * query.limit < total ? query.page + 1 : 0, list };
}

// ---- channels: channel_key, or pg "settle" / "settle.<MID>"

/**
 * The channel key a V1 request names: its `channel_key`, else the channel its `pg` names
 * (`provider` or `provider.MID`, iamport's lower-case provider code) that can do `capability`.
 * Neither: undefined, and the service takes the store's default channel.
 */
export async function channelKeyOfV1(
  deps: Deps,
  principal: ApiPrincipal,
  request: { channelKey?: string | undefined; pg?: string | undefined },
  capability: Capability,
): Promise<string | undefined> {
  if (request.channelKey) return request.channelKey;
  if (!request.pg) return undefined;
  const [provider, ...rest] = request.pg.split('.');
  const mid = rest.join('.');
  const able = (c: ChannelRow) => deps.pg.capabilities(c.pgProvider, c.mid)[capability];
  const channels = (await listChannels(deps.db, principal.storeId)).filter(
    (c) => c.attribute === 'PAYMENT' && c.enabled && c.pgProvider.toLowerCase() === provider!.toLowerCase() && (!mid || c.mid === mid),
  );
  const method = capability === 'virtualAccount' ? 'VIRTUAL_ACCOUNT' : 'CARD';
  const chosen = channels.find((c) => c.defaultMethods.includes(method) && able(c)) ?? channels.find(able);
  if (!chosen) {
    throw paymentError(
      'CHANNEL_NOT_FOUND',
      { ko: `pg 값에 해당하는 채널이 없습니다: ${request.pg}`, en: `No channel of this store matches pg "${request.pg}" for this payment method.` },
      {},
      'pg',
    );
  }
  return chosen.key;
}

// ---- payments

export interface V1Buyer {
  name?: string;
  email?: string;
  tel?: string;
  addr?: string;
  postcode?: string;
}

/** V1 buyer fields in the shared customer record (V2 names where V2 has them). */
export function customerOfBuyer(buyer: V1Buyer, customerId?: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (customerId) out.id = customerId;
  if (buyer.name) out.name = buyer.name;
  if (buyer.email) out.email = buyer.email;
  if (buyer.tel) out.phoneNumber = buyer.tel;
  if (buyer.addr) out.address = buyer.addr;
  if (buyer.postcode) out.zipcode = buyer.postcode;
  return Object.keys(out).length ? out : undefined;
}

interface V1ChargeCommon {
  merchantUid: string;
  amount: bigint;
  taxFree: bigint;
  name: string;
  buyer: V1Buyer;
  cardQuota?: number;
  customData?: string;
  noticeUrls?: string[];
}

/**
 * A PG decline is not an API error in iamport: the call answers code 0 with the payment
 * `failed` and its `fail_reason`. Unknown outcomes (pending) stay errors.
 */
async function chargeOrFailed(deps: Deps, principal: ApiPrincipal, merchantUid: string, charge: () => Promise<unknown>): Promise<V1PaymentView> {
  try {
    await charge();
  } catch (error) {
    if (!(error instanceof ServiceError && error.payment?.type === 'PG_PROVIDER' && !error.payment.pending)) throw error;
    const found = await getV1Payment(deps, principal, merchantUid).catch(() => undefined);
    if (!found || found.payment.status !== 'FAILED') throw error;
    return found;
  }
  return getV1Payment(deps, principal, merchantUid);
}

async function rememberV1Request(deps: Deps, principal: ApiPrincipal, merchantUid: string, extras: { noticeUrls?: string[] | undefined; customerUid?: string | undefined }) {
  if (!extras.noticeUrls?.length && !extras.customerUid) return;
  await upsertV1Payment(deps.db, {
    storeId: principal.storeId,
    paymentId: merchantUid,
    ...(extras.noticeUrls?.length ? { noticeUrls: extras.noticeUrls } : {}),
    ...(extras.customerUid ? { customerUid: extras.customerUid } : {}),
    createdAt: deps.clock.now(),
  });
}

export interface V1OnetimeInput extends V1ChargeCommon {
  card: Secret<KeyedCard>;
  channelKey?: string;
  pg?: string;
  customerUid?: string;
  customerId?: string;
}

/**
 * `POST /subscribe/payments/onetime`: a keyed-in payment (카유 or 카유비생, as the channel's MID
 * is contracted). With `customer_uid` the card is first registered as that customer's billing
 * key and the payment made with it, as iamport does.
 */
export async function payOnetime(deps: Deps, principal: ApiPrincipal, input: V1OnetimeInput): Promise<V1PaymentView> {
  const capability: Capability = input.customerUid ? 'billing' : 'keyIn';
  const channelKey = await channelKeyOfV1(deps, principal, input, capability);
  const customer = customerOfBuyer(input.buyer, input.customerId);
  await rememberV1Request(deps, principal, input.merchantUid, { noticeUrls: input.noticeUrls, customerUid: input.customerUid });
  const common = {
    paymentId: input.merchantUid,
    ...(channelKey ? { channelKey } : {}),
    orderName: input.name,
    totalAmount: input.amount,
    taxFreeAmount: input.taxFree,
    currency: 'KRW',
    ...(customer ? { customer } : {}),
    ...(input.customData !== undefined ? { customData: input.customData } : {}),
    ...(input.cardQuota !== undefined ? { installmentMonth: input.cardQuota } : {}),
  };
  if (input.customerUid) {
    const customerUid = input.customerUid;
    const registered = await registerCustomer(deps, principal, {
      customerUid,
      card: input.card,
      ...(channelKey ? { channelKey } : {}),
      ...(customer ? { customer } : {}),
    });
    return chargeOrFailed(deps, principal, input.merchantUid, () =>
      payWithBillingKey(deps, principal, { ...common, billingKey: registered.row.id, channelKey: registered.channel.key }),
    );
  }
  return chargeOrFailed(deps, principal, input.merchantUid, () => approveKeyIn(deps, principal, { ...common, card: input.card }));
}

export interface V1AgainInput extends V1ChargeCommon {
  customerUid: string;
}

/** `POST /subscribe/payments/again`: a payment with a customer's billing key. */
export async function payAgain(deps: Deps, principal: ApiPrincipal, input: V1AgainInput): Promise<V1PaymentView> {
  const billingKey = await billingKeyOfCustomer(deps, principal, input.customerUid);
  const customer = customerOfBuyer(input.buyer);
  await rememberV1Request(deps, principal, input.merchantUid, { noticeUrls: input.noticeUrls, customerUid: input.customerUid });
  return chargeOrFailed(deps, principal, input.merchantUid, () =>
    payWithBillingKey(deps, principal, {
      paymentId: input.merchantUid,
      billingKey,
      orderName: input.name,
      totalAmount: input.amount,
      taxFreeAmount: input.taxFree,
      currency: 'KRW',
      ...(customer ? { customer } : {}),
      ...(input.customData !== undefined ? { customData: input.customData } : {}),
      ...(input.cardQuota !== undefined ? { installmentMonth: input.cardQuota } : {}),
    }),
  );
}

export interface V1CancelInput {
  impUid?: string;
  merchantUid?: string;
  /** Absent or 0: the whole remaining amount. */
  amount?: bigint;
  taxFree?: bigint;
  /** What the merchant believes is still cancellable (iamport `checksum`). */
  checksum?: bigint;
  reason?: string;
  refund?: { holder: string; bankCode: string; account: string };
  enableWebhook: boolean;
}

/** `POST /payments/cancel`, by imp_uid or merchant_uid. */
export async function cancelV1Payment(deps: Deps, principal: ApiPrincipal, input: V1CancelInput): Promise<V1PaymentView> {
  let merchantUid = input.merchantUid;
  if (input.impUid) {
    const [found] = await findV1PaymentsByImpUids(deps, principal, [input.impUid]);
    if (!found) throw paymentError('PAYMENT_NOT_FOUND', { ko: '취소할 결제건이 존재하지 않습니다.', en: `No payment to cancel: ${input.impUid}` });
    merchantUid = found.payment.paymentId;
  }
  if (!merchantUid) {
    throw paymentError('INVALID_REQUEST', { ko: 'imp_uid 또는 merchant_uid 가 필요합니다.', en: 'imp_uid or merchant_uid is required.' }, {}, 'imp_uid');
  }
  const existing = await findV1Payment(deps.db, principal.storeId, merchantUid);
  if (input.enableWebhook) await setV1CancelWebhookRequested(deps.db, principal.storeId, merchantUid, true, deps.clock.now());
  try {
    await cancelPayment(deps, principal, {
      paymentId: merchantUid,
      ...(input.amount && input.amount > 0n ? { amount: input.amount } : {}),
      ...(input.taxFree !== undefined && input.amount && input.amount > 0n ? { taxFreeAmount: input.taxFree } : {}),
      ...(input.checksum !== undefined ? { currentCancellableAmount: input.checksum } : {}),
      reason: input.reason || '취소 요청',
      ...(input.refund ? { refundAccount: { bankCode: input.refund.bankCode, accountNumber: input.refund.account, holderName: input.refund.holder } } : {}),
    });
  } catch (error) {
    if (input.enableWebhook) await setV1CancelWebhookRequested(deps.db, principal.storeId, merchantUid, existing?.cancelWebhookRequested ?? false, deps.clock.now());
    if (error instanceof ServiceError && error.payment?.type === 'PAYMENT_NOT_FOUND') {
      throw paymentError('PAYMENT_NOT_FOUND', { ko: '취소할 결제건이 존재하지 않습니다.', en: `No payment to cancel: ${merchantUid}` });
    }
    throw error;
  }
  return getV1Payment(deps, principal, merchantUid);
}

// ---- prepare (사전 검증)

export async function prepareV1Payment(deps: Deps, principal: ApiPrincipal, merchantUid: string, amount: bigint) {
  await preRegisterPayment(deps, principal, { paymentId: merchantUid, totalAmount: amount, taxFreeAmount: 0n, currency: 'KRW' });
  return { merchant_uid: merchantUid, amount: Number(amount), currency: 'KRW' };
}

export async function getV1Preparation(deps: Deps, principal: ApiPrincipal, merchantUid: string) {
  const view = await getPayment(deps, principal, merchantUid).catch(() => undefined);
  if (!view?.payment.preRegistered) {
    throw paymentError('PAYMENT_NOT_FOUND', { ko: `사전 등록된 결제정보가 없습니다: ${merchantUid}`, en: `No prepared payment: ${merchantUid}` });
  }
  return { merchant_uid: merchantUid, amount: Number(view.payment.totalAmount), currency: view.payment.currency };
}

// ---- virtual accounts

export interface V1VbankInput {
  merchantUid: string;
  amount: bigint;
  taxFree: bigint;
  vbankCode: string;
  dueAt: Date;
  holder?: string;
  name: string;
  channelKey?: string;
  pg?: string;
  buyer: V1Buyer;
  customData?: string;
  noticeUrls?: string[];
}

export const unknownBank = (code: string) =>
  paymentError('INVALID_REQUEST', { ko: `알 수 없는 은행 코드입니다: ${code}`, en: `Unknown bank code: ${code}` }, {}, 'vbank_code');

/** `POST /vbanks`: issues a virtual account; the deposit notice makes it paid. */
export async function issueV1Vbank(deps: Deps, principal: ApiPrincipal, input: V1VbankInput): Promise<V1PaymentView> {
  const bank = bankOfCode(input.vbankCode);
  if (!bank) throw unknownBank(input.vbankCode);
  const channelKey = await channelKeyOfV1(deps, principal, input, 'virtualAccount');
  const customer = customerOfBuyer(input.buyer);
  await rememberV1Request(deps, principal, input.merchantUid, { noticeUrls: input.noticeUrls });
  await issueVirtualAccount(deps, principal, {
    paymentId: input.merchantUid,
    ...(channelKey ? { channelKey } : {}),
    bank,
    dueAt: input.dueAt,
    accountType: 'NORMAL',
    ...(input.holder ? { remitteeName: input.holder } : {}),
    orderName: input.name,
    totalAmount: input.amount,
    taxFreeAmount: input.taxFree,
    currency: 'KRW',
    ...(customer ? { customer } : {}),
    ...(input.customData !== undefined ? { customData: input.customData } : {}),
  });
  return getV1Payment(deps, principal, input.merchantUid);
}

/** `PUT /vbanks/{imp_uid}`: a new amount or deadline. */
export async function changeV1Vbank(deps: Deps, principal: ApiPrincipal, impUid: string, change: { amount?: bigint; dueAt?: Date }) {
  const view = await getV1PaymentByImpUid(deps, principal, impUid);
  await changeVirtualAccount(deps, principal, {
    paymentId: view.payment.paymentId,
    ...(change.amount !== undefined ? { totalAmount: change.amount } : {}),
    ...(change.dueAt ? { dueAt: change.dueAt } : {}),
  });
  return getV1Payment(deps, principal, view.payment.paymentId);
}

/** `DELETE /vbanks/{imp_uid}`: closes the account before a deposit; the payment is cancelled. */
export async function closeV1Vbank(deps: Deps, principal: ApiPrincipal, impUid: string) {
  const view = await getV1PaymentByImpUid(deps, principal, impUid);
  await closeVirtualAccount(deps, principal, view.payment.paymentId);
  return getV1Payment(deps, principal, view.payment.paymentId);
}
