import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { merchants, payments, pgCalls, stores } from '../schema.ts';
import type { PaymentRow, NewPaymentRow } from './payments.ts';
import type { PgCallRow } from './pgCalls.ts';
import type { StoreRow } from './tenancy.ts';

/** The pg_calls operation of a payment-window attempt (the buyer's browser posts the request). */
export const PAYMENT_WINDOW_OPERATION = 'paymentWindow';

/**
 * Opens a window attempt on a payment id: inserts the READY payment, or takes over an existing
 * READY or FAILED one when its pre-registered amount (if any) is the same. The status is left as
 * it is (a retry of a FAILED payment stays FAILED until its window ends); one statement decides,
 * so a PAID or pending payment id is never reopened. Undefined when refused.
 */
export async function openWindowPayment(db: Executor, row: NewPaymentRow & { status: 'READY' }): Promise<PaymentRow | undefined> {
  const { id: _id, storeId: _s, paymentId: _p, status: _status, preRegistered: _pre, ...takeover } = row;
  const [opened] = await db
    .insert(payments)
    .values(row)
    .onConflictDoUpdate({
      target: [payments.storeId, payments.paymentId],
      set: { ...takeover, pgTxId: null, methodDetail: null },
      setWhere: sql`${payments.status} in ('READY', 'FAILED') and (not ${payments.preRegistered} or (${payments.totalAmount} = excluded.total_amount and ${payments.taxFreeAmount} = excluded.tax_free_amount and ${payments.currency} = excluded.currency))`,
    })
    .returning();
  return opened;
}

/** The window attempt's call row: SETTLED with no outcome while the buyer is in the window, so no sweep inquires about it. */
export async function insertWindowCall(db: Executor, row: Omit<typeof pgCalls.$inferInsert, 'operation' | 'status'>): Promise<void> {
  await db.insert(pgCalls).values({ ...row, operation: PAYMENT_WINDOW_OPERATION, status: 'SETTLED' });
}

/** The pg_calls operation of a billing-key window attempt (no payment: the window issues a key only). */
export const BILLING_KEY_WINDOW_OPERATION = 'billingKeyWindow';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Attempt ids are UUIDs: anything else the browser sends matches nothing (never a database error). */
export const isAttemptId = (value: string): boolean => uuidPattern.test(value);

/** A window attempt with its payment, by the attempt id (the txId the browser knows). */
export async function findWindowAttempt(db: Executor, callId: string): Promise<{ call: PgCallRow; payment: PaymentRow } | undefined> {
  if (!isAttemptId(callId)) return undefined;
  const [found] = await db
    .select({ call: pgCalls, payment: payments })
    .from(pgCalls)
    .innerJoin(payments, eq(payments.id, pgCalls.paymentRowId))
    .where(and(eq(pgCalls.id, callId), eq(pgCalls.operation, PAYMENT_WINDOW_OPERATION)))
    .limit(1);
  return found;
}

/** The billing-key window attempt's call row (no payment), SETTLED with no outcome while the buyer is in the window. */
export async function insertBillingKeyWindowCall(db: Executor, row: Omit<typeof pgCalls.$inferInsert, 'operation' | 'status' | 'paymentRowId'>): Promise<void> {
  await db.insert(pgCalls).values({ ...row, operation: BILLING_KEY_WINDOW_OPERATION, status: 'SETTLED' });
}

/** A billing-key window attempt by its id. */
export async function findBillingKeyWindowCall(db: Executor, callId: string): Promise<PgCallRow | undefined> {
  if (!isAttemptId(callId)) return undefined;
  const [found] = await db
    .select()
    .from(pgCalls)
    .where(and(eq(pgCalls.id, callId), eq(pgCalls.operation, BILLING_KEY_WINDOW_OPERATION)))
    .limit(1);
  return found;
}

/** The billing-key window attempt of a PG order number, locked for the caller's transaction. */
export async function lockBillingKeyWindowCallByRequestId(db: Executor, requestId: string): Promise<PgCallRow | undefined> {
  const [found] = await db
    .select()
    .from(pgCalls)
    .where(and(eq(pgCalls.requestId, requestId), eq(pgCalls.operation, BILLING_KEY_WINDOW_OPERATION)))
    .for('update')
    .limit(1);
  return found;
}

/**
 * Records what became of a billing-key window attempt. Only an attempt without an outcome (or
 * `unknown`: pending, waiting for the PG's notice) changes; `overDeclined` also lets a declined one
 * change (the caller has checked, under lock, that only the buyer's side had declined it).
 */
export async function settleBillingKeyWindowCall(
  db: Executor,
  callId: string,
  patch: { outcome?: 'approved' | 'declined' | 'unknown'; record: Record<string, unknown>; settledAt?: Date; overDeclined?: boolean },
): Promise<boolean> {
  const open = patch.overDeclined
    ? sql`(${pgCalls.outcome} is null or ${pgCalls.outcome} in ('unknown', 'declined'))`
    : sql`(${pgCalls.outcome} is null or ${pgCalls.outcome} = 'unknown')`;
  const rows = await db
    .update(pgCalls)
    .set({ record: patch.record, ...(patch.outcome ? { outcome: patch.outcome } : {}), ...(patch.settledAt ? { settledAt: patch.settledAt } : {}) })
    .where(and(eq(pgCalls.id, callId), eq(pgCalls.operation, BILLING_KEY_WINDOW_OPERATION), open))
    .returning({ id: pgCalls.id });
  return rows.length > 0;
}

/** The records of window attempts by id (for V1's `channel`: the device the SDK saw). */
export async function listWindowCallRecords(db: Executor, callIds: readonly string[]): Promise<{ id: string; record: Record<string, unknown> | null }[]> {
  const ids = callIds.filter(isAttemptId);
  if (ids.length === 0) return [];
  return db
    .select({ id: pgCalls.id, record: pgCalls.record })
    .from(pgCalls)
    .where(and(inArray(pgCalls.id, ids), eq(pgCalls.operation, PAYMENT_WINDOW_OPERATION)));
}

/** Records what became of a window attempt; `pending` hands it to the recovery sweep's inquiries. */
export async function updateWindowCall(
  db: Executor,
  callId: string,
  patch: { outcome?: 'approved' | 'declined' | 'unknown'; record?: Record<string, unknown>; settledAt?: Date; pending?: boolean },
): Promise<void> {
  await db
    .update(pgCalls)
    .set({
      ...(patch.outcome ? { outcome: patch.outcome } : {}),
      ...(patch.record ? { record: patch.record } : {}),
      ...(patch.settledAt ? { settledAt: patch.settledAt } : {}),
      ...(patch.pending !== undefined ? { status: patch.pending ? ('PENDING' as const) : ('SETTLED' as const) } : {}),
    })
    .where(and(eq(pgCalls.id, callId), eq(pgCalls.operation, PAYMENT_WINDOW_OPERATION)));
}

/** The store a V1 merchant code (`imp…`) names: its first store. */
export async function findFirstStoreOfMerchantCode(db: Executor, merchantCode: string): Promise<StoreRow | undefined> {
  const [row] = await db
    .select({ store: stores })
    .from(stores)
    .innerJoin(merchants, eq(merchants.id, stores.merchantId))
    .where(eq(merchants.code, merchantCode))
    .orderBy(asc(stores.createdAt))
    .limit(1);
  return row?.store;
}
