import { and, asc, count, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { ScheduleStatus } from '../../domain/payments/schedule.ts';
import type { Executor } from '../db.ts';
import { paymentSchedules } from '../schema.ts';

export type ScheduleRow = typeof paymentSchedules.$inferSelect;

/** Inserts a schedule; false when the payment id already has a live one (the unique index says so). */
export async function insertSchedule(db: Executor, row: typeof paymentSchedules.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(paymentSchedules).values(row).onConflictDoNothing().returning({ id: paymentSchedules.id });
  return inserted.length === 1;
}

export async function findSchedule(db: Executor, storeId: string, id: string): Promise<ScheduleRow | undefined> {
  const [row] = await db
    .select()
    .from(paymentSchedules)
    .where(and(eq(paymentSchedules.storeId, storeId), eq(paymentSchedules.id, id)))
    .limit(1);
  return row;
}

export interface ScheduleFilter {
  storeId: string;
  billingKey?: string;
  statuses?: readonly ScheduleStatus[];
  from?: Date;
  until?: Date;
}

export async function listSchedules(db: Executor, filter: ScheduleFilter, page: { number: number; size: number }) {
  const where: SQL[] = [eq(paymentSchedules.storeId, filter.storeId)];
  if (filter.billingKey) where.push(eq(paymentSchedules.billingKey, filter.billingKey));
  if (filter.statuses?.length) where.push(inArray(paymentSchedules.status, [...filter.statuses]));
  if (filter.from) where.push(gte(paymentSchedules.timeToPay, filter.from));
  if (filter.until) where.push(lt(paymentSchedules.timeToPay, filter.until));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(paymentSchedules)
      .where(and(...where))
      .orderBy(asc(paymentSchedules.timeToPay), asc(paymentSchedules.id))
      .limit(page.size)
      .offset(page.number * page.size),
    db.select({ n: count() }).from(paymentSchedules).where(and(...where)),
  ]);
  return { rows, totalCount: total?.n ?? 0 };
}

/** Revokes the SCHEDULED ones among the selection; answers the ids revoked. */
export async function revokeSchedules(db: Executor, storeId: string, selection: { ids?: readonly string[]; billingKey?: string }, at: Date): Promise<string[]> {
  const where: SQL[] = [eq(paymentSchedules.storeId, storeId), eq(paymentSchedules.status, 'SCHEDULED')];
  if (selection.ids) where.push(inArray(paymentSchedules.id, [...selection.ids]));
  if (selection.billingKey) where.push(eq(paymentSchedules.billingKey, selection.billingKey));
  const rows = await db
    .update(paymentSchedules)
    .set({ status: 'REVOKED', revokedAt: at })
    .where(and(...where))
    .returning({ id: paymentSchedules.id });
  return rows.map((r) => r.id);
}

/** Takes due schedules for one worker (SKIP LOCKED, so two workers never take the same one). */
export async function claimDueSchedules(db: Executor, now: Date, limit: number): Promise<ScheduleRow[]> {
  const due = db
    .select({ id: paymentSchedules.id })
    .from(paymentSchedules)
    .where(and(eq(paymentSchedules.status, 'SCHEDULED'), lte(paymentSchedules.timeToPay, now)))
    .orderBy(asc(paymentSchedules.timeToPay))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(paymentSchedules)
    .set({ status: 'STARTED', startedAt: now })
    .where(inArray(paymentSchedules.id, sql`(${due})`))
    .returning();
}

/**
 * Takes schedules left STARTED or PENDING since before `startedBefore` (a worker died after taking
 * one, or its payment's outcome was unknown) for re-examination, restamping `startedAt` so that
 * another sweeper does not take them again at once.
 */
export async function claimStaleSchedules(db: Executor, startedBefore: Date, now: Date, limit: number): Promise<ScheduleRow[]> {
  const stale = db
    .select({ id: paymentSchedules.id })
    .from(paymentSchedules)
    .where(and(inArray(paymentSchedules.status, ['STARTED', 'PENDING']), lt(paymentSchedules.startedAt, startedBefore)))
    .orderBy(asc(paymentSchedules.startedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(paymentSchedules)
    .set({ startedAt: now })
    .where(inArray(paymentSchedules.id, sql`(${stale})`))
    .returning();
}

/** A store's schedules among `ids`, locked until the transaction ends (revocation checks, then revokes). */
export async function lockSchedules(db: Executor, storeId: string, ids: readonly string[]): Promise<ScheduleRow[]> {
  return db
    .select()
    .from(paymentSchedules)
    .where(and(eq(paymentSchedules.storeId, storeId), inArray(paymentSchedules.id, [...ids])))
    .for('update');
}

/** Records a schedule's result; a schedule already finished (or revoked) keeps its status. */
export async function finishSchedule(db: Executor, id: string, status: 'SUCCEEDED' | 'FAILED' | 'PENDING', at: Date): Promise<boolean> {
  const updated = await db
    .update(paymentSchedules)
    .set({ status, completedAt: status === 'PENDING' ? null : at })
    .where(and(eq(paymentSchedules.id, id), inArray(paymentSchedules.status, ['STARTED', 'PENDING'])))
    .returning({ id: paymentSchedules.id });
  return updated.length === 1;
}
