import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startJobs, type Jobs } from '../../../src/jobs/index.ts';
import { listPaymentOutboxRows } from '../../../src/store/repositories/webhookOutbox.ts';
import { databaseKinds } from '../../support/database.ts';
import { startTestApp, type TestApp } from '../../support/harness.ts';
import { enqueuePaymentEvent, setStoreWebhookUrl, startReceiver, type Receiver } from './helpers.ts';

for (const kind of databaseKinds) {
  describe(`webhook delivery job on ${kind}`, () => {
    let t: TestApp;
    let receiver: Receiver;
    let jobs: Jobs | undefined;
    before(async () => {
      t = await startTestApp(kind);
      receiver = await startReceiver();
      await setStoreWebhookUrl(t.deps, t.demo.storeId, `${receiver.origin}/portone-webhook`);
    });
    after(async () => {
      await jobs?.stop();
      await receiver.close();
      await t.close();
    });

    it('sends a new outbox row within seconds in a worker process', async () => {
      jobs = await startJobs(t.deps, { work: true });
      const paymentId = `pay-${randomUUID()}`;
      await enqueuePaymentEvent(t.deps, { storeId: t.demo.storeId, paymentId });

      // Waits for the worker's own pass (every 2 s); a generous deadline, not a timing assertion.
      const deadline = Date.now() + 20_000;
      while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(receiver.received.length, 1);
      const [row] = await listPaymentOutboxRows(t.deps.db, t.demo.storeId, paymentId, 'V2');
      assert.equal(receiver.received[0]!.headers['webhook-id'], row!.id);

    });
  });
}
