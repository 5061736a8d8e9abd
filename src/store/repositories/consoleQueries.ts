import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, or, sql, sum, type SQL } from 'drizzle-orm';
import type { PaymentStatus } from '../../domain/payments/status.ts';
import type { Executor } from '../db.ts';
import { billingKeys, cancellations, channels, payments, pgCalls, pgNotifications, webhookAttempts, webhookOutbox } from '../schema.ts';
import type { BillingKeyRow } from './billingKeys.ts';
import type { ChannelRow } from './channels.ts';
import type { PaymentRow } from './payments.ts';
import type { WebhookAttemptRow, WebhookOutboxRow } from './webhookOutbox.ts';

// Read-only queries of the merchant console (결제 내역, 홈, 웹훅 전송 기록, 개발진행 체크리스트).
// Every one is scoped by store: another store's rows are never read.

/** The pg_calls operation of a payment-window attempt (written by the checkout). */
export const paymentWindowOperation = 'paymentWindow';

const page = (n: { number: number; size: number }) => ({ limit: n.size, offset: n.number * n.size });

/** `%`, `_` and `\` typed by a person are literal characters in a search, not patterns. */
const literalLike = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ConsolePaymentFilter {
  storeId: string;
  statuses?: readonly PaymentStatus[];
  isTest?: boolean;
  channelId?: string;
  /** Requested at or after. */
  from?: Date;
  /** Requested before. */
  until?: Date;
  /** A substring of the payment id or the order name. */
  search?: string;
}

export interface PaymentWithChannel {
  payment: PaymentRow;
  channel: ChannelRow | null;
}

/** A page of the store's payments, newest first (ties by row id, so pages are stable). */
export async function listConsolePayments(
  db: Executor,
  filter: ConsolePaymentFilter,
  pageOf: { number: number; size: number },
): Promise<{ rows: PaymentWithChannel[]; totalCount: number }> {
  const where: SQL[] = [eq(payments.storeId, filter.storeId)];
  if (filter.statuses?.length) where.push(inArray(payments.status, [...filter.statuses]));
  if (filter.isTest !== undefined) where.push(eq(payments.isTest, filter.isTest));
  if (filter.channelId) where.push(eq(payments.channelId, filter.channelId));
  if (filter.from) where.push(gte(payments.requestedAt, filter.from));
  if (filter.until) where.push(lt(payments.requestedAt, filter.until));
  if (filter.search) {
    const pattern = literalLike(filter.search);
    where.push(or(ilike(payments.paymentId, pattern), ilike(payments.orderName, pattern))!);
  }
  const [rows, [total]] = await Promise.all([
    db
      .select({ payment: payments, channel: channels })
      .from(payments)
      .leftJoin(channels, eq(channels.id, payments.channelId))
      .where(and(...where))
      .orderBy(desc(payments.requestedAt), desc(payments.id))
      .limit(page(pageOf).limit)
      .offset(page(pageOf).offset),
    db.select({ n: count() }).from(payments).where(and(...where)),
  ]);
  return { rows, totalCount: total?.n ?? 0 };
}

/** TEST payments of the store paid in [from, until), newest first. */
export async function listTestPaymentsPaidBetween(db: Executor, storeId: string, from: Date, until: Date, limit: number): Promise<PaymentWithChannel[]> {
  return db
    .select({ payment: payments, channel: channels })
    .from(payments)
    .leftJoin(channels, eq(channels.id, payments.channelId))
    .where(and(eq(payments.storeId, storeId), eq(payments.isTest, true), gte(payments.paidAt, from), lt(payments.paidAt, until)))
    .orderBy(desc(payments.paidAt), desc(payments.id))
    .limit(limit);
}

/** How many TEST payments the store had paid in [from, until), and their amounts. */
export async function sumTestPaymentsPaidBetween(db: Executor, storeId: string, from: Date, until: Date): Promise<{ count: number; total: bigint; cancelled: bigint }> {
  const [row] = await db
    .select({ n: count(), total: sum(payments.totalAmount), cancelled: sum(payments.cancelledAmount) })
    .from(payments)
    .where(and(eq(payments.storeId, storeId), eq(payments.isTest, true), gte(payments.paidAt, from), lt(payments.paidAt, until)));
  return { count: row?.n ?? 0, total: BigInt(row?.total ?? 0), cancelled: BigInt(row?.cancelled ?? 0) };
}

