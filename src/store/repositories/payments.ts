import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { CancellableBalance } from '../../domain/payments/cancel.ts';
import type { PaymentStatus } from '../../domain/payments/status.ts';
import type { Executor } from '../db.ts';
import { prepared } from '../prepared.ts';
import { channels, payments, pgCalls } from '../schema.ts';
import { selectRowsOf } from '../rows.ts';
import type { ChannelRow } from './channels.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type NewPaymentRow = typeof payments.$inferInsert;
export type PaymentPatch = Partial<Omit<NewPaymentRow, 'id' | 'storeId' | 'paymentId'>>;

/**
 * The charge claim: inserts the payment as PAY_PENDING, or takes over an existing row only when
 * it may be charged (READY or FAILED, and a pre-registered amount equal to this one). One
 * statement, so of any number of concurrent claims on one payment id exactly one gets a row.
 */
function claimStatement(db: Executor, row: NewPaymentRow & { status: 'PAY_PENDING' }) {
  const { id: _id, storeId: _s, paymentId: _p, requestedAt: _r, ...takeover } = row;
  return db
    .insert(payments)
    .values(row)
    .onConflictDoUpdate({
      target: [payments.storeId, payments.paymentId],
      set: { ...takeover, failure: null, failedAt: null, pgTxId: null, methodDetail: row.methodDetail ?? null },
      setWhere: sql`${payments.status} in ('READY', 'FAILED') and (not ${payments.preRegistered} or (${payments.totalAmount} = excluded.total_amount and ${payments.taxFreeAmount} = excluded.tax_free_amount and ${payments.currency} = excluded.currency))`,
    });
}

/** The PENDING PG call a claim opens (everything else comes from the claimed payment row). */
export interface ClaimedCall {
  id: string;
  operation: string;
  requestId: string;
  startedAt: Date;
}

/**
 * The claim and its PENDING PG call in ONE statement (a data-modifying CTE): atomic without a
 * transaction, one round trip instead of four. Of concurrent claims on one payment id exactly
 * one gets the row (and so the call); the others get nothing and no call is written.
 */
export async function claimPaymentWithCall(db: Executor, row: NewPaymentRow & { status: 'PAY_PENDING' }, call: ClaimedCall): Promise<PaymentRow | undefined> {
  const claim = claimStatement(db, row).returning().getSQL();
  const [claimed] = await selectRowsOf(
    db,
    payments,
    sql`with claimed as (${claim}), call as (
      insert into ${pgCalls} (id, store_id, payment_row_id, channel_id, operation, request_id, amount, status, started_at)
      select ${call.id}::uuid, store_id, id, channel_id, ${call.operation}::text, ${call.requestId}::text, total_amount, 'PENDING', ${call.startedAt}::timestamptz
      from claimed
    )
    select * from claimed`,
  );
  return claimed;
}

/** Pre-registration: a READY row, or an update of a READY one; undefined when the id is already in use. */
export async function upsertPreRegistration(db: Executor, row: NewPaymentRow & { status: 'READY' }): Promise<PaymentRow | undefined> {
  const [saved] = await db
    .insert(payments)
    .values(row)
    .onConflictDoUpdate({
      target: [payments.storeId, payments.paymentId],
      set: { totalAmount: row.totalAmount, taxFreeAmount: row.taxFreeAmount, currency: row.currency, updatedAt: row.updatedAt, preRegistered: true },
      setWhere: sql`${payments.status} = 'READY'`,
    })
    .returning();
  return saved;
}

export async function findPayment(db: Executor, storeId: string, paymentId: string): Promise<{ payment: PaymentRow; channel: ChannelRow | null } | undefined> {
  const query = prepared(db, 'payment_of_store', (db) =>
    db
      .select({ payment: payments, channel: channels })
      .from(payments)
      .leftJoin(channels, eq(channels.id, payments.channelId))
      .where(and(eq(payments.storeId, sql.placeholder('storeId')), eq(payments.paymentId, sql.placeholder('paymentId'))))
      .limit(1),
  );
  const [found] = await query.execute({ storeId, paymentId });
  return found;
}

export async function findPaymentByRowId(db: Executor, id: string): Promise<PaymentRow | undefined> {
  const [found] = await db.select().from(payments).where(eq(payments.id, id)).limit(1);
  return found;
}

/** What of a payment row its cancel arithmetic (src/domain/payments/cancel.ts) needs. */
export function cancellableBalanceOf(payment: PaymentRow): CancellableBalance {
  return {
    paid: payment.totalAmount,
    taxFree: payment.taxFreeAmount,
    cancelled: payment.cancelledAmount,
    cancelledTaxFree: payment.cancelledTaxFreeAmount,
    reserved: payment.reservedCancelAmount,
    reservedTaxFree: payment.reservedCancelTaxFreeAmount,
  };
}

/**
 * Locks a payment row by its row id. Every transaction that changes a payment and its PG calls
 * takes this lock first, so they all lock in one order (payment, then calls) and cannot deadlock.
 */
export async function lockPaymentRow(db: Executor, id: string): Promise<PaymentRow | undefined> {
  const [found] = await selectRowsOf(db, payments, sql`select * from ${payments} where id = ${id} for update`);
  return found;
}

/** Locks the payment row for the rest of the transaction (cancel reservations). */
export async function lockPayment(db: Executor, storeId: string, paymentId: string): Promise<PaymentRow | undefined> {
  const [found] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.storeId, storeId), eq(payments.paymentId, paymentId)))
    .for('update')
    .limit(1);
  return found;
}

/**
 * Applies `patch` only if the payment is still in one of `from` (and, when given, still on the
 * attempt `transactionId`): a settlement that lost a race changes nothing and learns it.
 */
export async function updatePaymentIf(
  db: Executor,
  id: string,
  condition: { from: readonly PaymentStatus[]; transactionId?: string },
  patch: PaymentPatch,
): Promise<PaymentRow | undefined> {
  const where = [eq(payments.id, id), inArray(payments.status, [...condition.from])];
  if (condition.transactionId) where.push(eq(payments.transactionId, condition.transactionId));
  const [updated] = await db
    .update(payments)
    .set(patch)
    .where(and(...where))
    .returning();
  return updated;
}

/** Moves reserved cancel money: `reservedDelta` (negative to release) and `cancelledDelta` (made final). */
export async function adjustCancelAmounts(
  db: Executor,
  id: string,
  delta: { reserved: bigint; reservedTaxFree: bigint; cancelled: bigint; cancelledTaxFree: bigint },
  patch: PaymentPatch = {},
): Promise<PaymentRow> {
  const [updated] = await db
    .update(payments)
    .set({
      ...patch,
      reservedCancelAmount: sql`${payments.reservedCancelAmount} + ${delta.reserved}`,
      reservedCancelTaxFreeAmount: sql`${payments.reservedCancelTaxFreeAmount} + ${delta.reservedTaxFree}`,
      cancelledAmount: sql`${payments.cancelledAmount} + ${delta.cancelled}`,
      cancelledTaxFreeAmount: sql`${payments.cancelledTaxFreeAmount} + ${delta.cancelledTaxFree}`,
    })
    .where(eq(payments.id, id))
    .returning();
  if (!updated) throw new Error(`payment row ${id} vanished`);
  return updated;
}

/** TEST card payments of one Korean day still PAID or PARTIAL_CANCELLED (nightly auto-cancel sync). */
export async function listTestPaymentsToSync(db: Executor, from: Date, until: Date): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.isTest, true),
        inArray(payments.status, ['PAID', 'PARTIAL_CANCELLED']),
        gte(payments.paidAt, from),
        lt(payments.paidAt, until),
      ),
    );
}
