import { and, asc, count, desc, eq, exists, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PaymentStatus } from '../../domain/payments/status.ts';
import type { Executor } from '../db.ts';
import { cancellations, channels, payments } from '../schema.ts';
import type { ChannelRow } from './channels.ts';
import type { PaymentRow } from './payments.ts';

/**
 * The fields of PortOne's 통합검색 (`PaymentTextSearchField`) paymux holds. Identifiers match
 * exactly; names and free text match a part, case-insensitively. `ALL` is any of them. A field
 * paymux keeps nothing for (card BIN, user agent, promotion, …) matches no payment.
 */
export const searchableTextFields = [
  'PAYMENT_ID',
  'TX_ID',
  'SCHEDULE_ID',
  'BILLING_KEY',
  'PG_MERCHANT_ID',
  'PG_TX_ID',
  'PG_CANCELLATION_ID',
  'CARD_APPROVAL_NUMBER',
  'CARD_NUMBER',
  'CARD_ISSUER',
  'VIRTUAL_ACCOUNT_NUMBER',
  'VIRTUAL_ACCOUNT_HOLDER_NAME',
  'ORDER_NAME',
  'CUSTOMER_NAME',
  'CUSTOMER_EMAIL',
  'CUSTOMER_PHONE_NUMBER',
  'FAIL_REASON',
  'CANCEL_REASON',
] as const;
export type SearchableTextField = (typeof searchableTextFields)[number];

export interface TextSearch {
  /** A PortOne field name; `ALL`, or one paymux does not keep (matches nothing). */
  field: string;
  value: string;
}

export interface PaymentSearch {
  storeId: string;
  statuses?: readonly PaymentStatus[];
  /** The range applies to this time (PortOne's `timestampType`). */
  timestampType: 'CREATED_AT' | 'STATUS_CHANGED_AT';
  from?: Date;
  until?: Date;
  /** Ordered by this time (PortOne's `sortBy`), then by row id, so pages are stable. */
  sortBy: 'REQUESTED_AT' | 'STATUS_CHANGED_AT';
  sortOrder: 'ASC' | 'DESC';
  channelIds?: readonly string[];
  /** PortOne's `pgProvider`: the payment's channel's PG module. */
  pgProviders?: readonly string[];
  isTest?: boolean;
  isScheduled?: boolean;
  methods?: readonly ('CARD' | 'VIRTUAL_ACCOUNT' | 'TRANSFER')[];
  /** Every entry must match (AND). */
  textSearch?: readonly TextSearch[];
}

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (column: SQL | typeof payments.orderName, value: string): SQL => ilike(column, `%${escapeLike(value)}%`);

function fieldMatch(field: SearchableTextField, value: string): SQL {
  switch (field) {
    case 'PAYMENT_ID':
      return eq(payments.paymentId, value);
    case 'TX_ID':
      return sql`${payments.transactionId}::text = ${value}`;
    case 'SCHEDULE_ID':
      return eq(payments.scheduleId, value);
    case 'BILLING_KEY':
      return eq(payments.billingKey, value);
    case 'PG_MERCHANT_ID':
      return eq(channels.mid, value);
    case 'PG_TX_ID':
      return eq(payments.pgTxId, value);
    case 'PG_CANCELLATION_ID':
      return exists(
        sql`(select 1 from ${cancellations} where ${cancellations.paymentRowId} = ${payments.id} and ${cancellations.pgCancellationId} = ${value})`,
      );
    case 'CARD_APPROVAL_NUMBER':
      return sql`${payments.methodDetail} ->> 'approvalNumber' = ${value}`;
    case 'CARD_NUMBER':
      // Only the masked number is kept (first 6 + last 4): a part of it matches.
      return contains(sql`${payments.methodDetail} -> 'card' ->> 'maskedNumber'`, value);
    case 'CARD_ISSUER':
      return contains(sql`${payments.methodDetail} -> 'card' ->> 'issuerName'`, value);
    case 'VIRTUAL_ACCOUNT_NUMBER':
      return sql`${payments.methodDetail} -> 'virtualAccount' ->> 'accountNumber' = ${value}`;
    case 'VIRTUAL_ACCOUNT_HOLDER_NAME':
      return contains(sql`${payments.methodDetail} -> 'virtualAccount' ->> 'remitteeName'`, value);
    case 'ORDER_NAME':
      return contains(payments.orderName, value);
    case 'CUSTOMER_NAME':
      return contains(sql`${payments.customer} ->> 'name'`, value);
    case 'CUSTOMER_EMAIL':
      return contains(sql`${payments.customer} ->> 'email'`, value);
    case 'CUSTOMER_PHONE_NUMBER':
      return contains(sql`${payments.customer} ->> 'phoneNumber'`, value);
    case 'FAIL_REASON':
      return contains(sql`${payments.failure} ->> 'reason'`, value);
    case 'CANCEL_REASON':
      return exists(
        sql`(select 1 from ${cancellations} where ${cancellations.paymentRowId} = ${payments.id} and ${cancellations.reason} ilike ${`%${escapeLike(value)}%`})`,
      );
  }
}

function textMatch(search: TextSearch): SQL {
  if (search.field === 'ALL') return or(...searchableTextFields.map((field) => fieldMatch(field, search.value)))!;
  if ((searchableTextFields as readonly string[]).includes(search.field)) return fieldMatch(search.field as SearchableTextField, search.value);
  return sql`false`;
}

/** A page of a store's payments by PortOne's filter; ties broken by row id so pages are stable. */
export async function searchPayments(
  db: Executor,
  filter: PaymentSearch,
  page: { number: number; size: number },
): Promise<{ rows: { payment: PaymentRow; channel: ChannelRow | null }[]; totalCount: number }> {
  const time = filter.timestampType === 'STATUS_CHANGED_AT' ? payments.statusChangedAt : payments.requestedAt;
  const sortTime = filter.sortBy === 'STATUS_CHANGED_AT' ? payments.statusChangedAt : payments.requestedAt;
  const where: SQL[] = [eq(payments.storeId, filter.storeId)];
  if (filter.statuses?.length) where.push(inArray(payments.status, [...filter.statuses]));
  if (filter.from) where.push(gte(time, filter.from));
  if (filter.until) where.push(lt(time, filter.until));
  if (filter.channelIds) where.push(inArray(payments.channelId, filter.channelIds.length ? [...filter.channelIds] : ['-']));
  if (filter.pgProviders) where.push(inArray(channels.pgProvider, filter.pgProviders.length ? [...filter.pgProviders] : ['-']));
  if (filter.isTest !== undefined) where.push(eq(payments.isTest, filter.isTest));
  if (filter.isScheduled !== undefined) where.push(filter.isScheduled ? isNotNull(payments.scheduleId) : sql`${payments.scheduleId} is null`);
  if (filter.methods?.length) where.push(inArray(payments.method, [...filter.methods]));
  for (const search of filter.textSearch ?? []) where.push(textMatch(search));
  const order = filter.sortOrder === 'ASC' ? [asc(sortTime), asc(payments.id)] : [desc(sortTime), desc(payments.id)];
  const [rows, [total]] = await Promise.all([
    db
      .select({ payment: payments, channel: channels })
      .from(payments)
      .leftJoin(channels, eq(channels.id, payments.channelId))
      .where(and(...where))
      .orderBy(...order)
      .limit(page.size)
      .offset(page.number * page.size),
    db
      .select({ n: count() })
      .from(payments)
      .leftJoin(channels, eq(channels.id, payments.channelId))
      .where(and(...where)),
  ]);
  return { rows, totalCount: total?.n ?? 0 };
}
