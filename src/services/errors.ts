/**
 * An expected failure of a use case, in paymux's words. Each HTTP dialect (V2, V1, console)
 * renders it its own way; the message is bilingual because the console shows it to people.
 */
export type ServiceErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'LOCKED'
  | 'CONFLICT'
  /** The PG refused, failed, or its answer is still unknown. */
  | 'PG_PROVIDER';

/** PortOne V2's error types of the payment API (`{type}` of its error bodies). */
export type PaymentErrorType =
  | 'INVALID_REQUEST'
  | 'PAYMENT_NOT_FOUND'
  | 'BILLING_KEY_NOT_FOUND'
  | 'CHANNEL_NOT_FOUND'
  | 'PAYMENT_SCHEDULE_NOT_FOUND'
  | 'WEBHOOK_NOT_FOUND'
  | 'ALREADY_PAID'
  | 'ALREADY_PAID_OR_WAITING'
  | 'PAYMENT_NOT_PAID'
  | 'PAYMENT_ALREADY_CANCELLED'
  | 'CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT'
  | 'CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT'
  | 'CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT'
  | 'CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN'
  | 'PAYMENT_CANCELLATION_NOT_PENDING'
  | 'BILLING_KEY_ALREADY_DELETED'
  | 'PAYMENT_NOT_WAITING_FOR_DEPOSIT'
  | 'PAYMENT_SCHEDULE_ALREADY_EXISTS'
  | 'PAYMENT_SCHEDULE_ALREADY_PROCESSED'
  | 'PAYMENT_SCHEDULE_ALREADY_REVOKED'
  | 'PG_PROVIDER';

/** The PortOne detail a payment error carries besides paymux's code. */
export interface PaymentErrorDetail {
  type: PaymentErrorType;
  pgCode?: string;
  pgMessage?: string;
  /** PG_PROVIDER only: the outcome is unknown and an inquiry will settle it (not rendered). */
  pending?: boolean;
}

export interface Bilingual {
  ko: string;
  en: string;
}

export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    readonly text: Bilingual,
    /** The input field at fault, when there is one. */
    readonly field?: string,
    /** PortOne's error type (and PG codes) when the V2 API must name it exactly. */
    readonly payment?: PaymentErrorDetail,
  ) {
    super(text.en);
    this.name = 'ServiceError';
  }
}

export const notFound = (what: Bilingual): ServiceError => new ServiceError('NOT_FOUND', what);
export const forbidden = (): ServiceError =>
  new ServiceError('FORBIDDEN', { ko: '이 작업을 할 권한이 없습니다.', en: 'Your role does not allow this action.' });
export const invalidInput = (field: string, text: Bilingual): ServiceError => new ServiceError('INVALID_INPUT', text, field);

const codeOfPaymentError = (type: PaymentErrorType): ServiceErrorCode =>
  type === 'INVALID_REQUEST'
    ? 'INVALID_INPUT'
    : type === 'PG_PROVIDER'
      ? 'PG_PROVIDER'
      : type.endsWith('_NOT_FOUND')
        ? 'NOT_FOUND'
        : 'CONFLICT';

/** A payment API failure with PortOne's type; the console and V1 see the matching generic code. */
export function paymentError(type: PaymentErrorType, text: Bilingual, detail: Omit<PaymentErrorDetail, 'type'> = {}, field?: string): ServiceError {
  return new ServiceError(codeOfPaymentError(type), text, field, { type, ...detail });
}
