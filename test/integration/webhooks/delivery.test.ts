import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Webhook } from '@portone/server-sdk';
import { retryWindowMs } from '../../../src/domain/webhookRetries.ts';
import type { Deps } from '../../../src/services/deps.ts';
import { deliverDueWebhooks } from '../../../src/services/webhooks/delivery.ts';
import { openStore } from '../../../src/store/db.ts';
import {
  findOutboxRow,
  insertOutboxRows,
  listDeliveryAttempts,
  listPaymentOutboxRows,
} from '../../../src/store/repositories/webhookOutbox.ts';
import { databaseKinds } from '../../support/database.ts';
import { fixedClock, startTestApp, type TestApp } from '../../support/harness.ts';
import { enqueuePaymentEvent, setStoreWebhookUrl, startReceiver, type Receiver } from './helpers.ts';

for (const kind of databaseKinds) {
  describe(`webhook delivery on ${kind}`, () => {
    let t: TestApp;
    let receiver: Receiver;
    // Starts at the real time in each test: receivers check webhook-timestamp against their own clock.
    const clock = fixedClock(new Date());
    before(async () => {
      t = await startTestApp(kind, { clock });
      receiver = await startReceiver();
    });
    after(async () => {
      await receiver.close();
      await t.close();
    });
    beforeEach(async () => {
      clock.set(new Date());
      receiver.received.length = 0;
      receiver.answer = () => ({ status: 200, body: 'ok' });
      await setStoreWebhookUrl(t.deps, t.demo.storeId, `${receiver.origin}/portone-webhook`);
    });

    const paymentRows = (paymentId: string) => listPaymentOutboxRows(t.deps.db, t.demo.storeId, paymentId, 'V2');

    it('signs V2 webhooks so that @portone/server-sdk verifies them', async () => {
      const paymentId = `pay-${randomUUID()}`;
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId });
      const reports = await deliverDueWebhooks(t.deps);
      assert.equal(reports.length, 1);
      assert.equal(receiver.received.length, 1);

      const [request] = receiver.received;
      assert.equal(request!.path, '/portone-webhook');
      assert.equal(request!.headers['content-type'], 'application/json');
      const webhook = await Webhook.verify(t.demo.webhookSecret, request!.body, request!.headers);
      assert.equal(webhook.type, 'Transaction.Paid');
      assert.ok('data' in webhook && 'paymentId' in webhook.data);
      assert.equal(webhook.data.paymentId, paymentId);
      assert.equal(webhook.data.storeId, t.demo.storeId);
      assert.equal(request!.headers['webhook-timestamp'], String(Math.floor(clock.now().getTime() / 1000)));

      const [row] = await paymentRows(paymentId);
      assert.equal(request!.headers['webhook-id'], row!.id);
      assert.equal(request!.body, row!.body, 'the exact stored bytes are sent');
      assert.equal(row!.status, 'DELIVERED');
      assert.equal(row!.attemptCount, 1);
      assert.deepEqual(row!.deliveredAt, clock.now());
      const attempts = await listDeliveryAttempts(t.deps.db, row!.id);
      assert.equal(attempts.length, 1);
      assert.equal(attempts[0]!.httpStatus, 200);
      assert.equal(attempts[0]!.responseExcerpt, 'ok');
      assert.equal(attempts[0]!.error, null);
      assert.ok(attempts[0]!.durationMs >= 0);
    });

    it('refuses a signature made with another secret', async () => {
      const paymentId = `pay-${randomUUID()}`;
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId });
      await deliverDueWebhooks(t.deps);
      const [request] = receiver.received;
      const otherSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
      await assert.rejects(Webhook.verify(otherSecret, request!.body, request!.headers), { name: 'WebhookVerificationError' });
      await assert.rejects(Webhook.verify(t.demo.webhookSecret, request!.body.replace(paymentId, 'pay-forged'), request!.headers), {
        name: 'WebhookVerificationError',
      });
    });

    it('sends to the request notice URLs too, each as its own webhook', async () => {
      const paymentId = `pay-${randomUUID()}`;
      const noticeUrls = [`${receiver.origin}/notice-a`, `${receiver.origin}/notice-b`];
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId, type: 'Transaction.VirtualAccountIssued', noticeUrls });
      await deliverDueWebhooks(t.deps);

      assert.deepEqual(receiver.received.map((r) => r.path).sort(), ['/notice-a', '/notice-b', '/portone-webhook']);
      const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
      assert.equal(ids.size, 3, 'one webhook-id per target');
      for (const request of receiver.received) {
        const webhook = await Webhook.verify(t.demo.webhookSecret, request.body, request.headers);
        assert.equal(webhook.type, 'Transaction.VirtualAccountIssued');
      }
      assert.ok((await paymentRows(paymentId)).every((row) => row.status === 'DELIVERED'));
    });

    it('retries after a failure with the same webhook-id, logging every attempt', async () => {
      const paymentId = `pay-${randomUUID()}`;
      let calls = 0;
      receiver.answer = () => (++calls === 1 ? { status: 500, body: 'x'.repeat(2000) } : { status: 200, body: 'ok' });
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId });

      await deliverDueWebhooks(t.deps);
      let [row] = await paymentRows(paymentId);
      assert.equal(row!.status, 'PENDING');
      assert.equal(row!.attemptCount, 1);
      const wait = row!.nextAttemptAt.getTime() - clock.now().getTime();
      assert.ok(wait >= 24_000 && wait <= 36_000, `first retry after about 30 s, not ${wait} ms`);

      await deliverDueWebhooks(t.deps);
      assert.equal(receiver.received.length, 1, 'nothing is sent before the retry is due');

      clock.advance(40_000);
      await deliverDueWebhooks(t.deps);
      assert.equal(receiver.received.length, 2);
      [row] = await paymentRows(paymentId);
      assert.equal(row!.status, 'DELIVERED');
      assert.equal(row!.attemptCount, 2);

      const [first, second] = receiver.received;
      assert.equal(first!.headers['webhook-id'], row!.id);
      assert.equal(second!.headers['webhook-id'], row!.id, 'the same webhook-id on every retry');
      assert.equal(first!.body, second!.body);
      assert.notEqual(first!.headers['webhook-timestamp'], second!.headers['webhook-timestamp']);
      await Webhook.verify(t.demo.webhookSecret, second!.body, second!.headers);

      const attempts = await listDeliveryAttempts(t.deps.db, row!.id);
      assert.deepEqual(
        attempts.map((a) => a.httpStatus),
        [500, 200],
      );
      assert.equal(attempts[0]!.responseExcerpt!.length, 500, 'the first 500 characters of the answer are kept');
      assert.equal(attempts[1]!.attemptedAt.getTime() - attempts[0]!.attemptedAt.getTime(), 40_000);
    });

    it('keeps retrying for 24 hours with growing waits, then gives up', async () => {
      const paymentId = `pay-${randomUUID()}`;
      receiver.answer = () => ({ status: 503, body: 'down for maintenance' });
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId });
      const createdAt = clock.now().getTime();

      let [row] = await paymentRows(paymentId);
      for (let round = 0; round < 100 && row!.status === 'PENDING'; round++) {
        clock.set(row!.nextAttemptAt);
        await deliverDueWebhooks(t.deps);
        [row] = await paymentRows(paymentId);
      }
      assert.equal(row!.status, 'GAVE_UP');

      const attempts = await listDeliveryAttempts(t.deps.db, row!.id);
      assert.equal(attempts.length, receiver.received.length);
      assert.equal(row!.attemptCount, attempts.length);
      assert.ok(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size === 1);
      const times = attempts.map((a) => a.attemptedAt.getTime() - createdAt);
      assert.ok(times.at(-1)! > retryWindowMs, 'the last attempt is after the 24 hours');
      assert.ok(times.at(-2)! <= retryWindowMs, 'it does not give up on an attempt within the 24 hours');
      const waits = times.slice(1).map((at, i) => at - times[i]!);
      assert.ok(waits[0]! >= 24_000 && waits[0]! <= 36_000, `first wait ${waits[0]}`);
      assert.ok(waits[3]! > waits[0]! * 4, 'waits grow exponentially');
      assert.ok(
        waits.every((w) => w <= 72 * 60_000),
        'waits are capped at an hour (plus jitter)',
      );
      assert.ok(attempts.every((a) => a.httpStatus === 503 && a.responseExcerpt === 'down for maintenance'));
    });

    it('logs an unreachable receiver as an error and retries', async () => {
      const closed = await startReceiver();
      const deadUrl = `${closed.origin}/gone`;
      await closed.close();
      const paymentId = `pay-${randomUUID()}`;
      await setStoreWebhookUrl(t.deps, t.demo.storeId, deadUrl);
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId });

      await deliverDueWebhooks(t.deps);
      const [row] = await paymentRows(paymentId);
      assert.equal(row!.status, 'PENDING');
      const [attempt] = await listDeliveryAttempts(t.deps.db, row!.id);
      assert.equal(attempt!.httpStatus, null);
      assert.match(attempt!.error!, /ECONNREFUSED/);

      // The receiver comes back at another address: a resend or a new event reaches it; this row runs out.
      clock.advance(retryWindowMs + 60_000);
      await deliverDueWebhooks(t.deps);
      assert.equal((await findOutboxRow(t.deps.db, row!.id))!.status, 'GAVE_UP');
    });

    it('times out a receiver that does not answer', async () => {
      const paymentId = `pay-${randomUUID()}`;
      receiver.answer = () => ({ status: 200, delayMs: 2_000 });
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId });
      await deliverDueWebhooks(t.deps, { timeoutMs: 200 });
      const [row] = await paymentRows(paymentId);
      assert.equal(row!.status, 'PENDING');
      const [attempt] = await listDeliveryAttempts(t.deps.db, row!.id);
      assert.equal(attempt!.httpStatus, null);
      assert.match(attempt!.error!, /no answer within 200 ms/);

      clock.advance(60_000);
      receiver.answer = () => ({ status: 204 });
      await deliverDueWebhooks(t.deps);
      assert.equal((await findOutboxRow(t.deps.db, row!.id))!.status, 'DELIVERED');
    });

    it('sends V1 webhooks as unsigned JSON', async () => {
      const id = randomUUID();
      const body = JSON.stringify({ imp_uid: 'imp_123456789012', merchant_uid: 'order-1', status: 'paid' });
      const now = clock.now();
      await insertOutboxRows(t.deps.db, [
        { id, storeId: t.demo.storeId, apiVersion: 'V1', url: `${receiver.origin}/iamport`, eventType: 'paid', paymentId: null, body, nextAttemptAt: now, createdAt: now },
      ]);
      await deliverDueWebhooks(t.deps);
      const [request] = receiver.received;
      assert.equal(request!.path, '/iamport');
      assert.equal(request!.body, body);
      assert.equal(request!.headers['content-type'], 'application/json');
      assert.equal(request!.headers['webhook-signature'], undefined);
      assert.equal((await findOutboxRow(t.deps.db, id))!.status, 'DELIVERED');
    });

    it('gives up at once on a URL that is not http(s)', async () => {
      const id = randomUUID();
      const now = clock.now();
      await insertOutboxRows(t.deps.db, [
        { id, storeId: t.demo.storeId, apiVersion: 'V2', url: 'ftp://example.invalid/x', eventType: 'Transaction.Paid', paymentId: null, body: '{}', nextAttemptAt: now, createdAt: now },
      ]);
      await deliverDueWebhooks(t.deps);
      assert.equal((await findOutboxRow(t.deps.db, id))!.status, 'GAVE_UP');
      assert.match((await listDeliveryAttempts(t.deps.db, id))[0]!.error!, /not an http/);
    });

    it('delivers each row exactly once when several dispatchers run at once', async () => {
      // On PostgreSQL the other dispatchers use their own connection pools, like other worker processes.
      const others: { deps: Deps; close(): Promise<void> }[] = [];
      for (let i = 0; i < 2; i++) {
        if (kind === 'postgres') {
          const store = await openStore({ databaseUrl: t.deps.config.databaseUrl, poolSize: 5 });
          others.push({ deps: { ...t.deps, store, db: store.db }, close: () => store.close() });
        } else {
          others.push({ deps: t.deps, close: async () => {} });
        }
      }
      try {
        receiver.answer = () => ({ status: 200, body: 'ok', delayMs: 5 });
        const paymentIds = Array.from({ length: 12 }, () => `pay-${randomUUID()}`);
        for (const paymentId of paymentIds) {
          await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId, noticeUrls: [`${receiver.origin}/notice`] });
        }
        const reports = await Promise.all([t.deps, ...others.map((o) => o.deps)].map((deps) => deliverDueWebhooks(deps, { batchSize: 3 })));

        const expected = paymentIds.length * 2;
        assert.equal(reports.flat().length, expected, 'each row is attempted by one dispatcher');
        assert.equal(receiver.received.length, expected);
        const perId = new Map<string, number>();
        for (const request of receiver.received) perId.set(request.headers['webhook-id']!, (perId.get(request.headers['webhook-id']!) ?? 0) + 1);
        assert.equal(perId.size, expected);
        assert.ok([...perId.values()].every((n) => n === 1));
        for (const paymentId of paymentIds) {
          for (const row of await paymentRows(paymentId)) {
            assert.equal(row.status, 'DELIVERED');
            assert.equal(row.attemptCount, 1);
          }
        }
      } finally {
        for (const other of others) await other.close();
      }
    });
  });
}
