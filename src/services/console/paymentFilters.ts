import { listChannelsForPaymentFilter } from '../../store/repositories/consoleQueries.ts';
import type { StoreAccess } from '../access.ts';
import type { Deps } from '../deps.ts';

/** The channels 결제 내역 can filter by: deleted ones too, marked, since their payments remain. */
export async function paymentFilterChannels(deps: Deps, access: StoreAccess) {
  const rows = await listChannelsForPaymentFilter(deps.db, access.store.id);
  return { items: rows.map((c) => ({ id: c.id, name: c.name, mode: c.mode, deleted: c.deletedAt !== null })) };
}
