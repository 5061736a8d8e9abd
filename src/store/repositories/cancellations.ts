import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { cancellations } from '../schema.ts';

export type CancellationRow = typeof cancellations.$inferSelect;

export async function insertCancellation(db: Executor, row: typeof cancellations.$inferInsert): Promise<void> {
  await db.insert(cancellations).values(row);
}

export async function settleCancellation(
  db: Executor,
  id: string,
  patch: { status: 'SUCCEEDED' | 'FAILED'; pgCancellationId?: string | null; cancelledAt?: Date | null },
): Promise<CancellationRow | undefined> {
  const [row] = await db
    .update(cancellations)
    .set(patch)
    .where(and(eq(cancellations.id, id), eq(cancellations.status, 'REQUESTED')))
    .returning();
  return row;
}

export async function findCancellation(db: Executor, id: string): Promise<CancellationRow | undefined> {
  const [row] = await db.select().from(cancellations).where(eq(cancellations.id, id)).limit(1);
  return row;
}

export async function listCancellations(db: Executor, paymentRowIds: readonly string[]): Promise<CancellationRow[]> {
  if (paymentRowIds.length === 0) return [];
  return db
    .select()
    .from(cancellations)
    .where(inArray(cancellations.paymentRowId, [...paymentRowIds]))
    .orderBy(asc(cancellations.requestedAt), asc(cancellations.sequence));
}

export async function countSucceededCancellations(db: Executor, paymentRowId: string): Promise<number> {
  const rows = await db
    .select({ id: cancellations.id })
    .from(cancellations)
    .where(and(eq(cancellations.paymentRowId, paymentRowId), eq(cancellations.status, 'SUCCEEDED')));
  return rows.length;
}

export async function findCancellationByPgId(db: Executor, paymentRowId: string, pgCancellationId: string): Promise<CancellationRow | undefined> {
  const [row] = await db
    .select()
    .from(cancellations)
    .where(and(eq(cancellations.paymentRowId, paymentRowId), eq(cancellations.pgCancellationId, pgCancellationId)))
    .limit(1);
  return row;
}

export async function findRequestedCancellation(db: Executor, paymentRowId: string): Promise<CancellationRow | undefined> {
  const [row] = await db
    .select()
    .from(cancellations)
    .where(and(eq(cancellations.paymentRowId, paymentRowId), eq(cancellations.status, 'REQUESTED')))
    .limit(1);
  return row;
}
