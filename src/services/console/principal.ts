import type { StoreAccess } from '../access.ts';
import type { ApiPrincipal } from '../v2Auth.ts';

/**
 * The payment services act for a principal of one store. A console member acting through the
 * console is one, named after them (the audit entry says who it was).
 */
export function consolePrincipal(access: StoreAccess): ApiPrincipal {
  return { storeId: access.store.id, merchantId: access.merchantId, apiSecretId: `console:${access.actor.id}` };
}

/** Whole won as a JSON number (amounts of one payment are far below 2^53). */
export const wonNumber = (amount: bigint): number => Number(amount);
