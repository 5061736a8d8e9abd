import type { PgDeclined, PgUnknown } from '../../pg/contract.ts';
import type { PaymentRow } from '../../store/repositories/payments.ts';
import { chargeRefusal } from '../../domain/payments/status.ts';
import { paymentError, type ServiceError } from '../errors.ts';

export const paymentNotFound = (paymentId: string): ServiceError =>
  paymentError('PAYMENT_NOT_FOUND', { ko: `결제 건이 존재하지 않습니다: ${paymentId}`, en: `Payment not found: ${paymentId}` });

export const pgDeclined = (declined: PgDeclined): ServiceError =>
  paymentError(
    'PG_PROVIDER',
    { ko: `PG사에서 거절했습니다: ${declined.messageKo}`, en: `The PG declined: ${declined.messageEn}` },
    { pgCode: declined.code, pgMessage: declined.message },
  );

/** The PG's answer is unknown: the payment stays pending and an inquiry will settle it. */
export const pgPending = (unknown: PgUnknown, pgCode = ''): ServiceError =>
  paymentError(
    'PG_PROVIDER',
    {
      ko: 'PG사 응답을 확인하지 못했습니다. 결제 결과는 확인 중(pending)이며, 조회로 확정되면 웹훅으로 알려 드립니다.',
      en: 'The PG did not answer clearly; the result is pending and will be settled by an inquiry (a webhook follows).',
    },
    { pgCode, pgMessage: `${unknown.cause}: ${unknown.detail}`, pending: true },
  );

/** Why an existing payment refuses a new charge (another request won the claim, or it is done). */
export function chargeRefused(existing: PaymentRow, amount: bigint): ServiceError {
  const refusal = chargeRefusal(existing.status);
  if (refusal === 'ALREADY_PAID') return paymentError('ALREADY_PAID', { ko: '이미 결제된 건입니다.', en: 'The payment is already paid.' });
  if (refusal === 'ALREADY_PAID_OR_WAITING') {
    return paymentError('ALREADY_PAID_OR_WAITING', {
      ko: '이미 결제되었거나 결제 진행 중인 건입니다.',
      en: 'The payment is already paid or waiting for its result.',
    });
  }
  return paymentError(
    'INVALID_REQUEST',
    {
      ko: `사전 등록된 결제 정보(금액 ${existing.totalAmount}원)와 요청이 다릅니다.`,
      en: `The request differs from the pre-registered payment (amount ${existing.totalAmount} won, asked ${amount}).`,
    },
    {},
    'amount.total',
  );
}
