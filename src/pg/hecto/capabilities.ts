import { CARD_MAX_AMOUNT, CARD_MIN_AMOUNT, HECTO_TEST_MERCHANTS } from './codec/index.ts';
import type { PgCapabilities } from '../registry.ts';

/** What a Hecto MID can do, as data: the published test MIDs as documented; a contracted MID all of it. */
export function hectoCapabilities(mid: string): PgCapabilities {
  const test = HECTO_TEST_MERCHANTS.find((m) => m.mchtId === mid);
  // CA42: Hecto takes card amounts from 1,000 to 99,999,999 won.
  const cardAmount = { min: BigInt(CARD_MIN_AMOUNT), max: BigInt(CARD_MAX_AMOUNT) };
  if (!test) return { keyIn: true, billing: true, virtualAccount: true, transfer: true, cardAmount, windowCardForm: 'CARD_COMPANY' };
  const windowCardForm = test.cardWindow !== 'NON_AUTH' ? 'CARD_COMPANY' : test.keyIn === 'OLD_AUTH' ? 'NUMBER_EXPIRY_PASSWORD_BIRTH' : 'NUMBER_EXPIRY';
  return { keyIn: test.keyIn !== undefined, billing: test.billing, virtualAccount: test.virtualAccount !== undefined, transfer: test.transfer, cardAmount, windowCardForm };
}
