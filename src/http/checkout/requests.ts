import { z } from 'zod';
import type { BillingKeyCheckoutRequest } from '../../services/checkout/billingKey.ts';
import { checkoutErrors } from '../../services/checkout/errors.ts';
import type { CheckoutRequest } from '../../services/checkout/open.ts';
import type { CheckoutLocale, WindowType } from '../../services/checkout/session.ts';

/**
 * What the browser SDKs post to start a checkout, as PortOne's request objects (V2
 * `requestPayment`, V1 `IMP.request_pay`) plus what the script adds: the window type it chose and
 * the page's origin. Unknown fields are ignored, as PortOne's SDK passes many PG-specific ones.
 */
const amount = z.number().int().min(0).max(9_999_999_999);
const httpUrl = z.string().url().max(1000).refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');

/** What PortOne's payment and billing-key window requests share: the buyer, where to return and notify, the language. */
const buyerAndReturn = {
  customer: z
    .object({
      customerId: z.string().max(100).optional(),
      fullName: z.string().max(100).optional(),
      phoneNumber: z.string().max(40).optional(),
      email: z.string().max(200).optional(),
    })
    .optional(),
  redirectUrl: httpUrl.optional(),
  noticeUrls: z.array(httpUrl).max(5).optional(),
  customData: z.unknown().optional(),
  locale: z.string().max(10).optional(),
};
const windowType = z.enum(['POPUP', 'IFRAME', 'REDIRECTION']);

const device = z.enum(['pc', 'mobile']).optional();

/** How the SDK opens the window, sent beside every V2 request. */
const windowOfRequest = { windowType, device, origin: z.string().max(300).optional() };
/** Which store and channel a V2 window request is for. */
const storeAndChannel = { storeId: z.string().min(1).max(200), channelKey: z.string().min(1).max(200).optional() };

export const v2CheckoutBody = z.object({
  ...windowOfRequest,
  request: z.object({
    ...storeAndChannel,
    paymentId: z.string().min(1).max(200),
    orderName: z.string().min(1).max(200),
    totalAmount: amount,
    taxFreeAmount: amount.optional(),
    currency: z.enum(['KRW', 'CURRENCY_KRW']),
    payMethod: z.enum(['CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER']),
    ...buyerAndReturn,
    card: z.object({ installment: z.object({ monthOption: z.object({ fixedMonth: z.number().int().min(0).max(36).optional() }).optional() }).optional() }).optional(),
    virtualAccount: z
      .object({ accountExpiry: z.object({ validHours: z.number().int().min(1).max(24 * 60).optional(), dueDate: z.string().optional() }).optional() })
      .optional(),
  }),
});
export type V2CheckoutBody = z.infer<typeof v2CheckoutBody>;

export const v1CheckoutBody = z.object({
  windowType,
  device,
  origin: z.string().max(300).optional(),
  merchantCode: z.string().min(1).max(40),
  params: z.object({
    pg: z.string().max(100).optional(),
    channelKey: z.string().max(200).optional(),
    pay_method: z.enum(['card', 'vbank', 'trans']).default('card'),
    merchant_uid: z.string().min(1).max(200),
    /** iamport's 빌링키 발급 결제창: the card is registered under this name (with amount 0, registration only). */
    customer_uid: z.string().min(1).max(200).optional(),
    name: z.string().min(1).max(200),
    amount,
    tax_free: amount.optional(),
    currency: z.literal('KRW').optional(),
    buyer_name: z.string().max(100).optional(),
    buyer_email: z.string().max(200).optional(),
    buyer_tel: z.string().max(40).optional(),
    m_redirect_url: httpUrl.optional(),
    notice_url: z.union([httpUrl, z.array(httpUrl).max(5)]).optional(),
    custom_data: z.unknown().optional(),
    language: z.string().max(10).optional(),
    vbank_due: z.string().max(20).optional(),
  }),
});
export type V1CheckoutBody = z.infer<typeof v1CheckoutBody>;

export const localeOf = (value: string | undefined): CheckoutLocale => (value && /^en/i.test(value) ? 'en' : 'ko');

/**
 * The buyer's language of a raw checkout body, read before it is validated so that validation
 * errors already speak it: V2 `request.locale` (EN_US, …), V1 `params.language` (en, …).
 */
export function localeOfRawBody(json: unknown): CheckoutLocale {
  const field = (value: unknown, key: string): unknown => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined);
  const wanted = field(field(json, 'request'), 'locale') ?? field(field(json, 'params'), 'language') ?? field(json, 'locale');
  return localeOf(typeof wanted === 'string' ? wanted : undefined);
}

