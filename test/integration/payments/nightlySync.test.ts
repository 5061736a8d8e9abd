/**
 * The nightly 23:50 KST inquiry: Hecto's testbed cancels every test payment of the day between
 * 23:00 and 23:50, and when its cancel notice is lost paymux still ends CANCELLED (with a reason
 * saying so and its webhook) because the nightly job asks the PG. paymux and the simulator share a
 * settable clock, so "tonight" is any night the test likes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { fixedClock } from '../../../src/domain/clock.ts';
import { startJobs } from '../../../src/jobs/index.ts';
import { NIGHTLY_TEST_SYNC_CRON, NIGHTLY_TEST_SYNC_TIME_ZONE, nightlyTestSyncQueue, syncNightlyTestCancelsIfDue } from '../../../src/jobs/payments.ts';
import { webhookOutbox } from '../../../src/store/schema.ts';
import { databaseKinds } from '../../support/database.ts';
import { startTestApp } from '../../support/harness.ts';
import { channelKeyOf, keyInCard, sandboxLedger, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

const kst = (wallClock: string) => new Date(`${wallClock}+09:00`);

for (const kind of databaseKinds) {
  describe(`the nightly test-cancel sync (${kind}; cancel notices lost)`, () => {
    let env: PaymentsTestEnv;
    const clock = fixedClock(kst('2030-03-11T23:10:00'));
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${env.url}${path}`, {
        method,
        headers: { authorization: `PortOne ${env.t.demo.apiSecret}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const outboxTypes = async (paymentId: string) =>
      (await env.t.deps.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, paymentId))).map((r) => r.eventType);
    const pay = async (paymentId: string, total: number) => {
      const paid = await api('POST', `/payments/${paymentId}/instant`, {
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: keyInCard } },
        orderName: '야간 동기화',
        amount: { total },
        currency: 'KRW',
        noticeUrls: ['http://127.0.0.1:9/hook'],
      });
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
    };

    before(async () => {
      // Approval notices arrive; the testbed's cancel notices never do.
      env = await startPaymentsEnv(kind, { clock, sandbox: { clock: () => clock.now(), notifyCancels: false } });
    });
    after(async () => env?.close());

    it('a payment auto-cancelled at the PG whose notice was lost ends CANCELLED by the 23:50 inquiry, once, with its webhook', async () => {
      const paymentId = `nightly-lost-${kind}`;
      clock.set(kst('2030-03-11T23:10:00'));
      await pay(paymentId, 3456);
      // Yesterday's payment is not tonight's business (the testbed cancelled it last night).
      const yesterdayId = `nightly-yesterday-${kind}`;
      clock.set(kst('2030-03-10T22:00:00'));
      await pay(yesterdayId, 3457);

      clock.set(kst('2030-03-11T23:30:00'));
      const nightly = (await (await fetch(`${env.sandboxUrl}/__sandbox/nightly-cancel`, { method: 'POST' })).json()) as { cancelled: string[] };
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.ok(nightly.cancelled.includes(payment.pgTxId), 'the simulator cancelled tonight’s payment');
      const atPg = (await sandboxLedger(env.sandboxUrl)).find((tx) => tx.trdNo === payment.pgTxId);
      assert.equal(atPg?.status, 'CANCELLED');
      // The notice is lost: paymux still believes PAID.
      assert.equal((await api('GET', `/payments/${paymentId}`)).body.status, 'PAID');

      // Before 23:50 the job does nothing: the auto-cancel may still be running.
      clock.set(kst('2030-03-11T23:45:00'));
      assert.equal(await syncNightlyTestCancelsIfDue(env.t.deps), 0);
      assert.equal((await api('GET', `/payments/${paymentId}`)).body.status, 'PAID');

      clock.set(kst('2030-03-11T23:55:00'));
      assert.equal(await syncNightlyTestCancelsIfDue(env.t.deps), 1);
      const cancelled = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(cancelled.status, 'CANCELLED');
      assert.equal(cancelled.amount.cancelled, 3456);
      assert.equal(cancelled.cancellations.length, 1);
      assert.match(cancelled.cancellations[0].reason, /테스트 결제 자동 취소.*testbed cancels test payments every night/);
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.Cancelled']);

      // A second run (a retried job) changes nothing and sends nothing more.
      assert.equal(await syncNightlyTestCancelsIfDue(env.t.deps), 0);
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.Cancelled']);
      assert.equal((await api('GET', `/payments/${yesterdayId}`)).body.status, 'PAID');
    });
  });

  describe(`the nightly test-cancel sync's schedule (${kind})`, () => {
    it('a worker schedules the job daily after 23:50 Korean time', async () => {
      const t = await startTestApp(kind);
      const jobs = await startJobs(t.deps, { work: true });
      try {
        const [schedule] = await jobs.boss.getSchedules(nightlyTestSyncQueue);
        assert.ok(schedule, 'the nightly sync is scheduled');
        assert.equal(schedule.cron, NIGHTLY_TEST_SYNC_CRON);
        assert.equal(schedule.timezone, NIGHTLY_TEST_SYNC_TIME_ZONE);
        assert.equal(schedule.timezone, 'Asia/Seoul');
        const [minute, hour, ...days] = schedule.cron.split(' ');
        assert.equal(hour, '23');
        assert.ok(Number(minute) >= 50 && Number(minute) <= 59, schedule.cron);
        assert.deepEqual(days, ['*', '*', '*']);
      } finally {
        await jobs.stop();
        await t.close();
      }
    });
  });
}
