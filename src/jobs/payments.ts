import type { PgBoss } from 'pg-boss';
import { isAfterNightlyTestCancel } from '../domain/kstDay.ts';
import type { Deps } from '../services/deps.ts';
import { paymentInquiryQueue } from '../services/payments/inquiryQueue.ts';
import { inquireCall, recoverPendingCalls, syncNightlyTestCancels } from '../services/payments/recovery.ts';
import { payDueSchedules, recoverStaleSchedules } from '../services/payments/schedules.ts';

export const paymentRecoveryQueue = 'payment-recovery';
export const paymentSchedulesQueue = 'payment-schedules';
export const nightlyTestSyncQueue = 'payment-nightly-test-sync';

export async function createPaymentQueues(boss: PgBoss): Promise<void> {
  for (const queue of [paymentInquiryQueue, paymentRecoveryQueue, paymentSchedulesQueue, nightlyTestSyncQueue]) await boss.createQueue(queue);
}

/** The payment workers: inquiries of unknown outcomes, the recovery sweep, schedules, the nightly test sync. */
export async function startPaymentWorkers(boss: PgBoss, deps: Deps): Promise<void> {
  await boss.work<{ callId: string }>(paymentInquiryQueue, async ([job]) => {
    if (!job) return;
    const outcome = await inquireCall(deps, job.data.callId);
    // Still unknown at the PG: fail the job so pg-boss retries it with backoff.
    if (outcome === 'UNSETTLED') throw new Error(`PG call ${job.data.callId} is still unsettled`);
  });
  await boss.work(paymentRecoveryQueue, async () => {
    const result = await recoverPendingCalls(deps);
    // After the calls: a schedule whose charge the sweep just settled is then finished from it.
    const schedules = await recoverStaleSchedules(deps);
    if (result.examined + result.deferred + schedules > 0) deps.log.info({ ...result, schedules }, 'payment recovery sweep');
  });
  await boss.work(paymentSchedulesQueue, async () => {
    while ((await payDueSchedules(deps)) > 0);
  });
  await boss.work(nightlyTestSyncQueue, async () => {
    if (isAfterNightlyTestCancel(deps.clock.now())) await syncNightlyTestCancels(deps);
  });
  await boss.schedule(paymentRecoveryQueue, '* * * * *');
  await boss.schedule(paymentSchedulesQueue, '* * * * *');
  // 23:50–23:59 KST = 14:50–14:59 UTC.
  await boss.schedule(nightlyTestSyncQueue, '55 14 * * *');
  // The sweep at start: calls left PENDING by a process that died mid-call.
  await boss.send(paymentRecoveryQueue, {});
}