/** The store's channels that are not deleted, counted by mode. */
export async function countChannelsByMode(db: Executor, storeId: string): Promise<{ TEST: number; LIVE: number }> {
  const rows = await db
    .select({ mode: channels.mode, n: count() })
    .from(channels)
    .where(and(eq(channels.storeId, storeId), isNull(channels.deletedAt)))
    .groupBy(channels.mode);
  return { TEST: rows.find((r) => r.mode === 'TEST')?.n ?? 0, LIVE: rows.find((r) => r.mode === 'LIVE')?.n ?? 0 };
}

export async function findConsolePayment(db: Executor, storeId: string, paymentId: string): Promise<PaymentWithChannel | undefined> {
  const [row] = await db
    .select({ payment: payments, channel: channels })
    .from(payments)
    .leftJoin(channels, eq(channels.id, payments.channelId))
    .where(and(eq(payments.storeId, storeId), eq(payments.paymentId, paymentId)))
    .limit(1);
  return row;
}

/**
 * Verified PG notifications about one payment: those on its channel whose fields name one of its
 * order numbers (`requestIds`, its PG calls') or its PG transaction id. PG-neutral: any field
 * of the stored (redacted) notice may carry them.
 */
export async function listNotificationsNaming(db: Executor, channelId: string, keys: readonly string[]) {
  const wanted = keys.filter((k) => k.length > 0);
  if (wanted.length === 0) return [];
  const values = sql.join(
    wanted.map((k) => sql`${k}`),
    sql`, `,
  );
  return db
    .select({ id: pgNotifications.id, kind: pgNotifications.kind, receivedAt: pgNotifications.receivedAt, outcome: pgNotifications.outcome })
    .from(pgNotifications)
    .where(
      and(
        eq(pgNotifications.channelId, channelId),
        sql`exists (select 1 from jsonb_each_text(case when jsonb_typeof(${pgNotifications.raw}) = 'object' then ${pgNotifications.raw} else '{}'::jsonb end) as field where field.value in (${values}))`,
      ),
    )
    .orderBy(asc(pgNotifications.receivedAt));
}

/** Every webhook (both dialects) of one payment of the store, oldest first. */
export async function listOutboxRowsOfPayment(db: Executor, storeId: string, paymentId: string): Promise<WebhookOutboxRow[]> {
  return db
    .select()
    .from(webhookOutbox)
    .where(and(eq(webhookOutbox.storeId, storeId), eq(webhookOutbox.paymentId, paymentId)))
    .orderBy(asc(webhookOutbox.createdAt), asc(webhookOutbox.id));
}

/** The attempts of several outbox rows, oldest first. */
export async function listAttemptsOf(db: Executor, outboxIds: readonly string[]): Promise<WebhookAttemptRow[]> {
  if (outboxIds.length === 0) return [];
  return db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.outboxId, [...outboxIds]))
    .orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.id));
}

const failedAttempt = sql`(${webhookAttempts.httpStatus} is null or ${webhookAttempts.httpStatus} < 200 or ${webhookAttempts.httpStatus} >= 300)`;

/** A page of the store's webhook deliveries, newest first; `failedSince` keeps the ones that failed (gave up or an attempt failed) since then. */
export async function listOutboxRowsOfStore(
  db: Executor,
  storeId: string,
  options: { failedSince?: Date },
  pageOf: { number: number; size: number },
): Promise<{ rows: WebhookOutboxRow[]; totalCount: number }> {
  const where: SQL[] = [eq(webhookOutbox.storeId, storeId)];
  if (options.failedSince) {
    const since = options.failedSince;
    where.push(
      or(
        and(eq(webhookOutbox.status, 'GAVE_UP'), gte(sql`coalesce(${webhookOutbox.lastAttemptAt}, ${webhookOutbox.createdAt})`, since)),
        sql`exists (select 1 from ${webhookAttempts} where ${webhookAttempts.outboxId} = ${webhookOutbox.id} and ${webhookAttempts.attemptedAt} >= ${since} and ${failedAttempt})`,
      )!,
    );
  }
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(webhookOutbox)
      .where(and(...where))
      .orderBy(desc(webhookOutbox.createdAt), desc(webhookOutbox.id))
      .limit(page(pageOf).limit)
      .offset(page(pageOf).offset),
    db.select({ n: count() }).from(webhookOutbox).where(and(...where)),
  ]);
  return { rows, totalCount: total?.n ?? 0 };
}

