/**
 * Whole flows through a real simulator: VA deposit and cancel notices, forged and duplicate
 * notices, unknown outcomes settled by inquiry, schedules paid by the job, concurrent charges.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { inquireCall } from '../../../src/services/payments/recovery.ts';
import { payDueSchedules } from '../../../src/services/payments/schedules.ts';
import { auditLog, pgCalls, pgNotifications, webhookOutbox } from '../../../src/store/schema.ts';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, fullCard, keyInCard, sandboxLedger, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

const hook = 'http://127.0.0.1:9/hook';

async function until<T>(what: string, probe: () => Promise<T | undefined>, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

for (const kind of databaseKinds) {
  describe(`payment flows through the simulator (${kind})`, () => {
    let env: PaymentsTestEnv;
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

    before(async () => {
      env = await startPaymentsEnv(kind, { pgTimeoutMs: 1500, sandbox: { slowReplyMs: 2500 } });
    });
    after(async () => env?.close());

    it('a VA deposit notice makes the payment PAID with its webhook', async () => {
      const paymentId = `va-${kind}`;
      const issued = await api('POST', `/payments/${paymentId}/instant`, {
        channelKey: channelKeyOf(env.t, 'portone1'),
        method: { virtualAccount: { bank: 'NONGHYUP', expiry: { validHours: 2 }, option: { type: 'NORMAL' } } },
        orderName: '입금 테스트',
        amount: { total: 12000 },
        currency: 'KRW',
        noticeUrls: [hook],
      });
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.status, 'VIRTUAL_ACCOUNT_ISSUED');
      const account = payment.method.accountNumber as string;
      const deposit = await fetch(`${env.sandboxUrl}/spay/APIVBankTest.do?mchtId=portone1&method=VA&bizType=F1&vAcntNo=${account}&trdAmt=12000`);
      assert.equal(deposit.status, 200);
      const paid = await until('PAID', async () => {
        const p = (await api('GET', `/payments/${paymentId}`)).body;
        return p.status === 'PAID' ? p : undefined;
      });
      assert.equal(paid.amount.paid, 12000);
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.VirtualAccountIssued', 'Transaction.Paid']);
    });

    it('a genuine notice replayed with a forged pktHash is refused on both paths as BAD_SIGNATURE and changes nothing; the genuine one pays', async () => {
      const paymentId = `va-forged-${kind}`;
      // The deposit notice goes to portone1's per-MID notice URL, pointed where nobody listens: the
      // simulator's delivery log keeps the genuine fields, and paymux never sees them.
      const noticeUrl = (url: string | null) =>
        fetch(`${env.sandboxUrl}/__sandbox/merchants/portone1/notice-url`, { method: 'PUT', body: JSON.stringify({ url }) });
      assert.equal((await noticeUrl('http://127.0.0.1:9/lost')).status, 200);
      try {
        const issued = await api('POST', `/payments/${paymentId}/instant`, {
          channelKey: channelKeyOf(env.t, 'portone1'),
          method: { virtualAccount: { bank: 'NONGHYUP', expiry: { validHours: 2 }, option: { type: 'NORMAL' } } },
          orderName: '위조 통보',
          amount: { total: 15000 },
          currency: 'KRW',
          noticeUrls: [hook],
        });
        assert.equal(issued.status, 200, JSON.stringify(issued.body));
        const account = (await api('GET', `/payments/${paymentId}`)).body.method.accountNumber as string;
        await fetch(`${env.sandboxUrl}/spay/APIVBankTest.do?mchtId=portone1&method=VA&bizType=F1&vAcntNo=${account}&trdAmt=15000`);
        const genuine = await until('the deposit notice', async () => {
          const { notifications } = (await (await fetch(`${env.sandboxUrl}/__sandbox/notifications`)).json()) as { notifications: { url: string; fields: Record<string, string> }[] };
          return notifications.find((n) => n.url === 'http://127.0.0.1:9/lost' && n.fields.vAcntNo === account && n.fields.bizType === 'B1')?.fields;
        });
        const outboxBefore = await outboxTypes(paymentId);
        assert.deepEqual(outboxBefore, ['Transaction.VirtualAccountIssued']);
        const rejected = () => env.t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'pg.notification.rejected'));
        for (const path of ['/settle_payments/notice_vbank', '/pg/hecto/notifications']) {
          const before = (await rejected()).length;
          const forged = new URLSearchParams({ ...genuine, pktHash: 'f'.repeat(64) });
          const response = await fetch(`${env.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: forged.toString() });
          assert.equal(response.status, 400, path);
          assert.equal(await response.text(), 'FAIL');
          const rows = await rejected();
          assert.equal(rows.length, before + 1, path);
          assert.equal((rows.at(-1)!.after as { reason: string }).reason, 'BAD_SIGNATURE', path);
          assert.equal((await api('GET', `/payments/${paymentId}`)).body.status, 'VIRTUAL_ACCOUNT_ISSUED', path);
        }
        assert.deepEqual(await outboxTypes(paymentId), outboxBefore);
        const accepted = await fetch(`${env.url}/settle_payments/notice_vbank`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(genuine).toString(),
        });
        assert.equal(accepted.status, 200);
        assert.equal(await accepted.text(), 'OK');
        assert.equal((await api('GET', `/payments/${paymentId}`)).body.status, 'PAID');
        assert.deepEqual(await outboxTypes(paymentId), ['Transaction.VirtualAccountIssued', 'Transaction.Paid']);
      } finally {
        await noticeUrl(null);
      }
    });

    it('a notice with a NUL byte is refused as MALFORMED on both paths, audited, and records nothing', async () => {
      const rejected = () => env.t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'pg.notification.rejected'));
      const noticesBefore = (await env.t.deps.db.select().from(pgNotifications)).length;
      for (const path of ['/settle_payments/notice_vbank', '/pg/hecto/notifications']) {
        for (const body of ['mchtId=%00', 'mchtId=portone1&outStatCd=0021&trdNo=%00&method=VA&bizType=B1&mchtTrdNo=x&trdDtm=20250101120000&trdAmt=1000&pktHash=00']) {
          const before = (await rejected()).length;
          const response = await fetch(`${env.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
          assert.equal(response.status, 400, `${path} ${body}`);
          const rows = await rejected();
          assert.equal(rows.length, before + 1);
          assert.equal((rows.at(-1)!.after as { reason: string }).reason, 'MALFORMED');
        }
      }
      assert.equal((await env.t.deps.db.select().from(pgNotifications)).length, noticesBefore);
    });

    it('the nightly auto-cancel notice cancels a test payment with a reason saying so', async () => {
      const paymentId = `nightly-${kind}`;
      const paid = await api('POST', `/payments/${paymentId}/instant`, {
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: keyInCard } },
        orderName: '야간 취소',
        amount: { total: 3300 },
        currency: 'KRW',
        noticeUrls: [hook],
      });
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
      await fetch(`${env.sandboxUrl}/__sandbox/nightly-cancel`, { method: 'POST' });
      const cancelled = await until('CANCELLED', async () => {
        const p = (await api('GET', `/payments/${paymentId}`)).body;
        return p.status === 'CANCELLED' ? p : undefined;
      });
      assert.equal(cancelled.amount.cancelled, 3300);
      assert.match(cancelled.cancellations[0].reason, /testbed cancels test payments every night/);
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.Cancelled']);
    });

    it('the schedule job pays a due schedule', async () => {
      const issued = await api('POST', '/billing-keys', { channelKey: channelKeyOf(env.t, 'nxca_ks_gu'), method: { card: { credential: fullCard } } });
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const paymentId = `sched-${kind}`;
      const created = await api('POST', `/payments/${paymentId}/schedule`, {
        payment: { billingKey: issued.body.billingKeyInfo.billingKey, orderName: '예약 결제', amount: { total: 5500 }, currency: 'KRW' },
        timeToPay: new Date(Date.now() - 1000).toISOString(),
      });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.equal(await payDueSchedules(env.t.deps), 1);
      const schedule = (await api('GET', `/payment-schedules/${created.body.schedule.id}`)).body;
      assert.equal(schedule.status, 'SUCCEEDED');
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.status, 'PAID');
      assert.equal(payment.scheduleId, created.body.schedule.id);
    });

    it('50 concurrent charges of one payment id: exactly one approval at the PG, the others 409', async () => {
      const paymentId = `race-${kind}`;
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          api('POST', `/payments/${paymentId}/instant`, {
            channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
            method: { card: { credential: keyInCard } },
            orderName: '동시 결제',
            amount: { total: 7700 },
            currency: 'KRW',
          }),
        ),
      );
      assert.equal(results.filter((r) => r.status === 200).length, 1);
      for (const r of results.filter((r) => r.status !== 200)) {
        assert.equal(r.status, 409);
        assert.ok(['ALREADY_PAID', 'ALREADY_PAID_OR_WAITING'].includes(r.body.type as string), JSON.stringify(r.body));
      }
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      const approvals = (await sandboxLedger(env.sandboxUrl)).filter((tx) => tx.trdNo === payment.pgTxId || (tx as { amount?: number }).amount === 7700);
      assert.equal(approvals.length, 1);
    });

    it('concurrent partial cancels never exceed the paid amount', async () => {
      const paymentId = `cancel-race-${kind}`;
      await api('POST', `/payments/${paymentId}/instant`, {
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: keyInCard } },
        orderName: '동시 취소',
        amount: { total: 10000 },
        currency: 'KRW',
      });
      const results = await Promise.all(Array.from({ length: 10 }, () => api('POST', `/payments/${paymentId}/cancel`, { amount: 3000, reason: '동시' })));
      const succeeded = results.filter((r) => r.status === 200).length;
      assert.ok(succeeded >= 1 && succeeded <= 3);
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.amount.cancelled, succeeded * 3000);
      assert.ok(payment.amount.cancelled <= 10000);
      const atPg = (await sandboxLedger(env.sandboxUrl)).find((tx) => tx.trdNo === payment.pgTxId) as { cancelledAmount: number } | undefined;
      assert.equal(atPg?.cancelledAmount, payment.amount.cancelled);
    });
  });

  describe(`unknown outcomes, settled only by inquiry (${kind}; simulator notices off)`, () => {
    let env: PaymentsTestEnv;
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

    before(async () => {
      env = await startPaymentsEnv(kind, { pgTimeoutMs: 1500, sandbox: { slowReplyMs: 2500, notify: false } });
    });
    after(async () => env?.close());

    it('an unknown outcome (dropped reply) stays PAY_PENDING, answers PG_PROVIDER pending, and the inquiry settles it PAID with its webhook', async () => {
      const paymentId = `drop-${kind}`;
      const response = await api('POST', `/payments/${paymentId}/instant`, {
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: { ...keyInCard, number: '4000000000009992' } } },
        orderName: '응답 유실',
        amount: { total: 4100 },
        currency: 'KRW',
        noticeUrls: [hook],
      });
      assert.equal(response.status, 502);
      assert.equal(response.body.type, 'PG_PROVIDER');
      assert.match(response.body.message, /pending/);
      assert.equal((await api('GET', `/payments/${paymentId}`)).body.status, 'PAY_PENDING');
      const [call] = await env.t.deps.db.select().from(pgCalls).where(and(eq(pgCalls.status, 'PENDING'), eq(pgCalls.operation, 'approveKeyIn')));
      assert.ok(call);
      assert.equal(await inquireCall(env.t.deps, call.id), 'PAID');
      assert.equal((await api('GET', `/payments/${paymentId}`)).body.status, 'PAID');
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid']);
    });

    it('an unknown outcome (time-out) is settled by inquiry into what the PG did', async () => {
      const paymentId = `slow-${kind}`;
      const response = await api('POST', `/payments/${paymentId}/instant`, {
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: { ...keyInCard, number: '4000000000009991' } } },
        orderName: '시간 초과',
        amount: { total: 4200 },
        currency: 'KRW',
      });
      assert.equal(response.status, 502);
      assert.match(response.body.message, /pending/);
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.status, 'PAY_PENDING');
      assert.equal(await inquireCall(env.t.deps, payment.transactionId), 'PAID');
      assert.equal((await api('GET', `/payments/${paymentId}`)).body.status, 'PAID');
    });

    it('a card that never answers (nothing booked at the PG) is FAILED by the inquiry, never before', async () => {
      const paymentId = `hang-${kind}`;
      const response = await api('POST', `/payments/${paymentId}/instant`, {
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: { ...keyInCard, number: '4000000000009990' } } },
        orderName: '무응답',
        amount: { total: 4300 },
        currency: 'KRW',
      });
      assert.equal(response.status, 502);
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.status, 'PAY_PENDING');
      assert.equal(await inquireCall(env.t.deps, payment.transactionId), 'FAILED');
      assert.equal((await api('GET', `/payments/${paymentId}`)).body.status, 'FAILED');
    });
  });
}
