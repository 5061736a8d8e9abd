import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { prepared } from '../prepared.ts';
import { channels } from '../schema.ts';

export type ChannelRow = typeof channels.$inferSelect;

export async function insertChannel(db: Executor, row: typeof channels.$inferInsert): Promise<void> {
  await db.insert(channels).values(row);
}

/** The store's channels that are not deleted. */
export async function listChannels(db: Executor, storeId: string): Promise<ChannelRow[]> {
  const query = prepared(db, 'channels_of_store', (db) =>
    db
      .select()
      .from(channels)
      .where(and(eq(channels.storeId, sql.placeholder('storeId')), isNull(channels.deletedAt)))
      .orderBy(asc(channels.createdAt), asc(channels.name)),
  );
  return query.execute({ storeId });
}

/** A live (not deleted) channel, only if it belongs to the store. */
export async function findChannelOfStore(db: Executor, storeId: string, channelId: string): Promise<ChannelRow | undefined> {
  const rows = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.storeId, storeId), isNull(channels.deletedAt)));
  return rows[0];
}

export async function updateChannel(db: Executor, id: string, changes: Partial<ChannelRow>): Promise<ChannelRow> {
  const rows = await db.update(channels).set(changes).where(eq(channels.id, id)).returning();
  return rows[0]!;
}

export async function softDeleteChannel(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .update(channels)
    .set({ deletedAt: at, updatedAt: at, enabled: false, defaultMethods: [] })
    .where(eq(channels.id, id));
}

/** The channel becomes the default for `method`; every other channel of the store stops being it. */
export async function setChannelDefaults(db: Executor, storeId: string, channelId: string, method: string, at: Date): Promise<void> {
  await db
    .update(channels)
    .set({ defaultMethods: sql`array_remove(${channels.defaultMethods}, ${method})`, updatedAt: at })
    .where(and(eq(channels.storeId, storeId), ne(channels.id, channelId), sql`${method} = any(${channels.defaultMethods})`));
  await db
    .update(channels)
    .set({ defaultMethods: sql`array_append(array_remove(${channels.defaultMethods}, ${method}), ${method})`, updatedAt: at })
    .where(eq(channels.id, channelId));
}

export async function noticeIdTaken(db: Executor, noticeId: string): Promise<boolean> {
  const rows = await db.select({ id: channels.id }).from(channels).where(eq(channels.hectoNoticeId, noticeId)).limit(1);
  return rows.length > 0;
}

export async function findChannelById(db: Executor, id: string): Promise<ChannelRow | undefined> {
  const [row] = await db.select().from(channels).where(eq(channels.id, id)).limit(1);
  return row;
}

/** Live channels of one PG merchant id, across stores (TEST MIDs are shared by every store). */
export async function listChannelsByMid(db: Executor, pgProvider: string, mid: string): Promise<ChannelRow[]> {
  const query = prepared(db, 'channels_by_mid', (db) =>
    db
      .select()
      .from(channels)
      .where(and(eq(channels.pgProvider, sql.placeholder('pgProvider')), eq(channels.mid, sql.placeholder('mid')), isNull(channels.deletedAt)))
      .limit(50),
  );
  return query.execute({ pgProvider, mid });
}
