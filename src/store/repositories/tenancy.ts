import { and, eq, lt, sql } from 'drizzle-orm';
import type { ConsoleRole } from '../../domain/tenancy.ts';
import type { Executor } from '../db.ts';
import { consoleSessions, consoleUsers, merchants, stores } from '../schema.ts';

export type MerchantRow = typeof merchants.$inferSelect;
export type StoreRow = typeof stores.$inferSelect;
export type ConsoleUserRow = typeof consoleUsers.$inferSelect;

export async function insertMerchant(db: Executor, row: typeof merchants.$inferInsert): Promise<void> {
  await db.insert(merchants).values(row);
}

export async function merchantCodeExists(db: Executor, code: string): Promise<boolean> {
  const rows = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.code, code)).limit(1);
  return rows.length > 0;
}

export async function findMerchant(db: Executor, merchantId: string): Promise<MerchantRow | undefined> {
  const rows = await db.select().from(merchants).where(eq(merchants.id, merchantId));
  return rows[0];
}

export async function insertStore(db: Executor, row: typeof stores.$inferInsert): Promise<void> {
  await db.insert(stores).values(row);
}

export async function listStoresOfMerchant(db: Executor, merchantId: string): Promise<StoreRow[]> {
  return db.select().from(stores).where(eq(stores.merchantId, merchantId)).orderBy(stores.createdAt);
}

/** The store, only if it belongs to the merchant: another merchant's store is absent. */
export async function findStoreOfMerchant(db: Executor, merchantId: string, storeId: string): Promise<StoreRow | undefined> {
  const rows = await db
    .select()
    .from(stores)
    .where(and(eq(stores.id, storeId), eq(stores.merchantId, merchantId)));
  return rows[0];
}

export async function findStore(db: Executor, storeId: string): Promise<StoreRow | undefined> {
  const rows = await db.select().from(stores).where(eq(stores.id, storeId));
  return rows[0];
}

export async function countMerchants(db: Executor): Promise<number> {
  const rows = await db.select({ id: merchants.id }).from(merchants).limit(1);
  return rows.length;
}

export async function insertConsoleUser(
  db: Executor,
  row: { id: string; merchantId: string | null; email: string; passwordHash: string; role: ConsoleRole | null; isPlatformOperator?: boolean },
): Promise<void> {
  await db.insert(consoleUsers).values(row);
}

export async function findConsoleUserByEmail(db: Executor, email: string): Promise<ConsoleUserRow | undefined> {
  const rows = await db.select().from(consoleUsers).where(eq(consoleUsers.email, email));
  return rows[0];
}

export async function findConsoleUser(db: Executor, id: string): Promise<ConsoleUserRow | undefined> {
  const rows = await db.select().from(consoleUsers).where(eq(consoleUsers.id, id));
  return rows[0];
}

/**
 * Counts one failed login atomically (concurrent guesses cannot undercount) and sets the lock
 * when the count reaches `lockAfter`. Returns the new count and lock.
 */
export async function recordLoginFailure(
  db: Executor,
  userId: string,
  lockAfter: number,
  lockedUntilIfReached: Date,
): Promise<{ failedLoginCount: number; lockedUntil: Date | null }> {
  const rows = await db
    .update(consoleUsers)
    .set({
      failedLoginCount: sql`${consoleUsers.failedLoginCount} + 1`,
      lockedUntil: sql`case when ${consoleUsers.failedLoginCount} + 1 >= ${lockAfter} then ${lockedUntilIfReached.toISOString()}::timestamptz else ${consoleUsers.lockedUntil} end`,
    })
    .where(eq(consoleUsers.id, userId))
    .returning({ failedLoginCount: consoleUsers.failedLoginCount, lockedUntil: consoleUsers.lockedUntil });
  return rows[0] ?? { failedLoginCount: 0, lockedUntil: null };
}

export async function recordLoginSuccess(db: Executor, userId: string, at: Date): Promise<void> {
  await db
    .update(consoleUsers)
    .set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at })
    .where(eq(consoleUsers.id, userId));
}

export async function insertSession(db: Executor, row: typeof consoleSessions.$inferInsert): Promise<void> {
  await db.insert(consoleSessions).values(row);
}

export async function findSession(db: Executor, tokenHash: string): Promise<typeof consoleSessions.$inferSelect | undefined> {
  const rows = await db.select().from(consoleSessions).where(eq(consoleSessions.tokenHash, tokenHash));
  return rows[0];
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(consoleSessions).where(eq(consoleSessions.tokenHash, tokenHash));
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const rows = await db.delete(consoleSessions).where(lt(consoleSessions.expiresAt, now)).returning({ tokenHash: consoleSessions.tokenHash });
  return rows.length;
}
