import { HECTO_TEST_MERCHANTS } from './codec/index.ts';
import type { PgCapabilities } from '../registry.ts';

/** What a Hecto MID can do, as data: the published test MIDs as documented; a contracted MID all of it. */
export function hectoCapabilities(mid: string): PgCapabilities {
  const test = HECTO_TEST_MERCHANTS.find((m) => m.mchtId === mid);
  if (!test) return { keyIn: true, billing: true, virtualAccount: true };
  return { keyIn: test.keyIn !== undefined, billing: test.billing, virtualAccount: test.virtualAccount !== undefined };
}
