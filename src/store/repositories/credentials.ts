import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { prepared } from '../prepared.ts';
import { apiSecrets, channels, payments, stores, v1Credentials } from '../schema.ts';
import type { ChannelRow } from './channels.ts';
import type { PaymentRow } from './payments.ts';

export type ApiSecretRow = typeof apiSecrets.$inferSelect;
export type V1CredentialRow = typeof v1Credentials.$inferSelect;

export async function insertApiSecret(db: Executor, row: typeof apiSecrets.$inferInsert): Promise<void> {
  await db.insert(apiSecrets).values(row);
}

export async function listApiSecrets(db: Executor, storeId: string): Promise<ApiSecretRow[]> {
  return db.select().from(apiSecrets).where(eq(apiSecrets.storeId, storeId)).orderBy(desc(apiSecrets.createdAt));
}

export async function findApiSecret(db: Executor, storeId: string, id: string): Promise<ApiSecretRow | undefined> {
  const rows = await db
    .select()
    .from(apiSecrets)
    .where(and(eq(apiSecrets.id, id), eq(apiSecrets.storeId, storeId)));
  return rows[0];
}

/** Revokes once: the first revocation's time stays. Returns the row as revoked, or undefined if absent. */
export async function revokeApiSecret(db: Executor, storeId: string, id: string, at: Date): Promise<ApiSecretRow | undefined> {
  const rows = await db
    .update(apiSecrets)
    .set({ revokedAt: at })
    .where(and(eq(apiSecrets.id, id), eq(apiSecrets.storeId, storeId), isNull(apiSecrets.revokedAt)))
    .returning();
  return rows[0] ?? findApiSecret(db, storeId, id);
}

/** What authenticating a V2 request needs of a secret: its store's merchant, whether it is revoked, when last used. */
export type ApiSecretWithMerchant = Pick<ApiSecretRow, 'id' | 'storeId' | 'revokedAt' | 'lastUsedAt'> & { merchantId: string };

// Only the columns authentication reads: every column costs parsing on every request.
const callerColumns = {
  id: apiSecrets.id,
  storeId: apiSecrets.storeId,
  revokedAt: apiSecrets.revokedAt,
  lastUsedAt: apiSecrets.lastUsedAt,
  merchantId: stores.merchantId,
};

/** The channel columns a rendered payment shows (PortOne's `channel` object). */
const channelSummaryColumns = {
  id: channels.id,
  key: channels.key,
  name: channels.name,
  mode: channels.mode,
  pgProvider: channels.pgProvider,
  mid: channels.mid,
};
export type ChannelSummary = Pick<ChannelRow, keyof typeof channelSummaryColumns>;

/** The secret and its store's merchant in one round trip (every V2 request asks this). */
export async function findApiSecretWithMerchant(
  db: Executor,
  by: { secretHash: string } | { id: string },
): Promise<ApiSecretWithMerchant | undefined> {
  const byId = 'id' in by;
  const query = prepared(db, byId ? 'api_secret_by_id' : 'api_secret_by_hash', (db) =>
    db
      .select(callerColumns)
      .from(apiSecrets)
      .innerJoin(stores, eq(stores.id, apiSecrets.storeId))
      .where(byId ? eq(apiSecrets.id, sql.placeholder('key')) : eq(apiSecrets.secretHash, sql.placeholder('key'))),
  );
  const [row] = await query.execute({ key: byId ? by.id : by.secretHash });
  return row;
}

/**
 * `GET /payments/{id}` in one round trip: the caller's secret (as findApiSecretWithMerchant) and,
 * in the secret's store, the payment with its channel. The secret's checks (revoked, last used)
 * stay with the caller; a payment of another store is never joined.
 */
export async function findApiSecretWithPayment(
  db: Executor,
  by: { secretHash: string } | { id: string },
  paymentId: string,
): Promise<{ secret: ApiSecretWithMerchant; found: { payment: PaymentRow; channel: ChannelSummary | null } | undefined } | undefined> {
  const byId = 'id' in by;
  const query = prepared(db, byId ? 'api_secret_by_id_with_payment' : 'api_secret_by_hash_with_payment', (db) =>
    db
      .select({ secret: callerColumns, payment: payments, channel: channelSummaryColumns })
      .from(apiSecrets)
      .innerJoin(stores, eq(stores.id, apiSecrets.storeId))
      .leftJoin(payments, and(eq(payments.storeId, apiSecrets.storeId), eq(payments.paymentId, sql.placeholder('paymentId'))))
      .leftJoin(channels, eq(channels.id, payments.channelId))
      .where(byId ? eq(apiSecrets.id, sql.placeholder('key')) : eq(apiSecrets.secretHash, sql.placeholder('key'))),
  );
  const [row] = await query.execute({ key: byId ? by.id : by.secretHash, paymentId });
  if (!row) return undefined;
  return {
    secret: row.secret,
    found: row.payment ? { payment: row.payment, channel: row.channel } : undefined,
  };
}

/** Records use at most once a minute per secret (the condition holds under concurrent requests too). */
export async function touchApiSecret(db: Executor, id: string, at: Date): Promise<void> {
  const aMinuteAgo = new Date(at.getTime() - 60_000);
  await db
    .update(apiSecrets)
    .set({ lastUsedAt: at })
    .where(and(eq(apiSecrets.id, id), or(isNull(apiSecrets.lastUsedAt), lt(apiSecrets.lastUsedAt, aMinuteAgo))));
}

/**
 * Moves the secret's refresh generation from `expected` to the next one; undefined when another
 * login or refresh got there first (or the secret is revoked), which invalidates the old token.
 */
export async function advanceRefreshGeneration(db: Executor, id: string, expected: number | undefined): Promise<number | undefined> {
  const rows = await db
    .update(apiSecrets)
    .set({ refreshGeneration: sql`${apiSecrets.refreshGeneration} + 1` })
    .where(
      and(
        eq(apiSecrets.id, id),
        isNull(apiSecrets.revokedAt),
        expected === undefined ? undefined : eq(apiSecrets.refreshGeneration, expected),
      ),
    )
    .returning({ refreshGeneration: apiSecrets.refreshGeneration });
  return rows[0]?.refreshGeneration;
}

export async function upsertV1Credential(db: Executor, row: typeof v1Credentials.$inferInsert): Promise<void> {
  await db
    .insert(v1Credentials)
    .values(row)
    .onConflictDoUpdate({
      target: v1Credentials.storeId,
      set: { impSecretHash: row.impSecretHash, maskedImpSecret: row.maskedImpSecret, rotatedAt: row.rotatedAt ?? null },
    });
}

export async function findV1Credential(db: Executor, storeId: string): Promise<V1CredentialRow | undefined> {
  const rows = await db.select().from(v1Credentials).where(eq(v1Credentials.storeId, storeId));
  return rows[0];
}

export async function findV1CredentialByKey(db: Executor, impKey: string): Promise<V1CredentialRow | undefined> {
  const rows = await db.select().from(v1Credentials).where(eq(v1Credentials.impKey, impKey));
  return rows[0];
}
