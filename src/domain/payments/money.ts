/** Money is integer won (`bigint`) everywhere inside paymux; JSON numbers only at the API edge. */
export type Won = bigint;

export const MAX_WON = 9_999_999_999n;

/** An API integer as won; undefined when it is not a safe non-negative integer. */
export function wonFromApi(value: number): Won | undefined {
  if (!Number.isSafeInteger(value) || value < 0) return undefined;
  return BigInt(value);
}

/** Won as a JSON number (PortOne's amounts are integers; ours stay below 2^53). */
export function wonToApi(value: Won): number {
  return Number(value);
}

/** VAT of the taxable part, rounded like Korean receipts: (total − taxFree) / 11. */
export function vatOf(total: Won, taxFree: Won): Won {
  const taxable = total - taxFree;
  return taxable <= 0n ? 0n : (taxable + 5n) / 11n;
}
