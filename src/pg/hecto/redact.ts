import type { RedactedMessage } from '../contract.ts';

/**
 * What of a Hecto message may enter a payment's history. An allow-list, so a field Hecto adds
 * later is hidden until someone decides it is harmless. Values are the PLAIN ones (amounts in
 * won): ciphertexts never enter the history, since anyone holding the published test key — or a
 * leaked live key — could open them. Card numbers appear masked (first 6 + last 4), expiry,
 * password digits, birth dates, hashes, billing keys and buyers' bank accounts never.
 */
const SHOWN = new Set([
  // envelope
  'mchtId', 'ver', 'method', 'bizType', 'encCd', 'mchtTrdNo', 'trdDt', 'trdTm', 'trdDtm', 'trdNo',
  'outStatCd', 'outRsltCd', 'outRsltMsg', 'mobileYn', 'osType',
  // order
  'pmtprdNm', 'pmtPrdtNm', 'prdtNm', 'sellerNm', 'mchtName', 'instmtMon', 'ninstmtTypeCd', 'crcCd',
  'mchtCustId', 'notiUrl', 'nextUrl', 'cancUrl', 'keyRegYn',
  // amounts (plain)
  'trdAmt', 'cnclAmt', 'blcAmt', 'cardCnclAmt', 'pntCnclAmt', 'coupCnclAmt', 'taxTypeCd', 'taxAmt',
  'vatAmt', 'taxFreeAmt', 'svcAmt',
  // card result
  'issrId', 'cardNm', 'cardKind', 'cardCd', 'apprNo', 'cardApprNo',
  // cancel and inquiry
  'orgTrdNo', 'orgTrdDt', 'orgMchtTrdNo', 'cnclOrd', 'cnclRsn', 'cnclType',
  // virtual account
  'bankCd', 'bankNm', 'acntType', 'vAcntNo', 'expireDate', 'expireDt', 'refundBankCd',
]);

const MASKED = new Set(['cardNo']);

export const REDACTED = '[redacted]';

/** First 6 + last 4 characters; everything between becomes `*` (also safe on a masked value). */
export function maskCardNumber(value: string): string {
  const compact = value.replace(/[\s-]/g, '');
  if (compact.length <= 10) return '*'.repeat(compact.length);
  return compact.slice(0, 6) + '*'.repeat(compact.length - 10) + compact.slice(-4);
}

export function redactFields(fields: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (MASKED.has(name)) result[name] = maskCardNumber(value);
    else result[name] = SHOWN.has(name) || value === '' ? value : REDACTED;
  }
  return result;
}

/** A server-API envelope for the history. */
export function redactEnvelope(
  params: Readonly<Record<string, string | undefined>>,
  data: Readonly<Record<string, string | undefined>>,
): RedactedMessage {
  return { params: redactFields(params), data: redactFields(data) };
}
