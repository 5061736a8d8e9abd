/**
 * Closing a virtual account when the PG's notice of the close lands before its reply: the notice
 * cancels the payment first, and the close must still answer success (the PG said yes), with one
 * Transaction.Cancelled webhook, not PAYMENT_NOT_WAITING_FOR_DEPOSIT. The simulator's slow reply
 * fault holds the close's reply while its notice goes out at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { PaymentClient } from '@portone/server-sdk';
import { webhookOutbox } from '../../../src/store/schema.ts';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

for (const kind of databaseKinds) {
  describe(`closing a virtual account whose notice outruns the reply (${kind})`, () => {
    let env: PaymentsTestEnv;
    let payment: ReturnType<typeof PaymentClient>;

    before(async () => {
      env = await startPaymentsEnv(kind, { pgTimeoutMs: 10_000, sandbox: { slowReplyMs: 2_000 } });
      payment = PaymentClient({ secret: env.t.demo.apiSecret, baseUrl: env.url });
    });
    after(async () => env?.close());

    it('answers the close as done, the payment CANCELLED once, with one Transaction.Cancelled webhook', async () => {
      const paymentId = `va-close-race-${kind}-${Date.now()}`;
      await payment.payInstantly({
        paymentId,
        channelKey: channelKeyOf(env.t, 'portone1'),
        method: { virtualAccount: { bank: 'KOOKMIN', expiry: { validHours: 24 }, option: { type: 'NORMAL' } } },
        orderName: '가상계좌 닫기',
        amount: { total: 30_000 },
        currency: 'KRW',
        noticeUrls: ['http://127.0.0.1:9/hook'],
      });
      assert.equal((await payment.getPayment({ paymentId })).status, 'VIRTUAL_ACCOUNT_ISSUED');
      const armed = await fetch(`${env.sandboxUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ path: 'APIVBank.do', transport: 'slow' }) });
      assert.equal(armed.status, 201);

      const closed = await payment.closeVirtualAccount({ paymentId });
      assert.ok(closed.closedAt);
      const after = await payment.getPayment({ paymentId });
      assert.equal(after.status, 'CANCELLED');
      const cancelledWebhooks = (await env.t.deps.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, paymentId))).filter(
        (row) => row.apiVersion === 'V2' && row.eventType === 'Transaction.Cancelled',
      );
      assert.equal(cancelledWebhooks.length, 1, 'one Transaction.Cancelled to the notice URL');
    });
  });
}
