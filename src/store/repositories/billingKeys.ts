import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { billingKeys } from '../schema.ts';

export type BillingKeyRow = typeof billingKeys.$inferSelect;

export async function insertBillingKey(db: Executor, row: typeof billingKeys.$inferInsert): Promise<void> {
  await db.insert(billingKeys).values(row);
}

export async function findBillingKey(db: Executor, storeId: string, id: string): Promise<BillingKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(billingKeys)
    .where(and(eq(billingKeys.storeId, storeId), eq(billingKeys.id, id)))
    .limit(1);
  return row;
}

export async function markBillingKeyDeleted(db: Executor, id: string, at: Date): Promise<BillingKeyRow | undefined> {
  const [row] = await db
    .update(billingKeys)
    .set({ status: 'DELETED', deletedAt: at })
    .where(and(eq(billingKeys.id, id), eq(billingKeys.status, 'ISSUED')))
    .returning();
  return row;
}
