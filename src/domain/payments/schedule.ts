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
