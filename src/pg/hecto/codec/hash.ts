import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * pktHash: lowercase hex SHA-256 of fields concatenated without separator, then the license key
 * (라이센스키). Amounts are always the plain value; a message without amount hashes the literal "0".
 */
export function sha256Hex(input: string): string {
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

/** Server API request (pay, billing pay, VA issue/change, inquiry): amount is `trdAmt`. */
export interface ServerRequestHashInput {
  trdDt: string;
  trdTm: string;
  mchtId: string;
  mchtTrdNo: string;
  /** Plain amount for pay/VA/inquiry, `cnclAmt` for cancel/refund, "0" where the message has none. */
  amount: string;
}

export function serverRequestHash(input: ServerRequestHashInput, licenseKey: string): string {
  return sha256Hex(input.trdDt + input.trdTm + input.mchtId + input.mchtTrdNo + input.amount + licenseKey);
}

/** The literal used for messages without amount (billing-key issue/delete, VA issue-cancel). */
export const NO_AMOUNT = '0';

/** Payment window request: mchtId + method + mchtTrdNo + trdDt + trdTm + trdAmt + key. */
export interface WindowRequestHashInput {
  mchtId: string;
  /** The window word: `card`, `vbank`, `bank`, … */
  method: string;
  mchtTrdNo: string;
  trdDt: string;
  trdTm: string;
  trdAmt: string;
}

export function windowRequestHash(input: WindowRequestHashInput, licenseKey: string): string {
  return sha256Hex(
    input.mchtId + input.method + input.mchtTrdNo + input.trdDt + input.trdTm + input.trdAmt + licenseKey,
  );
}

/** Notification (Hecto → merchant): outStatCd + trdDtm (14 digits) + mchtId + mchtTrdNo + trdAmt + key. */
export interface NotificationHashInput {
  outStatCd: string;
  trdDtm: string;
  mchtId: string;
  mchtTrdNo: string;
  trdAmt: string;
}

export function notificationHash(input: NotificationHashInput, licenseKey: string): string {
  return sha256Hex(input.outStatCd + input.trdDtm + input.mchtId + input.mchtTrdNo + input.trdAmt + licenseKey);
}

/**
 * One reading of the spec's reply hash: outStatCd + trdDt + trdTm + mchtId + mchtTrdNo + amount + key.
 * The spec also says replies echo the request hash; which one Hecto sends is unsettled, so a client
 * must not reject a reply on it.
 */
export function serverReplyHash(outStatCd: string, input: ServerRequestHashInput, licenseKey: string): string {
  return sha256Hex(
    outStatCd + input.trdDt + input.trdTm + input.mchtId + input.mchtTrdNo + input.amount + licenseKey,
  );
}

/** Constant-time, case-insensitive comparison (one spec example is upper case). */
export function hashesEqual(expected: string, received: string | undefined): boolean {
  if (received === undefined) return false;
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
