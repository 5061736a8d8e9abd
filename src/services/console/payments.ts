import { kstDayBounds } from '../../domain/kstDay.ts';
import type { PaymentStatus } from '../../domain/payments/status.ts';
import { testAutoCancelOf, type TestAutoCancel } from '../../domain/payments/testAutoCancel.ts';
import { listCancellations, type CancellationRow } from '../../store/repositories/cancellations.ts';
import {
  findConsolePayment,
  listAttemptsOf,
  listConsolePayments,
  listNotificationsNaming,
  listOutboxRowsOfPayment,
  type PaymentWithChannel,
} from '../../store/repositories/consoleQueries.ts';
import { listPgCallsOfPayment, type PgCallRow } from '../../store/repositories/pgCalls.ts';
import type { WebhookAttemptRow, WebhookOutboxRow } from '../../store/repositories/webhookOutbox.ts';
import { auditStoreChange, type StoreAccess } from '../access.ts';
import type { Deps } from '../deps.ts';
import { invalidInput, ServiceError } from '../errors.ts';
import { cancelPayment } from '../payments/cancel.ts';
import { paymentNotFound } from '../payments/errors.ts';
import { consolePrincipal, wonNumber } from './principal.ts';

// 결제 내역: the store's payments as the console shows them, with each one's timeline.

export interface AutoCancelView {
  date: string;
  from: string;
  until: string;
  today: boolean;
  overdue: boolean;
}

