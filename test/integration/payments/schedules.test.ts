/**
 * Payment schedules end with their payment, whatever settles it: the job's own reply, a decline,
 * an inquiry after an unknown outcome, or the recovery sweep after a worker died holding one. No
 * path charges a schedule twice (the simulator's ledger is the witness). Revocation follows
 * PortOne's errors, through `@portone/server-sdk`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { BillingKeyClient, Payment, PaymentClient, PaymentScheduleClient } from '@portone/server-sdk';
import { fixedClock } from '../../../src/domain/clock.ts';
import { inquireCall } from '../../../src/services/payments/recovery.ts';
import { payDueSchedules, recoverStaleSchedules } from '../../../src/services/payments/schedules.ts';
import { payWithBillingKey } from '../../../src/services/payments/payWithBillingKey.ts';
import { claimDueSchedules } from '../../../src/store/repositories/paymentSchedules.ts';
import { pgCalls } from '../../../src/store/schema.ts';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, fullCard, sandboxLedger, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

for (const kind of databaseKinds) {
  describe(`payment schedules end with their payment (${kind}; simulator notices off)`, () => {
    let env: PaymentsTestEnv;
    // The schedule job, the sweep's grace and timeToPay all read this clock; the simulator keeps real time.
    const clock = fixedClock(new Date());
    let payment: ReturnType<typeof PaymentClient>;
    let billing: ReturnType<typeof BillingKeyClient>;
    let schedules: ReturnType<typeof PaymentScheduleClient>;
    let seq = 0;
    const id = (name: string) => `${name}-${kind}-${Date.now()}-${++seq}`;

    before(async () => {
      env = await startPaymentsEnv(kind, { clock, pgTimeoutMs: 1500, sandbox: { notify: false } });
      const init = { secret: env.t.demo.apiSecret, baseUrl: env.url };
      payment = PaymentClient(init);
      billing = BillingKeyClient(init);
      schedules = PaymentScheduleClient(init);
    });
    after(async () => env?.close());

    const issueKey = async () =>
      (await billing.issueBillingKey({ channelKey: channelKeyOf(env.t, 'nxca_ks_gu'), method: { card: { credential: fullCard } } })).billingKeyInfo.billingKey;
    /** A schedule due now (the job runs it at once). */
    const schedule = async (paymentId: string, billingKey: string, total: number) =>
      (
        await schedules.createPaymentSchedule({
          paymentId,
          payment: { billingKey, orderName: '정기 결제', amount: { total }, currency: 'KRW' },
          timeToPay: clock.now().toISOString(),
        })
      ).schedule.id;
    const statusOf = async (scheduleId: string) => (await schedules.getPaymentSchedule({ paymentScheduleId: scheduleId })).status;
    const approvalsOf = async (pgTxId: string | undefined, amount: number) =>
      (await sandboxLedger(env.sandboxUrl)).filter((tx) => (pgTxId !== undefined && tx.trdNo === pgTxId) || (tx as { amount?: number }).amount === amount);
    const arm = (path: string, transport: 'drop' | 'hang') =>
      fetch(`${env.sandboxUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ path, transport }) });

    it('a schedule whose charge is declined ends FAILED, and so does its payment', async () => {
      const billingKey = await issueKey();
      const paymentId = id('sched-declined');
      // CA42: the amount is outside the card range, the PG declines.
      const scheduleId = await schedule(paymentId, billingKey, 100_000_000);
      assert.equal(await payDueSchedules(env.t.deps), 1);
      assert.equal(await statusOf(scheduleId), 'FAILED');
      const paid = await payment.getPayment({ paymentId });
      assert.equal(paid.status, 'FAILED');
      if (paid.status === 'FAILED') assert.equal(paid.failure?.pgCode, 'CA42');
    });

    it('a schedule whose charge reply was lost is PENDING, and the inquiry that settles the payment finishes it SUCCEEDED', async () => {
      const billingKey = await issueKey();
      const paymentId = id('sched-lost');
      const scheduleId = await schedule(paymentId, billingKey, 4_444);
      assert.equal((await arm('APICardActionPay.do', 'drop')).status, 201);
      assert.equal(await payDueSchedules(env.t.deps), 1);
      assert.equal(await statusOf(scheduleId), 'PENDING');
      const pending = await payment.getPayment({ paymentId });
      assert.equal(pending.status, 'PAY_PENDING');
      if (pending.status !== 'PAY_PENDING') return;
      assert.equal(await inquireCall(env.t.deps, pending.transactionId), 'PAID');
      assert.equal((await payment.getPayment({ paymentId })).status, 'PAID');
      const finished = await schedules.getPaymentSchedule({ paymentScheduleId: scheduleId });
      assert.equal(finished.status, 'SUCCEEDED');
      if (finished.status === 'SUCCEEDED') assert.ok(finished.completedAt);
      // The sweep after that changes nothing and charges nothing.
      clock.advance(60_000);
      await recoverStaleSchedules(env.t.deps);
      assert.equal(await statusOf(scheduleId), 'SUCCEEDED');
      assert.equal((await approvalsOf(undefined, 4_444)).length, 1);
    });

    it('a schedule whose charge never answered (nothing booked) ends FAILED once the inquiry says so', async () => {
      const billingKey = await issueKey();
      const paymentId = id('sched-hang');
      const scheduleId = await schedule(paymentId, billingKey, 4_545);
      assert.equal((await arm('APICardActionPay.do', 'hang')).status, 201);
      assert.equal(await payDueSchedules(env.t.deps), 1);
      assert.equal(await statusOf(scheduleId), 'PENDING');
      const pending = await payment.getPayment({ paymentId });
      assert.equal(pending.status, 'PAY_PENDING');
      if (pending.status !== 'PAY_PENDING') return;
      assert.equal(await inquireCall(env.t.deps, pending.transactionId), 'FAILED');
      assert.equal(await statusOf(scheduleId), 'FAILED');
    });

    it('a schedule left STARTED by a worker that died before charging is charged once by the recovery sweep', async () => {
      const billingKey = await issueKey();
      const paymentId = id('sched-died-before');
      const scheduleId = await schedule(paymentId, billingKey, 5_151);
      // A worker takes it, then dies.
      const [taken] = await claimDueSchedules(env.t.deps.db, clock.now(), 1);
      assert.equal(taken?.id, scheduleId);
      assert.equal(await statusOf(scheduleId), 'STARTED');
      // Not yet older than a PG call can take: a live worker may still hold it, so the sweep waits.
      await recoverStaleSchedules(env.t.deps);
      assert.equal(await statusOf(scheduleId), 'STARTED');
      await assert.rejects(payment.getPayment({ paymentId }), (e: unknown) => e instanceof Payment.GetPaymentError);
      clock.advance(env.t.deps.config.hectoTimeoutMs + 10_000);
      assert.ok((await recoverStaleSchedules(env.t.deps)) >= 1);
      assert.equal(await statusOf(scheduleId), 'SUCCEEDED');
      const paid = await payment.getPayment({ paymentId });
      assert.equal(paid.status, 'PAID');
      assert.equal((await approvalsOf(paid.status === 'PAID' ? paid.pgTxId : undefined, 5_151)).length, 1);
      // The job finds nothing left to do.
      assert.equal(await payDueSchedules(env.t.deps), 0);
    });

    it('a schedule left STARTED by a worker that died after charging is finished from its payment, never charged again', async () => {
      const billingKey = await issueKey();
      const paymentId = id('sched-died-after');
      const scheduleId = await schedule(paymentId, billingKey, 5_252);
      const [taken] = await claimDueSchedules(env.t.deps.db, clock.now(), 1);
      assert.ok(taken);
      // The worker charged it (as the job does), then died before recording the result.
      const principal = { storeId: taken.storeId, merchantId: '', apiSecretId: 'schedule' };
      await payWithBillingKey(env.t.deps, principal, {
        paymentId,
        billingKey,
        orderName: taken.orderName,
        totalAmount: taken.totalAmount,
        taxFreeAmount: 0n,
        currency: 'KRW',
        scheduleId,
      });
      assert.equal(await statusOf(scheduleId), 'STARTED');
      clock.advance(env.t.deps.config.hectoTimeoutMs + 10_000);
      assert.ok((await recoverStaleSchedules(env.t.deps)) >= 1);
      assert.equal(await statusOf(scheduleId), 'SUCCEEDED');
      const paid = await payment.getPayment({ paymentId });
      assert.equal((await approvalsOf(paid.status === 'PAID' ? paid.pgTxId : undefined, 5_252)).length, 1);
      const calls = await env.t.deps.db.select().from(pgCalls).where(and(eq(pgCalls.operation, 'payWithBillingKey'), eq(pgCalls.amount, 5_252n)));
      assert.equal(calls.length, 1);
    });

    it('revoking a processed schedule answers PAYMENT_SCHEDULE_ALREADY_PROCESSED, a revoked one PAYMENT_SCHEDULE_ALREADY_REVOKED, and revokes nothing', async () => {
      const billingKey = await issueKey();
      const done = await schedule(id('sched-done'), billingKey, 1_100);
      assert.equal(await payDueSchedules(env.t.deps), 1);
      assert.equal(await statusOf(done), 'SUCCEEDED');
      const waiting = (
        await schedules.createPaymentSchedule({
          paymentId: id('sched-waiting'),
          payment: { billingKey, orderName: '대기', amount: { total: 1_200 }, currency: 'KRW' },
          timeToPay: new Date(clock.now().getTime() + 3_600_000).toISOString(),
        })
      ).schedule.id;
      await assert.rejects(
        schedules.revokePaymentSchedules({ scheduleIds: [waiting, done] }),
        (e: unknown) => e instanceof Payment.PaymentSchedule.RevokePaymentSchedulesError && e.data.type === 'PAYMENT_SCHEDULE_ALREADY_PROCESSED',
      );
      assert.equal(await statusOf(waiting), 'SCHEDULED');
      assert.deepEqual((await schedules.revokePaymentSchedules({ scheduleIds: [waiting] })).revokedScheduleIds, [waiting]);
      await assert.rejects(
        schedules.revokePaymentSchedules({ scheduleIds: [waiting] }),
        (e: unknown) => e instanceof Payment.PaymentSchedule.RevokePaymentSchedulesError && e.data.type === 'PAYMENT_SCHEDULE_ALREADY_REVOKED',
      );
      await assert.rejects(
        schedules.revokePaymentSchedules({ scheduleIds: ['no-such-schedule'] }),
        (e: unknown) => e instanceof Payment.PaymentSchedule.RevokePaymentSchedulesError && e.data.type === 'PAYMENT_SCHEDULE_NOT_FOUND',
      );
    });

    it('revoking by billing key revokes exactly its waiting schedules', async () => {
      const billingKey = await issueKey();
      const otherKey = await issueKey();
      const later = new Date(clock.now().getTime() + 3_600_000).toISOString();
      const create = async (key: string, name: string) =>
        (await schedules.createPaymentSchedule({ paymentId: id(name), payment: { billingKey: key, orderName: name, amount: { total: 1_300 }, currency: 'KRW' }, timeToPay: later })).schedule.id;
      const first = await create(billingKey, 'by-key-1');
      const second = await create(billingKey, 'by-key-2');
      const other = await create(otherKey, 'by-key-other');
      const revoked = await schedules.revokePaymentSchedules({ billingKey });
      assert.deepEqual([...revoked.revokedScheduleIds].sort(), [first, second].sort());
      assert.ok(revoked.revokedAt && !Number.isNaN(Date.parse(revoked.revokedAt)));
      assert.equal(await statusOf(first), 'REVOKED');
      assert.equal(await statusOf(second), 'REVOKED');
      assert.equal(await statusOf(other), 'SCHEDULED');
      // Nothing left to revoke: an empty answer, not an error.
      assert.deepEqual((await schedules.revokePaymentSchedules({ billingKey })).revokedScheduleIds, []);
      await assert.rejects(
        schedules.revokePaymentSchedules({ billingKey: 'no-such-billing-key' }),
        (e: unknown) => e instanceof Payment.PaymentSchedule.RevokePaymentSchedulesError && e.data.type === 'BILLING_KEY_NOT_FOUND',
      );
    });
  });
}
