import { roleAllows, type ConsoleAction } from '../domain/tenancy.ts';
import type { StoreRow } from '../store/repositories/tenancy.ts';
import { findStoreOfMerchant } from '../store/repositories/tenancy.ts';
import type { Executor } from '../store/db.ts';
import { recordAudit } from './audit.ts';
import type { Actor, Deps } from './deps.ts';
import { forbidden, notFound } from './errors.ts';
import type { SessionView } from './tenancy.ts';

/** A console member acting on one of their merchant's stores. */
export interface StoreAccess {
  store: StoreRow;
  merchantId: string;
  actor: Actor;
}

const storeNotFound = () => notFound({ ko: '상점을 찾을 수 없습니다.', en: 'Store not found.' });

/**
 * Another merchant's store is absent (404), never "forbidden": ids of other tenants must not be
 * confirmable. Within the merchant, the role decides (403).
 */
export async function requireStoreAccess(
  deps: Deps,
  session: SessionView,
  storeId: string,
  action: ConsoleAction,
  ip?: string,
): Promise<StoreAccess> {
  const merchantId = session.merchant?.id;
  const role = session.user.role;
  if (!merchantId || !role) throw storeNotFound();
  const store = await findStoreOfMerchant(deps.db, merchantId, storeId);
  if (!store) throw storeNotFound();
  if (!roleAllows(role, action)) throw forbidden();
  return { store, merchantId, actor: { type: 'user', id: session.user.id, ip } };
}

/** An audit entry for a change a member made to one of their stores, in the caller's transaction. */
export function auditStoreChange(
  tx: Executor,
  access: StoreAccess,
  change: { action: string; target: { type: string; id: string | null }; before?: unknown; after?: unknown; at: Date },
): Promise<void> {
  return recordAudit(tx, { actor: access.actor, merchantId: access.merchantId, storeId: access.store.id, ...change });
}
