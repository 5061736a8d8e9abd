import { OUT_RSLT_OK, OUT_STAT, describeResultCode, type PaymuxFailureReason, type WireFields } from './codec/index.ts';
import type { PgDeclined, PgFailureReason, PgPaymentMethod, PgTransactionState, PgUnknown } from '../contract.ts';

/**
 * Hecto codes ⇄ paymux outcomes, in one place. `classifyReply` is the single function that turns a
 * reply's status into approved / declined / unknown; everything not provably one of the first two
 * is unknown.
 */

// Compile-time proof that every reason in Hecto's table is one the contract knows.
const reasonFitsContract = (reason: PaymuxFailureReason): PgFailureReason => reason;

export type Classified =
  | { readonly kind: 'ok' }
  | { readonly kind: 'declined'; readonly declined: PgDeclined }
  | { readonly kind: 'unknown'; readonly unknown: PgUnknown };

export const unknown = (cause: PgUnknown['cause'], detail: string): PgUnknown => ({ outcome: 'unknown', cause, detail });

/**
 * A reply is a success only when outStatCd is one of `okStatuses` (0021; VA issue also 0051) and
 * outRsltCd is 0000. A refusal is a decline only when its code is in the table and marked as a
 * decline; an uncertain or unmapped code, or a contradiction (success status with a reject code),
 * is unknown.
 */
export function classifyReply(params: WireFields, okStatuses: readonly string[] = [OUT_STAT.success]): Classified {
  const status = params.outStatCd ?? '';
  const code = params.outRsltCd ?? '';
  if (okStatuses.includes(status) && code === OUT_RSLT_OK) return { kind: 'ok' };
  if (status !== OUT_STAT.failure) {
    return { kind: 'unknown', unknown: unknown('uncertain_code', `outStatCd ${status || '(none)'} with outRsltCd ${code || '(none)'}`) };
  }
  const declined = declineOf(code, params.outRsltMsg ?? '');
  if (!declined) return { kind: 'unknown', unknown: unknown('uncertain_code', `Hecto code ${code || '(none)'} does not prove a refusal`) };
  return { kind: 'declined', declined };
}

/** The decline for a code the table marks as a refusal; undefined for uncertain or unmapped codes. */
export function declineOf(code: string, message: string): PgDeclined | undefined {
  const info = describeResultCode(code);
  if (!info || info.outcome !== 'DECLINED' || !info.reason) return undefined;
  return {
    outcome: 'declined',
    code,
    message: message || info.ko,
    reason: reasonFitsContract(info.reason),
    messageKo: info.ko,
    messageEn: info.en,
    retryable: info.retryable,
  };
}

/** paymux method → Hecto's two-letter method code. */
export const METHOD_CODES: Readonly<Record<PgPaymentMethod, string>> = {
  CARD: 'CA',
  VIRTUAL_ACCOUNT: 'VA',
  TRANSFER: 'RA',
};

export function paymentMethodOf(code: string): PgPaymentMethod | undefined {
  switch (code) {
    case 'CA':
      return 'CARD';
    case 'VA':
      return 'VIRTUAL_ACCOUNT';
    case 'RA':
      return 'TRANSFER';
    default:
      return undefined;
  }
}

/**
 * Inquiry (`APITrdcheck`) result codes are states, not outcomes (spec §38.7): 0000 normal (VA:
 * deposited), 0001 cancelled (VA: refunded), 0009 failed. A waiting virtual account has no code in
 * the spec; 0051 (the VA "issued, waiting" status) is read as waiting. ST06 means Hecto has no such
 * transaction, which is itself the answer after a request that never arrived.
 */
export function inquiryStateOf(params: WireFields, cancelledAmount: bigint | undefined): PgTransactionState | undefined {
  const code = params.outRsltCd ?? '';
  switch (code) {
    case '0000':
      if (params.outStatCd === OUT_STAT.vaWaiting) return 'WAITING_FOR_DEPOSIT';
      return cancelledAmount !== undefined && cancelledAmount > 0n ? 'PARTIAL_CANCELLED' : 'PAID';
    case '0001':
      return 'CANCELLED';
    case '0009':
      return 'FAILED';
    case '0051':
      return 'WAITING_FOR_DEPOSIT';
    case 'ST06':
      return 'NOT_FOUND';
    default:
      return undefined;
  }
}
