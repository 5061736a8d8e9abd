import { eq } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { pgNotifications } from '../schema.ts';

/** Records a verified notification once; false when this event was already recorded (a duplicate). */
export async function recordPgNotification(db: Executor, row: typeof pgNotifications.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(pgNotifications).values(row).onConflictDoNothing().returning({ id: pgNotifications.id });
  return inserted.length === 1;
}

export async function setPgNotificationOutcome(db: Executor, id: string, outcome: string): Promise<void> {
  await db.update(pgNotifications).set({ outcome }).where(eq(pgNotifications.id, id));
}