export interface ConsolePaymentItem {
  paymentId: string;
  orderName: string;
  status: PaymentStatus;
  isTest: boolean;
  method: 'CARD' | 'VIRTUAL_ACCOUNT' | 'TRANSFER' | null;
  currency: string;
  amount: { total: number; cancelled: number; cancellable: number };
  channel: { id: string; name: string; mode: 'TEST' | 'LIVE'; key: string; pgProvider: string } | null;
  /** Masked (first 6 + last 4) as the PG answered: never a full number. */
  card: { maskedNumber: string | null; issuerName: string | null } | null;
  requestedAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  /** TEST card payments: when Hecto's test mode cancels them (23:00–23:50 KST of their day). */
  autoCancel: AutoCancelView | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const objectOf = (value: unknown): { [key: string]: unknown } => (value && typeof value === 'object' && !Array.isArray(value) ? (value as { [key: string]: unknown }) : {});

function autoCancelView(window: TestAutoCancel | undefined): AutoCancelView | null {
  if (!window) return null;
  return { date: window.date, from: window.from.toISOString(), until: window.until.toISOString(), today: window.today, overdue: window.overdue };
}

export function paymentItem({ payment: p, channel }: PaymentWithChannel, now: Date): ConsolePaymentItem {
  const detail = objectOf(p.methodDetail);
  const card = p.method !== 'VIRTUAL_ACCOUNT' && detail.card ? objectOf(detail.card) : undefined;
  return {
    paymentId: p.paymentId,
    orderName: p.orderName,
    status: p.status,
    isTest: p.isTest,
    method: p.method,
    currency: p.currency,
    amount: {
      total: wonNumber(p.totalAmount),
      cancelled: wonNumber(p.cancelledAmount),
      cancellable: p.status === 'PAID' || p.status === 'PARTIAL_CANCELLED' ? wonNumber(p.totalAmount - p.cancelledAmount - p.reservedCancelAmount) : 0,
    },
    channel: channel ? { id: channel.id, name: channel.name, mode: channel.mode, key: channel.key, pgProvider: channel.pgProvider } : null,
    card: card ? { maskedNumber: text(card.maskedNumber), issuerName: text(card.issuerName) } : null,
    requestedAt: p.requestedAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    cancelledAt: p.cancelledAt?.toISOString() ?? null,
    autoCancel: autoCancelView(testAutoCancelOf(p, now)),
  };
}

export interface PaymentListInput {
  status?: PaymentStatus;
  mode?: 'TEST' | 'LIVE';
  channelId?: string;
  /** Korean dates (YYYY-MM-DD), both inclusive. */
  from?: string;
  until?: string;
  search?: string;
  page: number;
  size: number;
}

function koreanDayStart(date: string, field: string): Date {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00+09:00`) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw invalidInput(field, { ko: '날짜를 YYYY-MM-DD로 입력해 주세요.', en: 'Enter the date as YYYY-MM-DD.' });
  return at;
}

export async function listStorePayments(deps: Deps, access: StoreAccess, input: PaymentListInput) {
  const from = input.from ? koreanDayStart(input.from, 'from') : undefined;
  const until = input.until ? kstDayBounds(koreanDayStart(input.until, 'until')).end : undefined;
  if (from && until && from >= until) {
    throw invalidInput('until', { ko: '종료일이 시작일보다 빠릅니다.', en: 'The end date is before the start date.' });
  }
  const search = input.search?.trim();
  const { rows, totalCount } = await listConsolePayments(
    deps.db,
    {
      storeId: access.store.id,
      ...(input.status ? { statuses: [input.status] } : {}),
      ...(input.mode ? { isTest: input.mode === 'TEST' } : {}),
      ...(input.channelId ? { channelId: input.channelId } : {}),
      ...(from ? { from } : {}),
      ...(until ? { until } : {}),
      ...(search ? { search } : {}),
    },
    { number: input.page, size: input.size },
  );
  const now = deps.clock.now();
  return { items: rows.map((row) => paymentItem(row, now)), page: { number: input.page, size: input.size, totalCount } };
}

/** One entry of a payment's timeline, oldest first. Card data never appears: PG records are stored redacted and only their codes are shown. */
export type TimelineEntry =
  | { kind: 'REQUESTED'; at: string }
  | {
      kind: 'PG_CALL';
      at: string;
      operation: string;
      outcome: 'approved' | 'declined' | 'unknown' | null;
      settled: boolean;
      pgCode: string | null;
      pgMessage: string | null;
      unknownCause: string | null;
      durationMs: number | null;
      amount: number | null;
    }
  | { kind: 'NOTIFICATION'; at: string; notificationKind: string; outcome: string | null }
  | { kind: 'PAID'; at: string }
  | { kind: 'FAILED'; at: string; reason: string | null; pgCode: string | null }
  | { kind: 'CANCELLATION'; at: string; status: CancellationRow['status']; amount: number; reason: string; trigger: CancellationRow['trigger'] }
  | {
      kind: 'WEBHOOK';
      at: string;
      id: string;
      eventType: string;
      apiVersion: 'V2' | 'V1';
      url: string;
      status: WebhookOutboxRow['status'];
      attempts: { at: string; httpStatus: number | null; error: string | null; durationMs: number }[];
    };

function pgCallEntry(call: PgCallRow): TimelineEntry {
  const record = objectOf(call.record);
  const recorded = typeof record.durationMs === 'number' ? record.durationMs : null;
  const measured = call.settledAt ? call.settledAt.getTime() - call.startedAt.getTime() : null;
  return {
    kind: 'PG_CALL',
    at: call.startedAt.toISOString(),
    operation: call.operation,
    outcome: call.outcome,
    settled: call.status === 'SETTLED',
    pgCode: text(record.pgCode),
    pgMessage: text(record.pgMessage),
    unknownCause: text(record.unknownCause),
    durationMs: recorded ?? measured,
    amount: call.amount === null ? null : wonNumber(call.amount),
  };
}

const webhookEntry = (row: WebhookOutboxRow, attempts: WebhookAttemptRow[]): TimelineEntry => ({
  kind: 'WEBHOOK',
  at: row.createdAt.toISOString(),
  id: row.id,
  eventType: row.eventType,
  apiVersion: row.apiVersion,
  url: row.url,
  status: row.status,
  attempts: attempts.map((a) => ({ at: a.attemptedAt.toISOString(), httpStatus: a.httpStatus, error: a.error, durationMs: a.durationMs })),
});

export interface ConsolePaymentDetail extends ConsolePaymentItem {
  pgTxId: string | null;
  approvalNumber: string | null;
  installmentMonths: number | null;
  virtualAccount: { bank: string | null; accountNumber: string | null } | null;
  failure: { reason: string | null; pgCode: string | null; pgMessage: string | null } | null;
  cancellations: { id: string; status: CancellationRow['status']; amount: number; reason: string; trigger: CancellationRow['trigger']; requestedAt: string; cancelledAt: string | null }[];
  timeline: TimelineEntry[];
}

export async function storePaymentDetail(deps: Deps, access: StoreAccess, paymentId: string): Promise<ConsolePaymentDetail> {
  const found = await findConsolePayment(deps.db, access.store.id, paymentId);
  if (!found) throw paymentNotFound(paymentId);
  const p = found.payment;
  const [calls, cancels, outbox] = await Promise.all([
    listPgCallsOfPayment(deps.db, p.id),
    listCancellations(deps.db, [p.id]),
    listOutboxRowsOfPayment(deps.db, access.store.id, p.paymentId),
  ]);
  const [attempts, notifications] = await Promise.all([
    listAttemptsOf(
      deps.db,
      outbox.map((row) => row.id),
    ),
    p.channelId ? listNotificationsNaming(deps.db, p.channelId, [...calls.map((c) => c.requestId), ...(p.pgTxId ? [p.pgTxId] : [])]) : [],
  ]);
  const timeline: TimelineEntry[] = [
    { kind: 'REQUESTED', at: p.requestedAt.toISOString() },
    ...calls.map(pgCallEntry),
    ...notifications.map((n): TimelineEntry => ({ kind: 'NOTIFICATION', at: n.receivedAt.toISOString(), notificationKind: n.kind, outcome: n.outcome })),
    ...(p.paidAt ? [{ kind: 'PAID', at: p.paidAt.toISOString() } as const] : []),
    ...(p.failedAt ? [{ kind: 'FAILED', at: p.failedAt.toISOString(), reason: p.failure?.reason ?? null, pgCode: p.failure?.pgCode ?? null } as const] : []),
    ...cancels.map(
      (c): TimelineEntry => ({
        kind: 'CANCELLATION',
        at: (c.cancelledAt ?? c.requestedAt).toISOString(),
        status: c.status,
        amount: wonNumber(c.totalAmount),
        reason: c.reason,
        trigger: c.trigger,
      }),
    ),
    ...outbox.map((row) =>
      webhookEntry(
        row,
        attempts.filter((a) => a.outboxId === row.id),
      ),
    ),
  ];
  // A stable sort keeps same-instant entries in the order above (request, call, result, webhook).
  timeline.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const detail = objectOf(p.methodDetail);
  const va = p.method === 'VIRTUAL_ACCOUNT' ? objectOf(detail.virtualAccount) : undefined;
  return {
    ...paymentItem(found, deps.clock.now()),
    pgTxId: p.pgTxId,
    approvalNumber: text(detail.approvalNumber),
    installmentMonths: typeof detail.installmentMonths === 'number' ? detail.installmentMonths : null,
    virtualAccount: va ? { bank: text(va.bank), accountNumber: text(va.accountNumber) } : null,
    failure: p.failure ? { reason: p.failure.reason ?? null, pgCode: p.failure.pgCode ?? null, pgMessage: p.failure.pgMessage ?? null } : null,
    cancellations: cancels.map((c) => ({
      id: c.id,
      status: c.status,
      amount: wonNumber(c.totalAmount),
      reason: c.reason,
      trigger: c.trigger,
      requestedAt: c.requestedAt.toISOString(),
      cancelledAt: c.cancelledAt?.toISOString() ?? null,
    })),
    timeline,
  };
}

export const cancelReasonMaxLength = 200;

/**
 * 결제 취소 from the console: the payments service's cancel (reserve → PG → settle) as the member,
 * then an audit entry of what was asked and what came of it. The cancel commits its own
 * transactions, so the entry follows it; a refusal before the PG (nothing to cancel, too much) is
 * not a change and is not audited.
 */
export async function cancelStorePayment(deps: Deps, access: StoreAccess, paymentId: string, input: { amount?: number; reason: string }) {
  const reason = input.reason.trim();
  if (!reason) throw invalidInput('reason', { ko: '취소 사유를 입력해 주세요.', en: 'Enter the reason for the cancellation.' });
  if (reason.length > cancelReasonMaxLength) {
    throw invalidInput('reason', { ko: `취소 사유는 ${cancelReasonMaxLength}자 이하로 입력해 주세요.`, en: `The reason must be at most ${cancelReasonMaxLength} characters.` });
  }
  if (input.amount !== undefined && (!Number.isSafeInteger(input.amount) || input.amount <= 0)) {
    throw invalidInput('amount', { ko: '취소 금액은 1원 이상의 정수로 입력해 주세요.', en: 'The amount must be a whole number of won, at least 1.' });
  }
  const asked = { paymentId, amount: input.amount ?? null, reason };
  const audit = (action: string, after: object) =>
    auditStoreChange(deps.db, access, { action, target: { type: 'payment', id: paymentId }, before: asked, after, at: deps.clock.now() });
  try {
    const cancellation = await cancelPayment(deps, consolePrincipal(access), {
      paymentId,
      reason,
      ...(input.amount !== undefined ? { amount: BigInt(input.amount) } : {}),
    });
    await audit('payment.cancelled', { cancellationId: cancellation.id, amount: wonNumber(cancellation.totalAmount), status: cancellation.status });
  } catch (error) {
    if (error instanceof ServiceError && error.code === 'PG_PROVIDER') {
      await audit('payment.cancel_failed', { pgCode: error.payment?.pgCode ?? null, pending: error.payment?.pending ?? false, message: error.text.en });
    }
    throw error;
  }
  return storePaymentDetail(deps, access, paymentId);
}