const customDataText = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' ? value : JSON.stringify(value);

function dueAtOf(expiry: { validHours?: number | undefined; dueDate?: string | undefined } | undefined, now: Date): Date | undefined {
  if (expiry?.dueDate) {
    const due = new Date(expiry.dueDate);
    return Number.isNaN(due.getTime()) ? undefined : due;
  }
  return expiry?.validHours ? new Date(now.getTime() + expiry.validHours * 3_600_000) : undefined;
}

export function checkoutOfV2(body: V2CheckoutBody, now: Date): CheckoutRequest {
  const r = body.request;
  const customer: Record<string, string> = {};
  if (r.customer?.customerId) customer.id = r.customer.customerId;
  if (r.customer?.fullName) customer.name = r.customer.fullName;
  if (r.customer?.email) customer.email = r.customer.email;
  if (r.customer?.phoneNumber) customer.phoneNumber = r.customer.phoneNumber;
  const customData = customDataText(r.customData);
  const dueAt = dueAtOf(r.virtualAccount?.accountExpiry, now);
  const installment = r.card?.installment?.monthOption?.fixedMonth;
  return {
    api: 'V2',
    store: { storeId: r.storeId },
    channel: r.channelKey ? { key: r.channelKey } : undefined,
    paymentId: r.paymentId,
    orderName: r.orderName,
    totalAmount: BigInt(r.totalAmount),
    taxFreeAmount: BigInt(r.taxFreeAmount ?? 0),
    currency: 'KRW',
    method: r.payMethod,
    ...(Object.keys(customer).length ? { customer } : {}),
    ...(customData ? { customData } : {}),
    ...(r.noticeUrls?.length ? { noticeUrls: r.noticeUrls } : {}),
    windowType: body.windowType satisfies WindowType,
    ...(body.device ? { device: body.device } : {}),
    ...(r.redirectUrl ? { redirectUrl: r.redirectUrl } : {}),
    ...(body.origin ? { returnOrigin: body.origin } : {}),
    locale: localeOf(r.locale),
    ...(installment !== undefined ? { installmentMonths: installment } : {}),
    ...(dueAt ? { dueAt } : {}),
  };
}

/** V1's `pg`: "settle" or "settle.<MID>" (PortOne's V1 code of Hecto's domestic module). */
function channelOfV1(params: V1CheckoutBody['params']): CheckoutRequest['channel'] {
  if (params.channelKey) return { key: params.channelKey };
  if (!params.pg) return undefined;
  const [provider = '', mid] = params.pg.split('.', 2);
  return { pgProvider: provider.toUpperCase(), ...(mid ? { mid } : {}) };
}

export function checkoutOfV1(body: V1CheckoutBody): CheckoutRequest {
  const p = body.params;
  const customer: Record<string, string> = {};
  if (p.buyer_name) customer.name = p.buyer_name;
  if (p.buyer_email) customer.email = p.buyer_email;
  if (p.buyer_tel) customer.phoneNumber = p.buyer_tel;
  const customData = customDataText(p.custom_data);
  const noticeUrls = p.notice_url === undefined ? [] : Array.isArray(p.notice_url) ? p.notice_url : [p.notice_url];
  const due = p.vbank_due && /^\d{12,14}$/.test(p.vbank_due) ? kstCompact(p.vbank_due) : undefined;
  return {
    api: 'V1',
    store: { merchantCode: body.merchantCode },
    channel: channelOfV1(p),
    paymentId: p.merchant_uid,
    orderName: p.name,
    totalAmount: BigInt(p.amount),
    taxFreeAmount: BigInt(p.tax_free ?? 0),
    currency: 'KRW',
    method: p.pay_method === 'vbank' ? 'VIRTUAL_ACCOUNT' : p.pay_method === 'trans' ? 'TRANSFER' : 'CARD',
    ...(Object.keys(customer).length ? { customer } : {}),
    ...(customData ? { customData } : {}),
    // V1 notice URLs get V1 bodies: they go to the V1 extras, never to the V2 noticeUrls.
    ...(noticeUrls.length ? { v1NoticeUrls: noticeUrls } : {}),
    windowType: body.windowType,
    ...(body.device ? { device: body.device } : {}),
    ...(p.m_redirect_url ? { redirectUrl: p.m_redirect_url } : {}),
    ...(body.origin ? { returnOrigin: body.origin } : {}),
    locale: localeOf(p.language),
    ...(due ? { dueAt: due } : {}),
  };
}

