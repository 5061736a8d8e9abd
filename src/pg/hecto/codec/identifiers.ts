import { koreanTimestamp } from './time.ts';

/**
 * Hecto identifier formats, inferred from the spec's examples:
 * `STFP_PGCAnxca_jt_il0211129135810M1494620` = "STFP_PG" + method(2) + MID right-padded with "0"
 * to 10 + "0" + yyMMddHHmmss (Korean time) + "M" + 7 digits (40 characters).
 */
export function formatTrdNo(method: string, mchtId: string, at: Date, sequence: number): string {
  const { trdDtm } = koreanTimestamp(at);
  return `STFP_PG${method.slice(0, 2)}${padMid(mchtId)}0${trdDtm.slice(2)}M${seven(sequence)}`;
}

const TRD_NO = /^STFP_PG[A-Z]{2}.{10}0\d{12}M\d{7}$/;

export function isTrdNo(value: string): boolean {
  return TRD_NO.test(value);
}

/**
 * Billing key, modelled on the spec's `SBILL_PGCAnxca_ks_gu20222609990921093117`:
 * "SBILL_PGCA" + MID padded to 10 + yyyy + 6 digits + MMddHHmmss (40 characters).
 */
export function formatBillKey(mchtId: string, at: Date, sequence: number): string {
  const { trdDtm } = koreanTimestamp(at);
  const six = String(sequence % 1_000_000).padStart(6, '0');
  return `SBILL_PGCA${padMid(mchtId)}${trdDtm.slice(0, 4)}${six}${trdDtm.slice(4)}`;
}

export function isBillKey(value: string): boolean {
  return value.startsWith('SBILL_');
}

/** Masks a card number as first 6 + `*` + last 4 (the spec shows `522112******1621`). */
export function maskCardNo(cardNo: string): string {
  const digits = cardNo.replace(/\D/g, '');
  if (digits.length < 10) return '*'.repeat(digits.length);
  return digits.slice(0, 6) + '*'.repeat(digits.length - 10) + digits.slice(-4);
}

/** `cnclOrd` of the n-th cancel of a payment: 1 → "001". */
export function formatCancelRound(n: number): string {
  return String(n).padStart(3, '0');
}

function padMid(mchtId: string): string {
  return mchtId.slice(0, 10).padEnd(10, '0');
}

function seven(sequence: number): string {
  return String(sequence % 10_000_000).padStart(7, '0');
}
