import { listBillingKeysOfStore } from '../../store/repositories/consoleQueries.ts';
import { auditStoreChange, type StoreAccess } from '../access.ts';
import type { Deps } from '../deps.ts';
import { deleteBillingKey } from '../payments/billingKeys.ts';
import { consolePrincipal } from './principal.ts';

// 빌링키: the store's billing keys (masked cards only) and their deletion.

export interface BillingKeyItem {
  billingKey: string;
  status: 'ISSUED' | 'DELETED';
  card: { maskedNumber: string | null; issuerName: string | null };
  channel: { name: string; mode: 'TEST' | 'LIVE' } | null;
  customerId: string | null;
  issuedAt: string;
  deletedAt: string | null;
}

export async function listStoreBillingKeys(deps: Deps, access: StoreAccess, input: { status?: 'ISSUED' | 'DELETED'; page: number; size: number }) {
  const { rows, totalCount } = await listBillingKeysOfStore(deps.db, access.store.id, input.status ? { status: input.status } : {}, { number: input.page, size: input.size });
  const items: BillingKeyItem[] = rows.map(({ billingKey: row, channel }) => ({
    billingKey: row.id,
    status: row.status,
    card: { maskedNumber: row.card?.maskedNumber ?? null, issuerName: row.card?.issuerName ?? null },
    channel: channel ? { name: channel.name, mode: channel.mode } : null,
    customerId: row.customer?.id ?? null,
    issuedAt: row.issuedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  }));
  return { items, page: { number: input.page, size: input.size, totalCount } };
}

/** Deletes the key at the PG and here (the payments service), then the audit entry. */
export async function deleteStoreBillingKey(deps: Deps, access: StoreAccess, billingKey: string): Promise<{ deletedAt: string }> {
  const deletedAt = await deleteBillingKey(deps, consolePrincipal(access), billingKey);
  await auditStoreChange(deps.db, access, { action: 'billing_key.deleted', target: { type: 'billing_key', id: billingKey }, at: deletedAt });
  return { deletedAt: deletedAt.toISOString() };
}
