import { CARD_MAX_AMOUNT, CARD_MIN_AMOUNT, koreanTimestamp, maskCardNo, parseKoreanDateTime } from '../pg/hecto/codec/index.ts';
import { lookupCard, type CardBehaviour, type CardIssuer } from './testCards.ts';

/** Card checks shared by the keyed-in API, billing-key issue and the non-authenticated window form. */
export interface PlainCardFields {
  cardNo?: string;
  vldDtMon?: string;
  vldDtYear?: string;
  idntNo?: string;
  cardPwd?: string;
}

export interface AcceptedCard {
  behaviour: CardBehaviour;
  issuer: CardIssuer;
  masked: string;
}

export type CardCheck = { ok: true; card: AcceptedCard } | { ok: false; code: string };

/**
 * Validates card fields: number (CA13), expiry (CA20), and for 카유비생 MIDs the password digits
 * (CA27) and birth date / business number (CA30). 카유 MIDs ignore the last two.
 */
export function checkCard(fields: PlainCardFields, now: Date, requiresPasswordAndBirthDate: boolean): CardCheck {
  const cardNo = (fields.cardNo ?? '').replace(/[\s-]/g, '');
  const known = lookupCard(cardNo);
  if (!known) return { ok: false, code: 'CA13' };
  if (!validExpiry(fields.vldDtMon, fields.vldDtYear, now)) return { ok: false, code: 'CA20' };
  if (requiresPasswordAndBirthDate) {
    if (!/^\d{2}$/.test(fields.cardPwd ?? '')) return { ok: false, code: 'CA27' };
    if (!validIdentity(fields.idntNo ?? '')) return { ok: false, code: 'CA30' };
  }
  return { ok: true, card: { behaviour: known.behaviour, issuer: known.issuer, masked: maskCardNo(cardNo) } };
}

function validExpiry(month: string | undefined, year: string | undefined, now: Date): boolean {
  if (!/^(0[1-9]|1[0-2])$/.test(month ?? '') || !/^\d{2}$/.test(year ?? '')) return false;
  const { trdDt } = koreanTimestamp(now);
  const current = Number(trdDt.slice(0, 6)); // YYYYMM
  return Number(`20${year}${month}`) >= current;
}

/** YYMMDD birth date (a real calendar date) or a 10-digit business registration number. */
function validIdentity(value: string): boolean {
  if (/^\d{10}$/.test(value)) return true;
  if (!/^\d{6}$/.test(value)) return false;
  // Either century is fine; the date only has to exist.
  return ['19', '20'].some((century) => parseKoreanDateTime(`${century}${value}`) !== undefined);
}

export function amountOutOfCardRange(amount: number): boolean {
  return amount < CARD_MIN_AMOUNT || amount > CARD_MAX_AMOUNT;
}

/** A card company approval number (8 digits). */
export function newApprovalNo(): string {
  return String(Math.floor(Math.random() * 100_000_000)).padStart(8, '0');
}
