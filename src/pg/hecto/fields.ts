import { koreanTimestamp, parseKoreanDateTime, type CardFields } from './codec/index.ts';
import type { CardExpiry, KeyedCard, Won } from '../contract.ts';

/** Conversions between the contract's values and Hecto's field strings. */

/** Won as Hecto's decimal string. A negative amount is a bug in the caller. */
export function wonToWire(amount: Won): string {
  if (amount < 0n) throw new RangeError('amounts sent to Hecto must not be negative');
  return amount.toString();
}

const DIGITS = /^\d{1,15}$/;

/** Hecto's amount string as won; undefined when it is not plain digits. */
export function wireToWon(value: string | undefined): Won | undefined {
  return value !== undefined && DIGITS.test(value) ? BigInt(value) : undefined;
}

/** "YYMM" or {year, month} → Hecto's MM and YY. Malformed input is sent as is and Hecto answers CA20. */
export function expiryFields(expiry: CardExpiry): { vldDtMon: string; vldDtYear: string } {
  if (typeof expiry === 'string') {
    const compact = expiry.replace(/\D/g, '');
    return { vldDtYear: compact.slice(0, 2), vldDtMon: compact.slice(2, 4) };
  }
  return {
    vldDtYear: String(expiry.year % 100).padStart(2, '0'),
    vldDtMon: String(expiry.month).padStart(2, '0'),
  };
}

export function cardFields(card: KeyedCard): CardFields {
  return {
    cardNo: card.number.replace(/[\s-]/g, ''),
    ...expiryFields(card.expiry),
    ...(card.birthOrBusinessNumber ? { idntNo: card.birthOrBusinessNumber.replace(/\D/g, '') } : {}),
    ...(card.passwordTwoDigits ? { cardPwd: card.passwordTwoDigits } : {}),
  };
}

/** 0 → "00" (lump sum). */
export function installmentField(months: number | undefined): string {
  return String(Math.max(0, Math.trunc(months ?? 0))).padStart(2, '0');
}

/** An instant as Hecto's Korean YYYYMMDDhhmmss. */
export function koreanDateTime(at: Date): string {
  return koreanTimestamp(at).trdDtm;
}

export function fromKoreanDateTime(value: string | undefined): Date | undefined {
  return value ? parseKoreanDateTime(value) : undefined;
}
