/**
 * Webhooks end to end with PortOne's own server SDK: a keyed-in payment made through
 * `@portone/server-sdk` reaches a real receiver through the outbox delivery, and the SDK's
 * `Webhook.verify` accepts it with the store's webhook secret; `payment.resendWebhook` sends it
 * again; and `billingKey.getBillingKeyInfos` lists the store's billing keys.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BillingKeyClient, Payment, PaymentClient, Webhook } from '@portone/server-sdk';
import { deliverDueWebhooks } from '../../src/services/webhooks/delivery.ts';
import { ConsoleClient } from '../support/consoleClient.ts';
import { databaseKinds } from '../support/database.ts';
import { channelKeyOf, fullCard, keyInCard, startPaymentsEnv, type PaymentsTestEnv } from '../support/payments.ts';
import { startReceiver, type Receiver } from '../integration/webhooks/helpers.ts';

for (const kind of databaseKinds) {
  describe(`webhooks and billing key lists through @portone/server-sdk (${kind})`, () => {
    let env: PaymentsTestEnv;
    let receiver: Receiver;
    let payment: ReturnType<typeof PaymentClient>;
    let billing: ReturnType<typeof BillingKeyClient>;
    const id = (name: string) => `${name}-${kind}-${Date.now()}`;

    before(async () => {
      env = await startPaymentsEnv(kind);
      receiver = await startReceiver();
      // As a merchant does it on the console's 웹훅 page.
      const console = new ConsoleClient(env.t.app);
      assert.equal((await console.login(env.t.demo.console.email, env.t.demo.console.password)).statusCode, 200);
      const set = await console.request('PUT', `/console-api/stores/${env.t.demo.storeId}/webhook`, { url: `${receiver.origin}/portone-webhook` });
      assert.equal(set.statusCode, 200, set.body);
      const init = { secret: env.t.demo.apiSecret, baseUrl: env.url };
      payment = PaymentClient(init);
      billing = BillingKeyClient(init);
    });
    after(async () => {
      await receiver?.close();
      await env?.close();
    });
    beforeEach(() => {
      receiver.received.length = 0;
    });

    /** The fields of a known BillingKeyInfo variant (ISSUED or DELETED). */
    const info = (k: Payment.BillingKey.BillingKeyInfo) => {
      if (Payment.BillingKey.isUnrecognizedBillingKeyInfo(k)) throw new Error('unrecognized billing key info');
      return k;
    };

    async function payKeyedIn(paymentId: string) {
      await payment.payInstantly({
        paymentId,
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: keyInCard } },
        orderName: '웹훅 테스트',
        amount: { total: 2500 },
        currency: 'KRW',
      });
      return payment.getPayment({ paymentId });
    }

    it('delivers Transaction.Paid of a keyed-in payment, signed so that Webhook.verify accepts it', async () => {
      const paymentId = id('webhook');
      const paid = await payKeyedIn(paymentId);
      assert.equal(paid.status, 'PAID');
      await deliverDueWebhooks(env.t.deps);
      const received = receiver.received.filter((r) => JSON.parse(r.body).data?.paymentId === paymentId);
      assert.equal(received.length, 1);
      const [request] = received;
      assert.equal(request!.path, '/portone-webhook');
      const webhook = await Webhook.verify(env.t.demo.webhookSecret, request!.body, request!.headers);
      assert.equal(webhook.type, 'Transaction.Paid');
      if (webhook.type !== 'Transaction.Paid') return;
      assert.equal(webhook.data.paymentId, paymentId);
      assert.equal(webhook.data.storeId, env.t.demo.storeId);
      assert.equal(webhook.data.transactionId, paid.status === 'PAID' ? paid.transactionId : undefined);

      await assert.rejects(Webhook.verify(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, request!.body, request!.headers), (e: unknown) => e instanceof Webhook.WebhookVerificationError);
      await assert.rejects(Webhook.verify(env.t.demo.webhookSecret, request!.body.replace('Transaction.Paid', 'Transaction.Failed'), request!.headers));
    });

    it('resends the webhook of a payment (payment.resendWebhook); the copy verifies under a new webhook-id', async () => {
      const paymentId = id('resend');
      await payKeyedIn(paymentId);
      await deliverDueWebhooks(env.t.deps);
      const original = receiver.received.find((r) => JSON.parse(r.body).data?.paymentId === paymentId);
      assert.ok(original);
      receiver.received.length = 0;

      const { webhook } = await payment.resendWebhook({ paymentId });
      assert.equal(webhook.paymentStatus, 'PAID');
      assert.equal(webhook.trigger, 'MANUAL');
      assert.equal(webhook.url, `${receiver.origin}/portone-webhook`);
      assert.notEqual(webhook.id, original.headers['webhook-id']);
      await deliverDueWebhooks(env.t.deps);
      assert.equal(receiver.received.length, 1);
      const [copy] = receiver.received;
      assert.equal(copy!.headers['webhook-id'], webhook.id);
      assert.equal(copy!.body, original.body);
      const verified = await Webhook.verify(env.t.demo.webhookSecret, copy!.body, copy!.headers);
      assert.equal(verified.type, 'Transaction.Paid');
    });

    it('answers PAYMENT_NOT_FOUND to resendWebhook of an unknown payment', async () => {
      await assert.rejects(
        payment.resendWebhook({ paymentId: id('nope') }),
        (e: unknown) => e instanceof Payment.ResendWebhookError && e.data.type === 'PAYMENT_NOT_FOUND',
      );
      assert.equal(receiver.received.length, 0);
    });

    it('lists billing keys (getBillingKeyInfos) with a page, a status filter and a text search', async () => {
      const channelKey = channelKeyOf(env.t, 'nxca_ks_gu');
      const customerId = id('customer');
      const keys: string[] = [];
      for (let i = 0; i < 3; i++) {
        const issued = await billing.issueBillingKey({ channelKey, method: { card: { credential: fullCard } }, customer: { id: customerId } });
        keys.push(issued.billingKeyInfo.billingKey);
      }
      await billing.deleteBillingKey({ billingKey: keys[0]! });

      const all = await billing.getBillingKeyInfos({ filter: { customerId } });
      assert.equal(all.page.totalCount, 3);
      assert.deepEqual(all.items.map((k) => info(k).billingKey).sort(), [...keys].sort());
      const newest = info(all.items[0]!);
      assert.equal(newest.billingKey, keys[2], 'newest first by default');
      assert.equal(newest.storeId, env.t.demo.storeId);
      assert.equal(newest.channels?.[0]?.pgMerchantId, 'nxca_ks_gu');

      const pages = [
        await billing.getBillingKeyInfos({ page: { number: 0, size: 2 }, sort: { by: 'ISSUED_AT', order: 'ASC' }, filter: { customerId } }),
        await billing.getBillingKeyInfos({ page: { number: 1, size: 2 }, sort: { by: 'ISSUED_AT', order: 'ASC' }, filter: { customerId } }),
      ];
      assert.deepEqual(pages.map((p) => p.items.length), [2, 1]);
      assert.deepEqual(pages.flatMap((p) => p.items.map((k) => info(k).billingKey)), keys, 'pages are stable and cover every key once');

      const issuedOnly = await billing.getBillingKeyInfos({ filter: { customerId, status: ['ISSUED'] } });
      assert.deepEqual(issuedOnly.items.map((k) => info(k).billingKey).sort(), [keys[1], keys[2]].sort());
      const deleted = await billing.getBillingKeyInfos({ filter: { customerId, status: ['DELETED'] } });
      assert.deepEqual(deleted.items.map((k) => [info(k).billingKey, k.status]), [[keys[0], 'DELETED']]);

      const searched = await billing.getBillingKeyInfos({ filter: { textSearch: { field: 'BILLING_KEY', value: keys[1]! } } });
      assert.deepEqual(searched.items.map((k) => info(k).billingKey), [keys[1]]);
      const future = await billing.getBillingKeyInfos({ filter: { customerId, from: new Date(Date.now() + 3600_000).toISOString() } });
      assert.equal(future.page.totalCount, 0);

      await assert.rejects(
        billing.getBillingKeyInfos({ page: { number: 0, size: 0 } }),
        (e: unknown) => e instanceof Payment.BillingKey.GetBillingKeyInfosError && e.data.type === 'INVALID_REQUEST',
      );
    });
  });
}
