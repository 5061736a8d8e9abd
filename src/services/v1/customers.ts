import type { Secret } from '../../domain/secret.ts';
import type { KeyedCard } from '../../pg/contract.ts';
import type { BillingKeyRow } from '../../store/repositories/billingKeys.ts';
import type { ChannelRow } from '../../store/repositories/channels.ts';
import type { ScheduleRow } from '../../store/repositories/paymentSchedules.ts';
import { deleteV1Customer, findV1Customer, upsertV1Customer, upsertV1Payment } from '../../store/repositories/v1.ts';
import type { Deps } from '../deps.ts';
import { paymentError, ServiceError } from '../errors.ts';
import { deleteBillingKey, getBillingKey, issueBillingKey } from '../payments/billingKeys.ts';
import { createSchedule, findSchedules, revoke } from '../payments/schedules.ts';
import type { ApiPrincipal } from '../v2Auth.ts';

/** iamport's customer: a `customer_uid` the merchant chose, and the billing key behind it. */
export interface V1CustomerView {
  customerUid: string;
  row: BillingKeyRow;
  channel: ChannelRow;
  createdAt: Date;
  updatedAt: Date;
}

export const customerNotFound = (customerUid: string) =>
  paymentError('BILLING_KEY_NOT_FOUND', { ko: `등록된 고객정보가 없습니다: ${customerUid}`, en: `No such customer_uid: ${customerUid}` });

/** The ISSUED billing key of a customer (a deleted one counts as no customer, as in iamport). */
export async function billingKeyOfCustomer(deps: Deps, principal: ApiPrincipal, customerUid: string): Promise<string> {
  return (await getCustomer(deps, principal, customerUid)).row.id;
}

export async function getCustomer(deps: Deps, principal: ApiPrincipal, customerUid: string): Promise<V1CustomerView> {
  const customer = await findV1Customer(deps.db, principal.storeId, customerUid);
  if (!customer) throw customerNotFound(customerUid);
  const { row, channel } = await getBillingKey(deps, principal, customer.billingKey);
  if (row.status === 'DELETED') throw customerNotFound(customerUid);
  return { customerUid, row, channel, createdAt: customer.createdAt, updatedAt: customer.updatedAt };
}

/**
 * `POST /subscribe/customers/{customer_uid}` (and onetime with customer_uid): issues a billing key
 * for the card and names it `customer_uid`. Registering an existing customer_uid again points it
 * at the new card, as iamport does.
 */
export async function registerCustomer(
  deps: Deps,
  principal: ApiPrincipal,
  input: { customerUid: string; card: Secret<KeyedCard>; channelKey?: string; customer?: Record<string, string> },
): Promise<V1CustomerView> {
  const issued = await issueBillingKey(deps, principal, {
    card: input.card,
    ...(input.channelKey ? { channelKey: input.channelKey } : {}),
    ...(input.customer ? { customer: input.customer } : {}),
  });
  const now = deps.clock.now();
  const before = await findV1Customer(deps.db, principal.storeId, input.customerUid);
  await upsertV1Customer(deps.db, { storeId: principal.storeId, customerUid: input.customerUid, billingKey: issued.row.id, createdAt: now, updatedAt: now });
  return { customerUid: input.customerUid, row: issued.row, channel: issued.channel, createdAt: before?.createdAt ?? now, updatedAt: now };
}

/** `DELETE /subscribe/customers/{customer_uid}`: deletes the billing key at the PG, then the name. */
export async function deleteCustomer(deps: Deps, principal: ApiPrincipal, customerUid: string): Promise<V1CustomerView> {
  const view = await getCustomer(deps, principal, customerUid);
  await deleteBillingKey(deps, principal, view.row.id);
  await deleteV1Customer(deps.db, principal.storeId, customerUid);
  return view;
}

// ---- schedules

export interface V1ScheduleItem {
  merchantUid: string;
  scheduleAt: Date;
  amount: bigint;
  taxFree: bigint;
  name: string;
  customer?: Record<string, string>;
  customData?: string;
  noticeUrl?: string;
}

export interface V1ScheduleView {
  customerUid: string;
  schedule: ScheduleRow;
}

/**
 * `POST /subscribe/payments/schedule`: one V2 payment schedule per item, on the customer's
 * billing key; the schedule job pays them when due. Items before a refused one stay scheduled.
 */
export async function scheduleV1(deps: Deps, principal: ApiPrincipal, customerUid: string, items: V1ScheduleItem[]): Promise<V1ScheduleView[]> {
  const billingKey = await billingKeyOfCustomer(deps, principal, customerUid);
  const out: V1ScheduleView[] = [];
  for (const item of items) {
    await upsertV1Payment(deps.db, {
      storeId: principal.storeId,
      paymentId: item.merchantUid,
      customerUid,
      ...(item.noticeUrl ? { noticeUrls: [item.noticeUrl] } : {}),
      createdAt: deps.clock.now(),
    });
    try {
      const schedule = await createSchedule(deps, principal, {
        paymentId: item.merchantUid,
        billingKey,
        orderName: item.name,
        totalAmount: item.amount,
        taxFreeAmount: item.taxFree,
        currency: 'KRW',
        timeToPay: item.scheduleAt,
        ...(item.customer ? { customer: item.customer } : {}),
        ...(item.customData !== undefined ? { customData: item.customData } : {}),
      });
      out.push({ customerUid, schedule });
    } catch (error) {
      if (error instanceof ServiceError && error.field === 'timeToPay') {
        throw new ServiceError(error.code, error.text, 'schedules.schedule_at', error.payment);
      }
      throw error;
    }
  }
  return out;
}

/** `POST /subscribe/payments/unschedule`: revokes the customer's pending schedules (all, or those merchant_uids). */
export async function unscheduleV1(deps: Deps, principal: ApiPrincipal, customerUid: string, merchantUids?: readonly string[]): Promise<V1ScheduleView[]> {
  const billingKey = await billingKeyOfCustomer(deps, principal, customerUid);
  const { rows } = await findSchedules(deps, principal, { billingKey, statuses: ['SCHEDULED'] }, { number: 0, size: 1000 });
  const chosen = rows.filter((r) => !merchantUids?.length || merchantUids.includes(r.paymentId));
  if (chosen.length === 0) {
    throw paymentError('PAYMENT_SCHEDULE_NOT_FOUND', { ko: '취소할 예약결제 기록이 존재하지 않습니다.', en: 'No pending schedule to revoke.' });
  }
  const { revokedScheduleIds, revokedAt } = await revoke(deps, principal, { ids: chosen.map((r) => r.id) });
  return chosen
    .filter((r) => revokedScheduleIds.includes(r.id))
    .map((schedule) => ({ customerUid, schedule: { ...schedule, status: 'REVOKED' as const, revokedAt } }));
}