/** V1's vbank_due "YYYYMMDDhhmm[ss]" in Korean time. */
function kstCompact(value: string): Date | undefined {
  const [y, mo, d, h, mi, s] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8), value.slice(8, 10), value.slice(10, 12), value.slice(12, 14) || '00'];
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+09:00`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** What `PortOne.requestIssueBillingKey` posts: PortOne's IssueBillingKeyRequest (card only) plus the window type. */
export const v2BillingKeyBody = z.object({
  ...windowOfRequest,
  request: z.object({
    ...storeAndChannel,
    billingKeyMethod: z.literal('CARD').default('CARD'),
    issueId: z.string().max(200).optional(),
    issueName: z.string().max(128).optional(),
    ...buyerAndReturn,
  }),
});
export type V2BillingKeyBody = z.infer<typeof v2BillingKeyBody>;

export function billingKeyCheckoutOf(body: V2BillingKeyBody): BillingKeyCheckoutRequest {
  const r = body.request;
  const customer: Record<string, string> = {};
  if (r.customer?.customerId) customer.id = r.customer.customerId;
  if (r.customer?.fullName) customer.name = r.customer.fullName;
  if (r.customer?.email) customer.email = r.customer.email;
  if (r.customer?.phoneNumber) customer.phoneNumber = r.customer.phoneNumber;
  const customData = customDataText(r.customData);
  return {
    store: { storeId: r.storeId },
    ...(r.channelKey ? { channel: { key: r.channelKey } } : {}),
    ...(Object.keys(customer).length ? { customer } : {}),
    ...(customData ? { customData } : {}),
    ...(r.noticeUrls?.length ? { noticeUrls: r.noticeUrls } : {}),
    ...(r.issueName ? { issueName: r.issueName } : {}),
    windowType: body.windowType,
    ...(r.redirectUrl ? { redirectUrl: r.redirectUrl } : {}),
    ...(body.origin ? { returnOrigin: body.origin } : {}),
    locale: localeOf(r.locale),
    ...(body.device ? { device: body.device } : {}),
  };
}

/**
 * `IMP.request_pay` with `customer_uid` and amount 0 (iamport's 빌링키 발급 결제창): a key-only card
 * window whose key is registered as the V1 customer `customer_uid`. Registration with a charge
 * (amount > 0) is refused before any window opens, never done as a plain payment that drops the
 * customer_uid.
 */
export function v1BillingKeyCheckoutOf(body: V1CheckoutBody): BillingKeyCheckoutRequest {
  const p = body.params;
  const customerUid = p.customer_uid ?? '';
  if (p.pay_method !== 'card') {
    throw checkoutErrors.badRequest(
      'customer_uid(빌링키 발급)는 pay_method: card에서만 사용할 수 있습니다.',
      'customer_uid (billing key registration) is only available with pay_method: card.',
    );
  }
  if (p.amount > 0) {
    throw checkoutErrors.badRequest(
      'customer_uid와 함께 0원보다 큰 금액을 결제하는 요청(빌링키 발급과 동시 결제)은 지원하지 않습니다. amount: 0으로 카드를 등록한 뒤 REST API POST /subscribe/payments/again으로 결제해 주세요.',
      'customer_uid with an amount above 0 (registering the card and charging it at once) is not supported. Register the card with amount: 0, then charge it with the REST API POST /subscribe/payments/again.',
    );
  }
  const customer: Record<string, string> = {};
  if (p.buyer_name) customer.name = p.buyer_name;
  if (p.buyer_email) customer.email = p.buyer_email;
  if (p.buyer_tel) customer.phoneNumber = p.buyer_tel;
  const customData = customDataText(p.custom_data);
  const channel = channelOfV1(p);
  return {
    api: 'V1',
    store: { merchantCode: body.merchantCode },
    ...(channel ? { channel } : {}),
    v1: { customerUid, merchantUid: p.merchant_uid },
    ...(Object.keys(customer).length ? { customer } : {}),
    ...(customData ? { customData } : {}),
    issueName: p.name,
    windowType: body.windowType,
    ...(p.m_redirect_url ? { redirectUrl: p.m_redirect_url } : {}),
    ...(body.origin ? { returnOrigin: body.origin } : {}),
    locale: localeOf(p.language),
    ...(body.device ? { device: body.device } : {}),
  };
}
