import { and, asc, eq, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { prepared } from '../prepared.ts';
import { payments, pgCalls } from '../schema.ts';
import type { PaymentRow } from './payments.ts';
import { rawRows, rowOf } from '../rows.ts';

export type PgCallRow = typeof pgCalls.$inferSelect;
export type NewPgCallRow = typeof pgCalls.$inferInsert;

export async function insertPgCall(db: Executor, row: NewPgCallRow): Promise<void> {
  await db.insert(pgCalls).values(row);
}

/** Settles a PENDING call; undefined when someone else (an inquiry, the sweep) settled it first. */
export async function settlePgCall(
  db: Executor,
  id: string,
  settlement: { outcome: 'approved' | 'declined' | 'unknown'; record: Record<string, unknown> | null; at: Date; final: boolean },
): Promise<PgCallRow | undefined> {
  const [row] = await db
    .update(pgCalls)
    .set({
      outcome: settlement.outcome,
      ...(settlement.record ? { record: settlement.record } : {}),
      ...(settlement.final ? { status: 'SETTLED' as const, settledAt: settlement.at } : {}),
    })
    .where(and(eq(pgCalls.id, id), eq(pgCalls.status, 'PENDING')))
    .returning();
  return row;
}

export async function findPgCall(db: Executor, id: string): Promise<PgCallRow | undefined> {
  const [row] = await db.select().from(pgCalls).where(eq(pgCalls.id, id)).limit(1);
  return row;
}

/** Calls still PENDING that started before `startedBefore`: unknown outcomes, or a crash mid-call. */
export async function listPendingPgCalls(db: Executor, startedBefore: Date, limit = 100): Promise<PgCallRow[]> {
  return db
    .select()
    .from(pgCalls)
    .where(and(eq(pgCalls.status, 'PENDING'), lt(pgCalls.startedAt, startedBefore)))
    .orderBy(asc(pgCalls.startedAt))
    .limit(limit);
}

export async function listPgCallsOfPayment(db: Executor, paymentRowId: string): Promise<PgCallRow[]> {
  return db.select().from(pgCalls).where(eq(pgCalls.paymentRowId, paymentRowId)).orderBy(asc(pgCalls.startedAt));
}

export async function findPgCallByRequestId(db: Executor, requestId: string): Promise<PgCallRow | undefined> {
  const query = prepared(db, 'pg_call_by_request_id', (db) => db.select().from(pgCalls).where(eq(pgCalls.requestId, sql.placeholder('requestId'))).limit(1));
  const [row] = await query.execute({ requestId });
  return row;
}

/**
 * The PG call with this request id and its payment, the payment row locked (FOR UPDATE OF the
 * payment only: the lock order stays payment, then its calls). Undefined when no call has it or
 * the call belongs to no payment.
 */
export async function lockPaymentOfPgCall(db: Executor, requestId: string): Promise<{ call: PgCallRow; payment: PaymentRow } | undefined> {
  // The call travels as JSON beside the payment's own columns (the two tables share column names).
  const [raw] = await rawRows(
    db,
    sql`select to_jsonb(c) as pg_call_json, p.* from ${pgCalls} c join ${payments} p on p.id = c.payment_row_id
        where c.request_id = ${requestId} limit 1 for update of p`,
  );
  if (!raw) return undefined;
  const json = raw.pg_call_json;
  return { call: rowOf(pgCalls, (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>), payment: rowOf(payments, raw) };
}
