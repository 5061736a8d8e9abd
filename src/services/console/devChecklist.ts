import { devChecklistKeys, type DevChecklistKey } from '../../domain/contract.ts';
import { devChecklistFacts } from '../../store/repositories/consoleQueries.ts';
import type { Executor } from '../../store/db.ts';
import type { StoreAccess } from '../access.ts';
import type { Deps } from '../deps.ts';

// 개발진행 checklist: ticked from what happened in the store, never by hand.

export { devChecklistKeys, type DevChecklistKey };

export interface DevChecklistItem {
  key: DevChecklistKey;
  done: boolean;
  /** What ticked it: channel names, a payment id, or when the endpoint answered. */
  evidence: string | null;
}

export interface DevChecklist {
  items: DevChecklistItem[];
  complete: boolean;
}

/**
 * - testChannel: a TEST channel exists (not deleted);
 * - windowPayment: a TEST payment that came through the payment window reached 결제완료;
 * - testCancel: a cancel the merchant asked for on a TEST payment succeeded (the PG's nightly
 *   auto-cancel does not count: it proves nothing about the merchant's integration);
 * - webhook: the store's webhook endpoint answered a delivery with 2xx.
 */
export async function devChecklist(deps: Deps, access: StoreAccess): Promise<DevChecklist> {
  return devChecklistOfStore(deps.db, access.store.id);
}

/** The checklist of one store, for the console and for the card-review precondition. */
export async function devChecklistOfStore(db: Executor, storeId: string): Promise<DevChecklist> {
  const facts = await devChecklistFacts(db, storeId);
  const items: DevChecklistItem[] = [
    { key: 'testChannel', done: facts.testChannels.length > 0, evidence: facts.testChannels.map((c) => c.name).join(', ') || null },
    { key: 'windowPayment', done: facts.windowTestPaymentId !== null, evidence: facts.windowTestPaymentId },
    { key: 'testCancel', done: facts.cancelledTestPaymentId !== null, evidence: facts.cancelledTestPaymentId },
    { key: 'webhook', done: facts.webhookAnsweredAt !== null, evidence: facts.webhookAnsweredAt?.toISOString() ?? null },
  ];
  return { items, complete: items.every((item) => item.done) };
}
