import { isAcceptableTimeToPay, revocationRefusal, scheduleOutcomeOf } from '../../domain/payments/schedule.ts';
import { newScheduleId } from '../../domain/payments/ids.ts';
import { chargeRefusal, type PaymentStatus } from '../../domain/payments/status.ts';
import type { Executor } from '../../store/db.ts';
import {
  claimDueSchedules,
  claimStaleSchedules,
  findSchedule,
  finishSchedule,
  insertSchedule,
  listSchedules,
  lockSchedules,
  revokeSchedules,
  type ScheduleFilter,
  type ScheduleRow,
} from '../../store/repositories/paymentSchedules.ts';
import { findPayment } from '../../store/repositories/payments.ts';
import { findStore } from '../../store/repositories/tenancy.ts';
import type { Deps } from '../deps.ts';
import { paymentError, ServiceError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { billingKeyAlreadyDeleted, getBillingKey } from './billingKeys.ts';
import { payWithBillingKey } from './payWithBillingKey.ts';

export interface CreateScheduleInput {
  paymentId: string;
  billingKey: string;
  orderName: string;
  totalAmount: bigint;
  taxFreeAmount: bigint;
  currency: string;
  installmentMonth?: number;
  customer?: Record<string, string>;
  customData?: string;
  noticeUrls?: string[];
  timeToPay: Date;
}

export const scheduleNotFound = (id: string) =>
  paymentError('PAYMENT_SCHEDULE_NOT_FOUND', { ko: `결제 예약 건이 없습니다: ${id}`, en: `Payment schedule not found: ${id}` });

export async function createSchedule(deps: Deps, principal: ApiPrincipal, input: CreateScheduleInput): Promise<ScheduleRow> {
  const { row: key } = await getBillingKey(deps, principal, input.billingKey);
  if (key.status === 'DELETED') throw billingKeyAlreadyDeleted();
  const now = deps.clock.now();
  if (!isAcceptableTimeToPay(input.timeToPay, now)) {
    throw paymentError('INVALID_REQUEST', { ko: '결제 예정 시각이 과거입니다.', en: 'timeToPay is in the past.' }, {}, 'timeToPay');
  }
  const existing = await findPayment(deps.db, principal.storeId, input.paymentId);
  // PortOne's schedule creation knows one refusal for a payment id already charged or in flight.
  if (existing && chargeRefusal(existing.payment.status)) {
    throw paymentError('ALREADY_PAID_OR_WAITING', { ko: '이미 결제되었거나 결제 진행 중인 건입니다.', en: 'The payment is already paid or waiting for its result.' });
  }
  const row: ScheduleRow = {
    id: newScheduleId(),
    storeId: principal.storeId,
    paymentId: input.paymentId,
    billingKey: input.billingKey,
    orderName: input.orderName,
    totalAmount: input.totalAmount,
    taxFreeAmount: input.taxFreeAmount,
    currency: input.currency,
    installmentMonth: input.installmentMonth ?? null,
    customer: input.customer ?? null,
    customData: input.customData ?? null,
    noticeUrls: input.noticeUrls ?? null,
    status: 'SCHEDULED',
    timeToPay: input.timeToPay,
    createdAt: now,
    startedAt: null,
    completedAt: null,
    revokedAt: null,
  };
  if (!(await insertSchedule(deps.db, row))) {
    throw paymentError('PAYMENT_SCHEDULE_ALREADY_EXISTS', { ko: '이미 예약된 결제 건입니다.', en: 'The payment already has a schedule.' });
  }
  return row;
}

export async function getSchedule(deps: Deps, principal: ApiPrincipal, id: string): Promise<ScheduleRow> {
  const row = await findSchedule(deps.db, principal.storeId, id);
  if (!row) throw scheduleNotFound(id);
  return row;
}

export async function findSchedules(deps: Deps, principal: ApiPrincipal, filter: Omit<ScheduleFilter, 'storeId'>, page: { number: number; size: number }) {
  return listSchedules(deps.db, { ...filter, storeId: principal.storeId }, page);
}

/**
 * Revokes schedules by id (each must still be waiting: one already paid, failed or started answers
 * PAYMENT_SCHEDULE_ALREADY_PROCESSED, one revoked before PAYMENT_SCHEDULE_ALREADY_REVOKED, and then
 * none is revoked), or every waiting schedule of a billing key.
 */
export async function revoke(deps: Deps, principal: ApiPrincipal, selection: { ids?: string[]; billingKey?: string }) {
  const at = deps.clock.now();
  if (selection.billingKey) await getBillingKey(deps, principal, selection.billingKey);
  const revokedScheduleIds = await deps.db.transaction(async (tx) => {
    if (selection.ids) {
      // Locked, so the schedule job cannot start one between the check and the revocation.
      const found = new Map((await lockSchedules(tx, principal.storeId, selection.ids)).map((row) => [row.id, row]));
      for (const id of selection.ids) {
        const row = found.get(id);
        if (!row) throw scheduleNotFound(id);
        const refusal = revocationRefusal(row.status);
        if (refusal === 'PAYMENT_SCHEDULE_ALREADY_REVOKED') {
          throw paymentError(refusal, { ko: `이미 취소된 결제 예약 건입니다: ${id}`, en: `The payment schedule is already revoked: ${id}` });
        }
        if (refusal) {
          throw paymentError(refusal, { ko: `이미 처리된 결제 예약 건입니다: ${id}`, en: `The payment schedule has already been processed (${row.status}): ${id}` });
        }
      }
    }
    return revokeSchedules(tx, principal.storeId, selection, at);
  });
  return { revokedScheduleIds, revokedAt: at };
}

/**
 * Finishes the schedule a payment was charged for, from the payment's state (see
 * `scheduleOutcomeOf`), in the caller's transaction. Every path that settles a scheduled charge
 * calls it: the job itself, an inquiry, a PG notice, the recovery sweep. Idempotent.
 */
export async function finishScheduleOfPayment(tx: Executor, payment: { scheduleId: string | null; status: PaymentStatus }, at: Date): Promise<void> {
  if (!payment.scheduleId) return;
  const outcome = scheduleOutcomeOf(payment.status);
  if (outcome) await finishSchedule(tx, payment.scheduleId, outcome, at);
}

/**
 * Runs one taken schedule. A payment already charged for this schedule (a worker died after its
 * charge, or an earlier attempt is pending) is never charged again: the schedule is finished from
 * that payment's state. Otherwise the billing key is charged; the payment id's claim in the
 * database decides whether this attempt may call the PG at all, so a schedule re-examined while a
 * live worker still holds it cannot be charged twice. The result is again read from the payment.
 */
async function runSchedule(deps: Deps, schedule: ScheduleRow): Promise<void> {
  const existing = (await findPayment(deps.db, schedule.storeId, schedule.paymentId))?.payment;
  if (existing?.scheduleId !== schedule.id) {
    const merchantId = (await findStore(deps.db, schedule.storeId))?.merchantId ?? '';
    const principal: ApiPrincipal = { storeId: schedule.storeId, merchantId, apiSecretId: 'schedule' };
    try {
      await payWithBillingKey(deps, principal, {
        paymentId: schedule.paymentId,
        billingKey: schedule.billingKey,
        orderName: schedule.orderName,
        totalAmount: schedule.totalAmount,
        taxFreeAmount: schedule.taxFreeAmount,
        currency: schedule.currency,
        scheduleId: schedule.id,
        ...(schedule.installmentMonth !== null ? { installmentMonth: schedule.installmentMonth } : {}),
        ...(schedule.customer ? { customer: schedule.customer } : {}),
        ...(schedule.customData !== null ? { customData: schedule.customData } : {}),
        ...(schedule.noticeUrls ? { noticeUrls: schedule.noticeUrls } : {}),
      });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      deps.log.warn({ scheduleId: schedule.id, type: error.payment?.type }, 'scheduled payment did not succeed');
    }
  }
  const payment = (await findPayment(deps.db, schedule.storeId, schedule.paymentId))?.payment;
  const at = deps.clock.now();
  if (payment?.scheduleId === schedule.id) {
    await finishScheduleOfPayment(deps.db, payment, at);
  } else {
    // The charge was refused before any PG call (the payment id is taken by another payment, the
    // billing key is gone, …): nothing was charged, and this schedule never will be.
    await finishSchedule(deps.db, schedule.id, 'FAILED', at);
  }
}

/**
 * The schedule job: pays every due schedule with its billing key and records the result (the
 * payment's own webhooks announce it). Takes one schedule at a time, so a schedule is STARTED only
 * while its charge runs. Returns how many it took.
 */
export async function payDueSchedules(deps: Deps, limit = 20): Promise<number> {
  let taken = 0;
  while (taken < limit) {
    const [schedule] = await claimDueSchedules(deps.db, deps.clock.now(), 1);
    if (!schedule) break;
    taken++;
    await runSchedule(deps, schedule);
  }
  return taken;
}

/**
 * Part of the recovery sweep: schedules left STARTED (the worker died after taking one) or PENDING
 * (the charge's outcome was unknown) for longer than a PG call can take are re-examined: finished
 * from their payment when it was charged, charged when it never was. Returns how many it examined.
 */
export async function recoverStaleSchedules(deps: Deps, limit = 100): Promise<number> {
  const now = deps.clock.now();
  const graceMs = deps.config.hectoTimeoutMs + 5_000;
  const stale = await claimStaleSchedules(deps.db, new Date(now.getTime() - graceMs), now, limit);
  for (const schedule of stale) {
    try {
      await runSchedule(deps, schedule);
    } catch (error) {
      deps.log.error({ err: error, scheduleId: schedule.id }, 'schedule recovery failed');
    }
  }
  return stale.length;
}
