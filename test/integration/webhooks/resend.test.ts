import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Webhook } from '@portone/server-sdk';
import { newRowId } from '../../../src/domain/ids.ts';
import type { Deps } from '../../../src/services/deps.ts';
import { signUp } from '../../../src/services/tenancy.ts';
import { deliverDueWebhooks } from '../../../src/services/webhooks/delivery.ts';
import { listPaymentOutboxRows } from '../../../src/store/repositories/webhookOutbox.ts';
import { payments } from '../../../src/store/schema.ts';
import { ConsoleClient } from '../../support/consoleClient.ts';
import { databaseKinds } from '../../support/database.ts';
import { fixedClock, startTestApp, type TestApp } from '../../support/harness.ts';
import { enqueuePaymentEvent, setStoreWebhookUrl, startReceiver, type Receiver } from './helpers.ts';

/** A PAID payment row of the store, as the payments service leaves it (resend checks it exists). */
async function insertPaidPayment(deps: Deps, storeId: string, paymentId: string): Promise<void> {
  const at = deps.clock.now();
  await deps.db.insert(payments).values({
    id: newRowId(),
    storeId,
    paymentId,
    transactionId: newRowId(),
    status: 'PAID',
    method: 'CARD',
    totalAmount: 1000n,
    requestedAt: at,
    updatedAt: at,
    statusChangedAt: at,
    paidAt: at,
  });
}

