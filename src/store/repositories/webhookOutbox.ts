import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { webhookAttempts, webhookOutbox } from '../schema.ts';

export type WebhookOutboxRow = typeof webhookOutbox.$inferSelect;
export type NewWebhookOutboxRow = typeof webhookOutbox.$inferInsert;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
export type NewWebhookAttempt = Omit<typeof webhookAttempts.$inferInsert, 'id'>;

export async function insertOutboxRows(db: Executor, rows: NewWebhookOutboxRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(webhookOutbox).values(rows);
}

/**
 * Takes up to `limit` due rows for one deliverer. The rows are locked with SKIP LOCKED, so
 * concurrent claimers (other worker processes) pass over them, and their next_attempt_at moves to
 * `leaseUntil`, so no one else finds them due until the lease runs out (it ends earlier when the
 * attempt is recorded; a deliverer that dies mid-attempt only delays the row to the lease's end).
 * The returned rows carry `leaseUntil` as their nextAttemptAt: it is the claim's token.
 */
export async function claimDueOutboxRows(db: Executor, options: { now: Date; leaseUntil: Date; limit: number }): Promise<WebhookOutboxRow[]> {
  const due = db
    .select({ id: webhookOutbox.id })
    .from(webhookOutbox)
    .where(and(eq(webhookOutbox.status, 'PENDING'), lte(webhookOutbox.nextAttemptAt, options.now)))
    .orderBy(asc(webhookOutbox.nextAttemptAt))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return db
    .update(webhookOutbox)
    .set({ nextAttemptAt: options.leaseUntil })
    .where(and(inArray(webhookOutbox.id, due), eq(webhookOutbox.status, 'PENDING')))
    .returning();
}

export type AttemptOutcome =
  | { status: 'DELIVERED'; at: Date }
  | { status: 'PENDING'; nextAttemptAt: Date }
  | { status: 'GAVE_UP' };

/**
 * Logs one attempt and moves its row on, in one transaction. A failure moves the row only while
 * the caller's claim (`leaseUntil`) still holds, so a deliverer that overran its lease cannot
 * reschedule a row someone else has taken since; a success is always recorded. The attempt
 * itself is logged either way. Returns whether the row was moved.
 */
export async function recordDeliveryAttempt(
  db: Executor,
  claim: { outboxId: string; leaseUntil: Date },
  attempt: Omit<NewWebhookAttempt, 'outboxId'>,
  outcome: AttemptOutcome,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({ ...attempt, outboxId: claim.outboxId });
    const common = { attemptCount: sql`${webhookOutbox.attemptCount} + 1`, lastAttemptAt: attempt.attemptedAt };
    const pending = and(eq(webhookOutbox.id, claim.outboxId), eq(webhookOutbox.status, 'PENDING'));
    const moved =
      outcome.status === 'DELIVERED'
        ? await tx.update(webhookOutbox).set({ ...common, status: 'DELIVERED', deliveredAt: outcome.at }).where(pending).returning({ id: webhookOutbox.id })
        : await tx
            .update(webhookOutbox)
            .set(outcome.status === 'GAVE_UP' ? { ...common, status: 'GAVE_UP' } : { ...common, nextAttemptAt: outcome.nextAttemptAt })
            .where(and(pending, eq(webhookOutbox.nextAttemptAt, claim.leaseUntil)))
            .returning({ id: webhookOutbox.id });
    return moved.length > 0;
  });
}

export async function findOutboxRow(db: Executor, id: string): Promise<WebhookOutboxRow | undefined> {
  const rows = await db.select().from(webhookOutbox).where(eq(webhookOutbox.id, id));
  return rows[0];
}

/** Every webhook of one payment of one store, newest first. */
export async function listPaymentOutboxRows(db: Executor, storeId: string, paymentId: string, apiVersion: 'V2' | 'V1'): Promise<WebhookOutboxRow[]> {
  return db
    .select()
    .from(webhookOutbox)
    .where(and(eq(webhookOutbox.storeId, storeId), eq(webhookOutbox.paymentId, paymentId), eq(webhookOutbox.apiVersion, apiVersion)))
    .orderBy(desc(webhookOutbox.createdAt), asc(webhookOutbox.id));
}

/** The attempts of one row, oldest first. */
export async function listDeliveryAttempts(db: Executor, outboxId: string): Promise<WebhookAttemptRow[]> {
  return db.select().from(webhookAttempts).where(eq(webhookAttempts.outboxId, outboxId)).orderBy(asc(webhookAttempts.id));
}
