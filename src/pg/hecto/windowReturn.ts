import type { PaymentWindowReturn } from '../contract.ts';
import { OUT_STAT, describeResultCode, parseFormBody } from './codec/index.ts';

/**
 * What the window's nextUrl / cancUrl post says, UNVERIFIED (Hecto puts no hash on it): only a
 * hint for the buyer-facing message. Whether money moved is settled by a notification or an
 * inquiry, never by this.
 */
export function parseWindowReturn(rawBody: string): PaymentWindowReturn {
  // An unverified body: NULs (which nothing can store) are dropped before anything is read.
  const fields = parseFormBody(rawBody.replaceAll('\u0000', '').replaceAll('%00', ''));
  const code = fields.outRsltCd ?? '';
  const info = code ? describeResultCode(code) : undefined;
  const claims =
    fields.outStatCd === OUT_STAT.success || fields.outStatCd === OUT_STAT.vaWaiting
      ? 'success'
      : code === '0009' || info?.reason === 'USER_CANCELLED'
        ? 'cancelled'
        : 'failure';
  return {
    claims,
    ...(fields.mchtTrdNo ? { requestId: fields.mchtTrdNo } : {}),
    ...(code && claims !== 'success' ? { code } : {}),
    ...(fields.outRsltMsg && claims !== 'success' ? { message: fields.outRsltMsg } : {}),
    ...(info && claims !== 'success' ? { messageKo: info.ko, messageEn: info.en } : {}),
  };
}
