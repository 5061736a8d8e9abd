import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { channels } from '../schema.ts';

export type ChannelRow = typeof channels.$inferSelect;

export async function insertChannel(db: Executor, row: typeof channels.$inferInsert): Promise<void> {
  await db.insert(channels).values(row);
}

export async function listChannels(db: Executor, storeId: string): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.storeId, storeId), isNull(channels.deletedAt)))
    .orderBy(asc(channels.createdAt), asc(channels.name));
}
