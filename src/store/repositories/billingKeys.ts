import { and, asc, count, desc, eq, gte, ilike, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { billingKeys, channels } from '../schema.ts';
import type { ChannelRow } from './channels.ts';

export type BillingKeyRow = typeof billingKeys.$inferSelect;

export async function insertBillingKey(db: Executor, row: typeof billingKeys.$inferInsert): Promise<void> {
  await db.insert(billingKeys).values(row);
}

export async function findBillingKey(db: Executor, storeId: string, id: string): Promise<BillingKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(billingKeys)
    .where(and(eq(billingKeys.storeId, storeId), eq(billingKeys.id, id)))
    .limit(1);
  return row;
}

export async function markBillingKeyDeleted(db: Executor, id: string, at: Date): Promise<BillingKeyRow | undefined> {
  const [row] = await db
    .update(billingKeys)
    .set({ status: 'DELETED', deletedAt: at })
    .where(and(eq(billingKeys.id, id), eq(billingKeys.status, 'ISSUED')))
    .returning();
  return row;
}

/** Which time a billing key list filters and sorts by (PortOne's BillingKeyTimeRangeField / SortBy). */
export type BillingKeyTime = 'REQUESTED_AT' | 'ISSUED_AT' | 'DELETED_AT' | 'STATUS_TIMESTAMP';

/** What a text search looks in; `likeValue` is matched case-insensitively as a substring. */
export type BillingKeyTextField = 'BILLING_KEY' | 'PG_MERCHANT_ID' | 'CUSTOMER_NAME' | 'CUSTOMER_EMAIL' | 'CUSTOMER_PHONE_NUMBER' | 'CARD_BIN' | 'CARD_NUMBER';

export interface BillingKeyListFilter {
  storeId: string;
  statuses?: readonly ('ISSUED' | 'DELETED')[];
  timeField: BillingKeyTime;
  from?: Date;
  until?: Date;
  customerId?: string;
  pgProviders?: readonly string[];
  textSearch?: { field: BillingKeyTextField; value: string };
  sortBy: BillingKeyTime;
  sortOrder: 'ASC' | 'DESC';
}

function timeColumn(field: BillingKeyTime): SQL {
  switch (field) {
    case 'REQUESTED_AT':
    case 'ISSUED_AT':
      return sql`${billingKeys.issuedAt}`;
    case 'DELETED_AT':
      return sql`${billingKeys.deletedAt}`;
    case 'STATUS_TIMESTAMP':
      return sql`coalesce(${billingKeys.deletedAt}, ${billingKeys.issuedAt})`;
  }
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function textCondition({ field, value }: { field: BillingKeyTextField; value: string }): SQL | undefined {
  const contains = `%${escapeLike(value)}%`;
  switch (field) {
    case 'BILLING_KEY':
      return ilike(billingKeys.id, contains);
    case 'PG_MERCHANT_ID':
      return ilike(channels.mid, contains);
    case 'CUSTOMER_NAME':
      return sql`${billingKeys.customer}->>'name' ilike ${contains}`;
    case 'CUSTOMER_EMAIL':
      return sql`${billingKeys.customer}->>'email' ilike ${contains}`;
    case 'CUSTOMER_PHONE_NUMBER':
      return sql`${billingKeys.customer}->>'phoneNumber' ilike ${contains}`;
    case 'CARD_BIN':
      // Only the masked number is kept: its first six digits are the BIN.
      return sql`${billingKeys.card}->>'maskedNumber' like ${`${escapeLike(value)}%`}`;
    case 'CARD_NUMBER':
      return sql`${billingKeys.card}->>'maskedNumber' like ${contains}`;
  }
}

/** A page of the store's billing keys with their channels; ties broken by id so pages are stable. */
export async function listBillingKeys(
  db: Executor,
  filter: BillingKeyListFilter,
  page: { number: number; size: number },
): Promise<{ rows: { billingKey: BillingKeyRow; channel: ChannelRow }[]; totalCount: number }> {
  const where: SQL[] = [eq(billingKeys.storeId, filter.storeId)];
  if (filter.statuses?.length) where.push(inArray(billingKeys.status, [...filter.statuses]));
  const time = timeColumn(filter.timeField);
  if (filter.from) where.push(gte(time, filter.from));
  if (filter.until) where.push(lt(time, filter.until));
  if (filter.customerId !== undefined) where.push(sql`${billingKeys.customer}->>'id' = ${filter.customerId}`);
  if (filter.pgProviders) where.push(inArray(channels.pgProvider, filter.pgProviders.length ? [...filter.pgProviders] : ['-']));
  const text = filter.textSearch && textCondition(filter.textSearch);
  if (text) where.push(text);
  const sortTime = timeColumn(filter.sortBy);
  const order = filter.sortOrder === 'ASC' ? [sql`${sortTime} asc nulls last`, asc(billingKeys.id)] : [sql`${sortTime} desc nulls last`, desc(billingKeys.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select({ billingKey: billingKeys, channel: channels })
      .from(billingKeys)
      .innerJoin(channels, eq(channels.id, billingKeys.channelId))
      .where(and(...where))
      .orderBy(...order)
      .limit(page.size)
      .offset(page.number * page.size),
    db
      .select({ n: count() })
      .from(billingKeys)
      .innerJoin(channels, eq(channels.id, billingKeys.channelId))
      .where(and(...where)),
  ]);
  return { rows, totalCount: total?.n ?? 0 };
}
