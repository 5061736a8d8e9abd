/**
 * A cancel whose PG reply never arrives: the API answers PG_PROVIDER "pending", the amount stays
 * reserved, an inquiry settles it with what the PG did (and writes its webhook), and retrying the
 * cancel never cancels twice. The simulator's reply faults make the cancel's reply go missing;
 * its ledger is the witness of how many cancels happened.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { Payment, PaymentClient } from '@portone/server-sdk';
import { inquireCall } from '../../../src/services/payments/recovery.ts';
import { pgCalls, webhookOutbox } from '../../../src/store/schema.ts';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, keyInCard, sandboxLedger, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

type LedgerRow = { trdNo: string; cancelledAmount: number; cancels: { amount: number }[] };

for (const kind of databaseKinds) {
  describe(`a cancel whose reply is lost (${kind}; simulator notices off)`, () => {
    let env: PaymentsTestEnv;
    let payment: ReturnType<typeof PaymentClient>;
    let seq = 0;
    const id = (name: string) => `${name}-${kind}-${Date.now()}-${++seq}`;

    before(async () => {
      env = await startPaymentsEnv(kind, { pgTimeoutMs: 1500, sandbox: { notify: false } });
      payment = PaymentClient({ secret: env.t.demo.apiSecret, baseUrl: env.url });
    });
    after(async () => env?.close());

    const pay = async (paymentId: string, total: number) => {
      const paid = await payment.payInstantly({
        paymentId,
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: keyInCard } },
        orderName: '취소 유실',
        amount: { total },
        currency: 'KRW',
        noticeUrls: ['http://127.0.0.1:9/hook'],
      });
      return paid.payment.pgTxId!;
    };
    const arm = async (transport: 'drop' | 'hang') =>
      assert.equal((await fetch(`${env.sandboxUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ path: 'APICancel.do', transport }) })).status, 201);
    const atPg = async (pgTxId: string) => (await sandboxLedger(env.sandboxUrl)).find((tx) => tx.trdNo === pgTxId) as LedgerRow | undefined;
    const pendingCancelCall = async () => {
      const [call] = await env.t.deps.db.select().from(pgCalls).where(and(eq(pgCalls.operation, 'cancel'), eq(pgCalls.status, 'PENDING')));
      assert.ok(call, 'the cancel call is pending');
      return call;
    };
    const outboxTypes = async (paymentId: string) =>
      (await env.t.deps.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, paymentId))).map((r) => r.eventType);
    const isPending = (e: unknown) =>
      e instanceof Payment.CancelPaymentError && e.data.type === 'PG_PROVIDER' && /pending/.test(e.data.message ?? '');
    const refusedAs = (type: string) => (e: unknown) => e instanceof Payment.CancelPaymentError && e.data.type === type;

    it('answers PG_PROVIDER pending, is settled by inquiry with its webhook, and a retry never cancels twice', async () => {
      const paymentId = id('cancel-dropped');
      const pgTxId = await pay(paymentId, 10_000);
      const cancel = { paymentId, amount: 4_000, currentCancellableAmount: 10_000, reason: '응답 유실' };
      await arm('drop');
      await assert.rejects(payment.cancelPayment(cancel), isPending);
      // The PG cancelled; paymux does not know yet and holds the amount reserved.
      assert.equal((await atPg(pgTxId))?.cancelledAmount, 4_000);
      const before = await payment.getPayment({ paymentId });
      assert.equal(before.status, 'PAID');
      if (before.status === 'PAID') assert.equal(before.amount.cancelled, 0);

      // A retry while the first is unsettled is refused, not sent to the PG.
      await assert.rejects(payment.cancelPayment(cancel), refusedAs('CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN'));
      assert.equal((await atPg(pgTxId))?.cancels.length, 1);

      assert.equal(await inquireCall(env.t.deps, (await pendingCancelCall()).id), 'CANCEL_SUCCEEDED');
      const settled = await payment.getPayment({ paymentId });
      assert.equal(settled.status, 'PARTIAL_CANCELLED');
      if (settled.status === 'PARTIAL_CANCELLED') {
        assert.equal(settled.amount.cancelled, 4_000);
        assert.equal(settled.cancellations.length, 1);
        assert.equal(settled.cancellations[0]!.status, 'SUCCEEDED');
      }
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.PartialCancelled']);

      // The merchant retries with the balance it saw before: PortOne's consistency guard refuses it.
      await assert.rejects(payment.cancelPayment(cancel), refusedAs('CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN'));
      // A second inquiry of the same call changes nothing.
      assert.equal(await inquireCall(env.t.deps, settled.transactionId), 'ALREADY_SETTLED');
      const ledger = await atPg(pgTxId);
      assert.equal(ledger?.cancels.length, 1);
      assert.equal(ledger?.cancelledAmount, 4_000);
      assert.equal((await payment.getPayment({ paymentId })).status, 'PARTIAL_CANCELLED');
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.PartialCancelled']);
    });

    it('a full cancel whose reply is lost, retried after the inquiry, answers PAYMENT_ALREADY_CANCELLED', async () => {
      const paymentId = id('cancel-full-dropped');
      const pgTxId = await pay(paymentId, 6_000);
      await arm('drop');
      await assert.rejects(payment.cancelPayment({ paymentId, reason: '전액, 응답 유실' }), isPending);
      assert.equal(await inquireCall(env.t.deps, (await pendingCancelCall()).id), 'CANCEL_SUCCEEDED');
      assert.equal((await payment.getPayment({ paymentId })).status, 'CANCELLED');
      await assert.rejects(payment.cancelPayment({ paymentId, reason: '재시도' }), refusedAs('PAYMENT_ALREADY_CANCELLED'));
      assert.equal((await atPg(pgTxId))?.cancels.length, 1);
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.Cancelled']);
    });

    it('a cancel that timed out with nothing booked is released by the inquiry, and the retry cancels once', async () => {
      const paymentId = id('cancel-timeout');
      const pgTxId = await pay(paymentId, 8_000);
      await arm('hang');
      await assert.rejects(payment.cancelPayment({ paymentId, amount: 3_000, reason: '시간 초과' }), isPending);
      assert.equal((await atPg(pgTxId))?.cancelledAmount, 0);
      assert.equal(await inquireCall(env.t.deps, (await pendingCancelCall()).id), 'CANCEL_FAILED');
      const released = await payment.getPayment({ paymentId });
      assert.equal(released.status, 'PAID');
      assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid']);
      // The reservation is released: the retry goes through, and the PG holds exactly one cancel.
      const retried = await payment.cancelPayment({ paymentId, amount: 3_000, currentCancellableAmount: 8_000, reason: '재시도' });
      assert.equal(retried.cancellation.status, 'SUCCEEDED');
      const ledger = await atPg(pgTxId);
      assert.equal(ledger?.cancels.length, 1);
      assert.equal(ledger?.cancelledAmount, 3_000);
      const after = await payment.getPayment({ paymentId });
      assert.equal(after.status, 'PARTIAL_CANCELLED');
      if (after.status === 'PARTIAL_CANCELLED') assert.equal(after.amount.cancelled, 3_000);
    });
  });
}
