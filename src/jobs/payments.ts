import type { PgBoss } from 'pg-boss';
import { isAfterNightlyTestCancel } from '../domain/kstDay.ts';
import type { Deps } from '../services/deps.ts';
import { paymentInquiryQueue } from '../services/payments/inquiryQueue.ts';
import { inquireCall, recoverPendingCalls, syncNightlyTestCancels } from '../services/payments/recovery.ts';
import { payDueSchedules, recoverStaleSchedules } from '../services/payments/schedules.ts';

export const paymentRecoveryQueue = 'payment-recovery';
export const paymentSchedulesQueue = 'payment-schedules';
export const nightlyTestSyncQueue = 'payment-nightly-test-sync';

/** After the testbed's nightly auto-cancel (23:00–23:50 Korean time), in Korean time. */
export const NIGHTLY_TEST_SYNC_CRON = '55 23 * * *';
export const NIGHTLY_TEST_SYNC_TIME_ZONE = 'Asia/Seoul';

/**
 * The nightly job's work: only after 23:50 KST (a late or repeated run the next morning would ask
 * about the wrong day), the day's TEST payments are asked about. Answers how many it cancelled.
 */
export async function syncNightlyTestCancelsIfDue(deps: Deps): Promise<number> {
  if (!isAfterNightlyTestCancel(deps.clock.now())) return 0;
  return syncNightlyTestCancels(deps);
}

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
    await syncNightlyTestCancelsIfDue(deps);
  });
  await boss.schedule(paymentRecoveryQueue, '* * * * *');
  await boss.schedule(paymentSchedulesQueue, '* * * * *');
  await boss.schedule(nightlyTestSyncQueue, NIGHTLY_TEST_SYNC_CRON, null, { tz: NIGHTLY_TEST_SYNC_TIME_ZONE });
  // The sweep at start: calls left PENDING by a process that died mid-call.
  await boss.send(paymentRecoveryQueue, {});
}
