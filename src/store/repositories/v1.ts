import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { prepared } from '../prepared.ts';
import { channels, payments, stores, v1AccessTokens, v1Credentials, v1Customers, v1Payments } from '../schema.ts';
import type { ChannelRow } from './channels.ts';
import type { PaymentRow } from './payments.ts';

export type V1AccessTokenRow = typeof v1AccessTokens.$inferSelect;
export type V1CustomerRow = typeof v1Customers.$inferSelect;
export type V1PaymentRow = typeof v1Payments.$inferSelect;

// ---- access tokens

export async function insertV1AccessToken(db: Executor, row: V1AccessTokenRow): Promise<void> {
  await db.insert(v1AccessTokens).values(row);
}

/** The store's newest token still valid after `validAfter` (issued since the last secret rotation). */
export async function findReusableV1AccessToken(db: Executor, storeId: string, validAfter: Date, issuedSince: Date | null): Promise<V1AccessTokenRow | undefined> {
  const rows = await db
    .select()
    .from(v1AccessTokens)
    .where(
      and(
        eq(v1AccessTokens.storeId, storeId),
        gt(v1AccessTokens.expiresAt, validAfter),
        issuedSince ? sql`${v1AccessTokens.issuedAt} >= ${issuedSince.toISOString()}` : undefined,
      ),
    )
    .orderBy(desc(v1AccessTokens.expiresAt))
    .limit(1);
  return rows[0];
}

/** A valid token by its hash, with its store's merchant and the V1 credential's last rotation. */
export async function findV1AccessToken(db: Executor, tokenHash: string, now: Date) {
  const rows = await db
    .select({ token: v1AccessTokens, merchantId: stores.merchantId, rotatedAt: v1Credentials.rotatedAt })
    .from(v1AccessTokens)
    .innerJoin(stores, eq(stores.id, v1AccessTokens.storeId))
    .innerJoin(v1Credentials, eq(v1Credentials.storeId, v1AccessTokens.storeId))
    .where(and(eq(v1AccessTokens.tokenHash, tokenHash), gt(v1AccessTokens.expiresAt, now)));
  return rows[0];
}

// ---- customers (customer_uid → billing key)

export async function findV1Customer(db: Executor, storeId: string, customerUid: string): Promise<V1CustomerRow | undefined> {
  const rows = await db
    .select()
    .from(v1Customers)
    .where(and(eq(v1Customers.storeId, storeId), eq(v1Customers.customerUid, customerUid)));
  return rows[0];
}

export async function upsertV1Customer(db: Executor, row: V1CustomerRow): Promise<void> {
  await db
    .insert(v1Customers)
    .values(row)
    .onConflictDoUpdate({ target: [v1Customers.storeId, v1Customers.customerUid], set: { billingKey: row.billingKey, updatedAt: row.updatedAt } });
}

export async function deleteV1Customer(db: Executor, storeId: string, customerUid: string): Promise<void> {
  await db.delete(v1Customers).where(and(eq(v1Customers.storeId, storeId), eq(v1Customers.customerUid, customerUid)));
}

// ---- V1 extras of payments

export async function findV1Payment(db: Executor, storeId: string, paymentId: string): Promise<V1PaymentRow | undefined> {
  const query = prepared(db, 'v1_payment_of_store', (db) =>
    db
      .select()
      .from(v1Payments)
      .where(and(eq(v1Payments.storeId, sql.placeholder('storeId')), eq(v1Payments.paymentId, sql.placeholder('paymentId')))),
  );
  const [row] = await query.execute({ storeId, paymentId });
  return row;
}

export async function listV1Payments(db: Executor, storeId: string, paymentIds: readonly string[]): Promise<V1PaymentRow[]> {
  if (paymentIds.length === 0) return [];
  return db
    .select()
    .from(v1Payments)
    .where(and(eq(v1Payments.storeId, storeId), inArray(v1Payments.paymentId, [...paymentIds])));
}

/** Records a V1 request's notice URLs and customer; later requests replace what they name. */
export async function upsertV1Payment(
  db: Executor,
  row: { storeId: string; paymentId: string; noticeUrls?: string[]; customerUid?: string; createdAt: Date },
): Promise<void> {
  const set = {
    ...(row.noticeUrls ? { noticeUrls: row.noticeUrls } : {}),
    ...(row.customerUid ? { customerUid: row.customerUid } : {}),
  };
  const insert = db.insert(v1Payments).values({ ...row, noticeUrls: row.noticeUrls ?? null, customerUid: row.customerUid ?? null });
  await (Object.keys(set).length ? insert.onConflictDoUpdate({ target: [v1Payments.storeId, v1Payments.paymentId], set }) : insert.onConflictDoNothing());
}

export async function setV1CancelWebhookRequested(db: Executor, storeId: string, paymentId: string, requested: boolean, at: Date): Promise<void> {
  await db
    .insert(v1Payments)
    .values({ storeId, paymentId, cancelWebhookRequested: requested, createdAt: at })
    .onConflictDoUpdate({ target: [v1Payments.storeId, v1Payments.paymentId], set: { cancelWebhookRequested: requested } });
}

/** Takes the `enable_webhook` request of an API cancel: true once, then cleared. */
export async function takeV1CancelWebhookRequest(db: Executor, storeId: string, paymentId: string): Promise<boolean> {
  const rows = await db
    .update(v1Payments)
    .set({ cancelWebhookRequested: false })
    .where(and(eq(v1Payments.storeId, storeId), eq(v1Payments.paymentId, paymentId), eq(v1Payments.cancelWebhookRequested, true)))
    .returning({ paymentId: v1Payments.paymentId });
  return rows.length > 0;
}

// ---- payments by iamport's imp_uid (= transactionId)

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Payments of a store by transaction id; ids that are not UUIDs simply match nothing. */
export async function findPaymentsByTransactionIds(
  db: Executor,
  storeId: string,
  transactionIds: readonly string[],
): Promise<{ payment: PaymentRow; channel: ChannelRow | null }[]> {
  const ids = transactionIds.filter((id) => uuidPattern.test(id));
  if (ids.length === 0) return [];
  return db
    .select({ payment: payments, channel: channels })
    .from(payments)
    .leftJoin(channels, eq(channels.id, payments.channelId))
    .where(and(eq(payments.storeId, storeId), inArray(payments.transactionId, ids)));
}