for (const kind of databaseKinds) {
  describe(`POST /payments/{paymentId}/resend-webhook on ${kind}`, () => {
    let t: TestApp;
    let receiver: Receiver;
    const clock = fixedClock(new Date());
    before(async () => {
      t = await startTestApp(kind, { clock });
      receiver = await startReceiver();
      await setStoreWebhookUrl(t.deps, t.demo.storeId, `${receiver.origin}/portone-webhook`);
    });
    after(async () => {
      await receiver.close();
      await t.close();
    });
    beforeEach(() => {
      clock.set(new Date());
      receiver.received.length = 0;
    });

    const resend = (paymentId: string, payload?: string, secret = t.demo.apiSecret) =>
      t.app.inject({
        method: 'POST',
        url: `/payments/${encodeURIComponent(paymentId)}/resend-webhook`,
        headers: { authorization: `PortOne ${secret}`, 'content-type': 'application/json' },
        ...(payload === undefined ? {} : { payload }),
      });

    /** A payment that was made ready, then paid a minute later, both webhooks delivered. */
    async function deliveredPayment(noticeUrls?: string[]) {
      const paymentId = `pay-${randomUUID()}`;
      await insertPaidPayment(t.deps, t.demo.storeId, paymentId);
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId, type: 'Transaction.Ready', noticeUrls });
      clock.advance(60_000);
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId, type: 'Transaction.Paid', noticeUrls });
      await deliverDueWebhooks(t.deps);
      receiver.received.length = 0;
      const rows = await listPaymentOutboxRows(t.deps.db, t.demo.storeId, paymentId, 'V2');
      assert.ok(rows.every((row) => row.status === 'DELIVERED'));
      return { paymentId, rows };
    }

    it("sends the payment's latest webhook again under a new webhook-id", async () => {
      const { paymentId, rows } = await deliveredPayment();
      const paid = rows.find((row) => row.eventType === 'Transaction.Paid')!;
      clock.advance(5_000);

      const response = await resend(paymentId, '{}');
      assert.equal(response.statusCode, 200, response.body);
      const { webhook } = response.json();
      assert.notEqual(webhook.id, paid.id);
      assert.ok(!rows.some((row) => row.id === webhook.id));
      assert.equal(webhook.url, `${receiver.origin}/portone-webhook`);
      assert.equal(webhook.paymentStatus, 'PAID');
      assert.equal(webhook.trigger, 'MANUAL');
      assert.equal(webhook.currentExecutionCount, 0);
      assert.equal(webhook.triggeredAt, clock.now().toISOString());
      assert.equal(webhook.request.body, paid.body);

      await deliverDueWebhooks(t.deps);
      assert.equal(receiver.received.length, 1);
      const [request] = receiver.received;
      assert.equal(request!.headers['webhook-id'], webhook.id);
      assert.equal(request!.body, paid.body, 'the same event, byte for byte');
      const verified = await Webhook.verify(t.demo.webhookSecret, request!.body, request!.headers);
      assert.equal(verified.type, 'Transaction.Paid');

      const after = await listPaymentOutboxRows(t.deps.db, t.demo.storeId, paymentId, 'V2');
      assert.equal(after.length, rows.length + 1, 'the original webhooks stay as they were');
      assert.equal(after.find((row) => row.id === webhook.id)!.status, 'DELIVERED');
    });

    it('sends a chosen earlier webhook again, and accepts an absent body', async () => {
      const { paymentId, rows } = await deliveredPayment();
      const ready = rows.find((row) => row.eventType === 'Transaction.Ready')!;
      const chosen = await resend(paymentId, JSON.stringify({ webhookId: ready.id, storeId: t.demo.storeId }));
      assert.equal(chosen.statusCode, 200, chosen.body);
      assert.equal(chosen.json().webhook.paymentStatus, 'READY');
      assert.equal(chosen.json().webhook.request.body, ready.body);

      const bare = await resend(paymentId);
      assert.equal(bare.statusCode, 200, bare.body);
      assert.equal(bare.json().webhook.paymentStatus, 'PAID');

      await deliverDueWebhooks(t.deps);
      assert.deepEqual(
        receiver.received.map((r) => JSON.parse(r.body).type).sort(),
        ['Transaction.Paid', 'Transaction.Ready'],
      );
    });

    it('sends to the notice URLs of the original event too', async () => {
      const { paymentId } = await deliveredPayment([`${receiver.origin}/notice`]);
      const response = await resend(paymentId, '{}');
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().webhook.url, `${receiver.origin}/portone-webhook`, "the answer shows the store endpoint's copy");
      await deliverDueWebhooks(t.deps);
      assert.deepEqual(receiver.received.map((r) => r.path).sort(), ['/notice', '/portone-webhook']);
      assert.equal(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size, 2);
    });

    it('answers 404 PAYMENT_NOT_FOUND for an unknown payment, WEBHOOK_NOT_FOUND for one without webhooks or an unknown webhookId', async () => {
      const unknownId = `pay-${randomUUID()}`;
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId: unknownId });
      const unknown = await resend(unknownId, '{}');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().type, 'PAYMENT_NOT_FOUND', 'an outbox row without a payment does not make the payment exist');
      const silent = `pay-${randomUUID()}`;
      await insertPaidPayment(t.deps, t.demo.storeId, silent);
      const noWebhooks = await resend(silent, '{}');
      assert.equal(noWebhooks.statusCode, 404);
      assert.equal(noWebhooks.json().type, 'WEBHOOK_NOT_FOUND');
      const { paymentId } = await deliveredPayment();
      const wrongId = await resend(paymentId, JSON.stringify({ webhookId: randomUUID() }));
      assert.equal(wrongId.statusCode, 404);
      assert.equal(wrongId.json().type, 'WEBHOOK_NOT_FOUND');
    });

    it('answers 400 for a malformed body and 401 without a credential', async () => {
      const bad = await resend('pay-1', JSON.stringify({ webhookId: 42 }));
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().type, 'INVALID_REQUEST');
      const unauthenticated = await t.app.inject({ method: 'POST', url: '/payments/pay-1/resend-webhook', payload: '{}' });
      assert.equal(unauthenticated.statusCode, 401);
      assert.equal(unauthenticated.json().type, 'UNAUTHORIZED');
    });

    it("keeps to the caller's store: another store's payment is absent, another storeId forbidden", async () => {
      const { paymentId } = await deliveredPayment();
      const email = `other-${randomUUID()}@example.com`;
      const other = await signUp(
        t.deps,
        { companyName: '다른 상점', businessRegistrationNumber: '2208162517', email, password: 'another-password' },
        { type: 'system' },
      );
      const console = new ConsoleClient(t.app);
      await console.login(email, 'another-password');
      const { secret } = (await console.request('POST', `/console-api/stores/${other.storeId}/api-secrets`, { name: 'other' })).json();

      const foreign = await resend(paymentId, '{}', secret);
      assert.equal(foreign.statusCode, 404);
      assert.equal(foreign.json().type, 'PAYMENT_NOT_FOUND');
      const missingId = `pay-${randomUUID()}`;
      const ownMissing = await resend(missingId, '{}', secret);
      const withoutId = (body: { type: string; message: string }, id: string) => ({ ...body, message: body.message.replace(id, '<id>') });
      assert.deepEqual(withoutId(foreign.json(), paymentId), withoutId(ownMissing.json(), missingId), 'foreign and absent are indistinguishable');

      const otherStore = await resend(paymentId, JSON.stringify({ storeId: t.demo.storeId }), secret);
      assert.equal(otherStore.statusCode, 403);
      assert.equal(otherStore.json().type, 'FORBIDDEN');
      await deliverDueWebhooks(t.deps);
      assert.equal(receiver.received.length, 0, 'nothing was sent');
    });
  });
}
