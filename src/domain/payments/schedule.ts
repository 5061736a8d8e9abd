import type { PaymentStatus } from './status.ts';

/** Payment schedules: when one may be created and when it is due. */
export const scheduleStatuses = ['SCHEDULED', 'STARTED', 'SUCCEEDED', 'FAILED', 'REVOKED', 'PENDING'] as const;
export type ScheduleStatus = (typeof scheduleStatuses)[number];

/** A schedule must pay in the future (a minute's grace for clock skew between merchant and paymux). */
export function isAcceptableTimeToPay(timeToPay: Date, now: Date): boolean {
  return timeToPay.getTime() >= now.getTime() - 60_000;
}

export const isDue = (status: ScheduleStatus, timeToPay: Date, now: Date): boolean =>
  status === 'SCHEDULED' && timeToPay.getTime() <= now.getTime();

/** Only a schedule that has not started can be revoked. */
export const isRevocable = (status: ScheduleStatus): boolean => status === 'SCHEDULED';

/** Why a schedule cannot be revoked, in PortOne's words; undefined when it can. */
export function revocationRefusal(status: ScheduleStatus): 'PAYMENT_SCHEDULE_ALREADY_REVOKED' | 'PAYMENT_SCHEDULE_ALREADY_PROCESSED' | undefined {
  if (isRevocable(status)) return undefined;
  return status === 'REVOKED' ? 'PAYMENT_SCHEDULE_ALREADY_REVOKED' : 'PAYMENT_SCHEDULE_ALREADY_PROCESSED';
}

/**
 * What the schedule's own payment says about the schedule. The payment is the truth (its charge
 * is claimed once in the database), so every path that learns a charge's result — the job's own
 * reply, an inquiry, a PG notice, the recovery sweep — finishes the schedule from this one table.
 * Undefined: the payment is not (yet) a charge's result.
 */
export function scheduleOutcomeOf(payment: PaymentStatus): 'SUCCEEDED' | 'FAILED' | 'PENDING' | undefined {
  switch (payment) {
    case 'PAID':
    case 'PARTIAL_CANCELLED':
    case 'CANCELLED':
      return 'SUCCEEDED';
    case 'FAILED':
      return 'FAILED';
    case 'PAY_PENDING':
      return 'PENDING';
    case 'READY':
    case 'VIRTUAL_ACCOUNT_ISSUED':
      return undefined;
  }
}
