import { liveGate } from '../../domain/contract.ts';
import type { Bilingual } from '../errors.ts';
import type { CheckoutLocale } from './session.ts';

/**
 * Why a checkout could not start, with the code PortOne's browser SDK reports for it
 * (TxServicePayErrorCode / CheckoutServiceErrorCode) and a message a buyer may read.
 */
export type CheckoutErrorCode =
  | 'BadRequest'
  | 'StoreNotFound'
  | 'ChannelNotFound'
  | 'InvalidEntityState'
  | 'AmountNotEqualToPredefined'
  | 'PaymentAlreadyPaid'
  | 'PaymentNotFound';

export class CheckoutError extends Error {
  constructor(
    readonly code: CheckoutErrorCode,
    readonly text: Bilingual,
    readonly status: number = 400,
    /** A page of paymux's the SDK shows the buyer in the window instead of closing it at once. */
    readonly refusalPage?: string,
  ) {
    super(text.en);
    this.name = 'CheckoutError';
  }

  messageIn(locale: CheckoutLocale): string {
    return this.text[locale];
  }
}

/** What the LIVE-gate refusal page says: the domain's message for a review not yet complete. */
export function liveReviewRefusalText(): Bilingual {
  const gate = liveGate([]);
  return gate.allowed ? { ko: '', en: '' } : gate.message;
}

/** Where the SDK shows the LIVE-gate refusal to the buyer (src/http/checkout/index.ts serves it). */
export const liveReviewRefusalPath = '/checkout/refused/card-review';

export const checkoutErrors = {
  /**
   * LIVE payments before any card company approved (카드사 심사): PortOne's code for an entity whose
   * state does not allow the request, with a page telling the buyer why (not "channel not found").
   */
  liveReviewIncomplete: (text: Bilingual) => new CheckoutError('InvalidEntityState', text, 403, liveReviewRefusalPath),
  badRequest: (detailKo: string, detailEn: string) =>
    new CheckoutError('BadRequest', { ko: `결제 요청이 올바르지 않습니다: ${detailKo}`, en: `The payment request is invalid: ${detailEn}` }),
  storeNotFound: () => new CheckoutError('StoreNotFound', { ko: '상점을 찾을 수 없습니다.', en: 'The store was not found.' }, 404),
  channelNotFound: () =>
    new CheckoutError('ChannelNotFound', { ko: '결제 채널을 찾을 수 없습니다. 채널 키를 확인해 주세요.', en: 'The payment channel was not found. Check the channel key.' }, 404),
  methodNotSupported: () =>
    new CheckoutError('BadRequest', { ko: '이 채널에서 지원하지 않는 결제수단입니다.', en: 'This channel does not support the payment method.' }),
  billingNotSupported: () =>
    new CheckoutError('BadRequest', {
      ko: '이 채널은 빌링키 발급을 지원하지 않습니다. 빌링키 발급이 가능한 채널(예: nxca_ks_gu)을 사용해 주세요.',
      en: 'This channel cannot issue billing keys. Use a billing-capable channel (e.g. nxca_ks_gu).',
    }),
  cardAmountOutOfRange: (min: bigint, max: bigint) =>
    new CheckoutError('BadRequest', {
      ko: `카드 결제 금액은 ${min.toLocaleString('ko-KR')}원 이상 ${max.toLocaleString('ko-KR')}원 이하여야 합니다.`,
      en: `Card payments must be between KRW ${min.toLocaleString('en-US')} and KRW ${max.toLocaleString('en-US')}.`,
    }),
  amountMismatch: (registered: bigint) =>
    new CheckoutError(
      'AmountNotEqualToPredefined',
      { ko: `결제 금액이 사전 등록된 금액(${registered.toLocaleString('ko-KR')}원)과 다릅니다.`, en: `The amount differs from the pre-registered amount (${registered} KRW).` },
      409,
    ),
  alreadyPaid: () =>
    new CheckoutError('PaymentAlreadyPaid', { ko: '이미 결제되었거나 결제가 진행 중인 주문입니다.', en: 'This order is already paid or being paid.' }, 409),
  attemptNotFound: () =>
    new CheckoutError('PaymentNotFound', { ko: '결제 정보를 찾을 수 없거나 이미 처리되었습니다.', en: 'The payment was not found or has already been handled.' }, 404),
};
