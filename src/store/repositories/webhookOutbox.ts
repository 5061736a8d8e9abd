import type { Executor } from '../db.ts';
import { webhookOutbox } from '../schema.ts';

export type WebhookOutboxRow = typeof webhookOutbox.$inferSelect;
export type NewWebhookOutboxRow = typeof webhookOutbox.$inferInsert;

export async function insertOutboxRows(db: Executor, rows: NewWebhookOutboxRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(webhookOutbox).values(rows);
}