export async function findOutboxRowOfStore(db: Executor, storeId: string, id: string): Promise<WebhookOutboxRow | undefined> {
  const [row] = await db
    .select()
    .from(webhookOutbox)
    .where(and(eq(webhookOutbox.storeId, storeId), eq(webhookOutbox.id, id)))
    .limit(1);
  return row;
}

/** A page of the store's billing keys, newest first. */
export async function listBillingKeysOfStore(
  db: Executor,
  storeId: string,
  filter: { status?: 'ISSUED' | 'DELETED' },
  pageOf: { number: number; size: number },
): Promise<{ rows: { billingKey: BillingKeyRow; channel: ChannelRow | null }[]; totalCount: number }> {
  const where: SQL[] = [eq(billingKeys.storeId, storeId)];
  if (filter.status) where.push(eq(billingKeys.status, filter.status));
  const [rows, [total]] = await Promise.all([
    db
      .select({ billingKey: billingKeys, channel: channels })
      .from(billingKeys)
      .leftJoin(channels, eq(channels.id, billingKeys.channelId))
      .where(and(...where))
      .orderBy(desc(billingKeys.issuedAt), desc(billingKeys.id))
      .limit(page(pageOf).limit)
      .offset(page(pageOf).offset),
    db.select({ n: count() }).from(billingKeys).where(and(...where)),
  ]);
  return { rows, totalCount: total?.n ?? 0 };
}

/** The facts of the 개발진행 checklist, read from what happened (never ticked by hand). */
export interface DevChecklistFacts {
  testChannels: { name: string; pgProvider: string }[];
  /** A TEST payment that came through the payment window and was paid. */
  windowTestPaymentId: string | null;
  /** A TEST payment the merchant cancelled (not the PG's nightly auto-cancel). */
  cancelledTestPaymentId: string | null;
  /** When the store's webhook endpoint last answered 2xx. */
  webhookAnsweredAt: Date | null;
}

export async function devChecklistFacts(db: Executor, storeId: string): Promise<DevChecklistFacts> {
  const [testChannels, [windowPaid], [cancelled], [answered]] = await Promise.all([
    db
      .select({ name: channels.name, pgProvider: channels.pgProvider })
      .from(channels)
      .where(and(eq(channels.storeId, storeId), eq(channels.mode, 'TEST'), isNull(channels.deletedAt)))
      .orderBy(asc(channels.createdAt)),
    db
      .select({ paymentId: payments.paymentId })
      .from(payments)
      .innerJoin(pgCalls, and(eq(pgCalls.paymentRowId, payments.id), eq(pgCalls.operation, paymentWindowOperation)))
      .where(and(eq(payments.storeId, storeId), eq(payments.isTest, true), isNotNull(payments.paidAt)))
      .orderBy(asc(payments.paidAt))
      .limit(1),
    db
      .select({ paymentId: payments.paymentId })
      .from(cancellations)
      .innerJoin(payments, eq(payments.id, cancellations.paymentRowId))
      .where(and(eq(cancellations.storeId, storeId), eq(payments.isTest, true), eq(cancellations.status, 'SUCCEEDED'), eq(cancellations.trigger, 'API')))
      .orderBy(asc(cancellations.cancelledAt))
      .limit(1),
    db
      .select({ at: webhookAttempts.attemptedAt })
      .from(webhookAttempts)
      .innerJoin(webhookOutbox, eq(webhookOutbox.id, webhookAttempts.outboxId))
      .where(and(eq(webhookOutbox.storeId, storeId), gte(webhookAttempts.httpStatus, 200), lt(webhookAttempts.httpStatus, 300)))
      .orderBy(desc(webhookAttempts.attemptedAt))
      .limit(1),
  ]);
  return {
    testChannels,
    windowTestPaymentId: windowPaid?.paymentId ?? null,
    cancelledTestPaymentId: cancelled?.paymentId ?? null,
    webhookAnsweredAt: answered?.at ?? null,
  };
}

/** Every channel of the store, deleted ones too (their payments stay theirs), live ones first. */
export async function listChannelsForPaymentFilter(db: Executor, storeId: string): Promise<Pick<ChannelRow, 'id' | 'name' | 'mode' | 'deletedAt'>[]> {
  return db
    .select({ id: channels.id, name: channels.name, mode: channels.mode, deletedAt: channels.deletedAt })
    .from(channels)
    .where(eq(channels.storeId, storeId))
    .orderBy(sql`${channels.deletedAt} is not null`, asc(channels.createdAt));
}
