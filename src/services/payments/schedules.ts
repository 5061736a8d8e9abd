import { isAcceptableTimeToPay } from '../../domain/payments/schedule.ts';
import { newScheduleId } from '../../domain/payments/ids.ts';
import { chargeRefusal } from '../../domain/payments/status.ts';
import { claimDueSchedules, findSchedule, finishSchedule, insertSchedule, listSchedules, revokeSchedules, type ScheduleFilter, type ScheduleRow } from '../../store/repositories/paymentSchedules.ts';
import { findPayment } from '../../store/repositories/payments.ts';
import { findStore } from '../../store/repositories/tenancy.ts';
import type { Deps } from '../deps.ts';
import { paymentError, ServiceError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { billingKeyAlreadyDeleted, getBillingKey } from './billingKeys.ts';
import { chargeRefused } from './errors.ts';
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
  if (existing && chargeRefusal(existing.payment.status)) throw chargeRefused(existing.payment, input.totalAmount);
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

export async function revoke(deps: Deps, principal: ApiPrincipal, selection: { ids?: string[]; billingKey?: string }) {
  const at = deps.clock.now();
  if (selection.ids) for (const id of selection.ids) await getSchedule(deps, principal, id);
  if (selection.billingKey) await getBillingKey(deps, principal, selection.billingKey);
  const revokedScheduleIds = await revokeSchedules(deps.db, principal.storeId, selection, at);
  return { revokedScheduleIds, revokedAt: at };
}

/**
 * The schedule job: pays every due schedule with its billing key and records the result (the
 * payment's own webhooks announce it). Returns how many it took.
 */
export async function payDueSchedules(deps: Deps, limit = 20): Promise<number> {
  const due = await claimDueSchedules(deps.db, deps.clock.now(), limit);
  for (const schedule of due) {
    const merchantId = (await findStore(deps.db, schedule.storeId))?.merchantId ?? '';
    const principal: ApiPrincipal = { storeId: schedule.storeId, merchantId, apiSecretId: 'schedule' };
    let status: 'SUCCEEDED' | 'FAILED' | 'PENDING' = 'SUCCEEDED';
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
      // A pending PG answer is settled by inquiry; the schedule says so until then.
      status = error.payment?.pending ? 'PENDING' : 'FAILED';
      deps.log.warn({ scheduleId: schedule.id, type: error.payment?.type }, 'scheduled payment did not succeed');
    }
    await finishSchedule(deps.db, schedule.id, status, deps.clock.now());
  }
  return due.length;
}
