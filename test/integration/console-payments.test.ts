/**
 * The console's 결제 내역, 빌링키, 웹훅 전송 기록, 홈 and 개발진행 checklist through its API, with
 * payments made through the V2 API against a real simulator.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { newRowId } from '../../src/domain/ids.ts';
import { kstDate } from '../../src/domain/kstDay.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { deliverDueWebhooks } from '../../src/services/webhooks/delivery.ts';
import { paymentWindowOperation } from '../../src/store/repositories/consoleQueries.ts';
import { findPayment } from '../../src/store/repositories/payments.ts';
import { insertConsoleUser } from '../../src/store/repositories/tenancy.ts';
import { auditLog, pgCalls } from '../../src/store/schema.ts';
import { ConsoleClient } from '../support/consoleClient.ts';
import { databaseKinds } from '../support/database.ts';
import { channelKeyOf, fullCard, keyInCard, startPaymentsEnv, type PaymentsTestEnv } from '../support/payments.ts';
import { setStoreWebhookUrl, startReceiver, type Receiver } from './webhooks/helpers.ts';

for (const kind of databaseKinds) {
  describe(`console payments API on ${kind}`, () => {
    let env: PaymentsTestEnv;
    let receiver: Receiver;
    let owner: ConsoleClient;
    let viewer: ConsoleClient;
    let merchantId: string;
    let storeBase: string;
    const answerWith = { status: 200 };

    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${env.url}${path}`, {
        method,
        headers: { authorization: `PortOne ${env.t.demo.apiSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const pay = async (paymentId: string, orderName: string, total: number) => {
      const paid = await api('POST', `/payments/${paymentId}/instant`, {
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: keyInCard } },
        orderName,
        amount: { total },
        currency: 'KRW',
      });
      assert.equal(paid.status, 200, JSON.stringify(paid.body));
    };
    const listIds = async (query: string) => {
      const response = await owner.request('GET', `${storeBase}/payments?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json().items as { paymentId: string }[]).map((p) => p.paymentId);
    };

    before(async () => {
      env = await startPaymentsEnv(kind);
      receiver = await startReceiver(() => answerWith);
      await setStoreWebhookUrl(env.t.deps, env.t.demo.storeId, `${receiver.origin}/hook`);
      owner = new ConsoleClient(env.t.app);
      merchantId = (await owner.login(env.t.demo.console.email, env.t.demo.console.password)).json().merchant.id;
      storeBase = `/console-api/stores/${env.t.demo.storeId}`;
      await insertConsoleUser(env.t.deps.db, { id: newRowId(), merchantId, email: `viewer-${kind}@example.com`, passwordHash: await hashPassword('viewer-password'), role: 'viewer' });
      viewer = new ConsoleClient(env.t.app);
      assert.equal((await viewer.login(`viewer-${kind}@example.com`, 'viewer-password')).statusCode, 200);
    });
    after(async () => {
      await receiver?.close();
      await env?.close();
    });

    it('starts with only the TEST channel ticked on the 개발진행 checklist', async () => {
      const checklist = (await owner.request('GET', `${storeBase}/dev-checklist`)).json();
      assert.deepEqual(
        checklist.items.map((i: { key: string; done: boolean }) => [i.key, i.done]),
        [
          ['testChannel', true],
          ['windowPayment', false],
          ['testCancel', false],
          ['webhook', false],
        ],
      );
      assert.equal(checklist.complete, false);
    });

    it('lists, filters, searches and pages the payments', async () => {
      await pay('order-coffee-1', '아메리카노 두 잔', 9000);
      await pay('order-cake-2', '치즈 케이크', 6500);
      await pay('order-tea-3', '녹차 라떼', 5000);
      assert.deepEqual(await listIds(''), ['order-tea-3', 'order-cake-2', 'order-coffee-1']);
      assert.deepEqual(await listIds(`search=${encodeURIComponent('케이크')}`), ['order-cake-2']);
      assert.deepEqual(await listIds('search=COFFEE'), ['order-coffee-1'], 'case-insensitive on the payment id');
      assert.deepEqual(await listIds('search=%25'), [], 'a typed % is a character, not a pattern');
      assert.deepEqual(await listIds('mode=LIVE'), []);
      assert.equal((await listIds('mode=TEST&status=PAID')).length, 3);
      assert.deepEqual(await listIds('status=CANCELLED'), []);
      const channelId = (await findPayment(env.t.deps.db, env.t.demo.storeId, 'order-tea-3'))!.payment.channelId!;
      assert.equal((await listIds(`channelId=${channelId}`)).length, 3);
      assert.deepEqual(await listIds('channelId=channel-nope'), []);
      const today = kstDate(new Date());
      const tomorrow = kstDate(new Date(Date.now() + 86_400_000));
      assert.equal((await listIds(`from=${today}&until=${today}`)).length, 3);
      assert.deepEqual(await listIds(`from=${tomorrow}`), []);
      const badRange = await owner.request('GET', `${storeBase}/payments?from=${tomorrow}&until=${today}`);
      assert.equal(badRange.statusCode, 400);
      assert.equal(badRange.json().error.field, 'until');

      const second = (await owner.request('GET', `${storeBase}/payments?size=1&page=1`)).json();
      assert.deepEqual(second.page, { number: 1, size: 1, totalCount: 3 });
      assert.equal(second.items[0].paymentId, 'order-cake-2');
      const item = second.items[0];
      assert.equal(item.orderName, '치즈 케이크');
      assert.equal(item.amount.total, 6500);
      assert.equal(item.channel.mode, 'TEST');
      assert.match(item.card.maskedNumber, /^111122\*+4444$/);
      // Hecto's test mode cancels the day's test payments between 23:00 and 23:50 Korean time.
      assert.equal(item.autoCancel.date, kstDate(new Date(item.paidAt)));
      assert.equal(item.autoCancel.from, new Date(`${item.autoCancel.date}T23:00:00+09:00`).toISOString());
      assert.equal(item.autoCancel.until, new Date(`${item.autoCancel.date}T23:50:00+09:00`).toISOString());
    });

    it("shows a payment's timeline: PG calls, webhooks with each attempt's answer, never the card", async () => {
      answerWith.status = 200;
      await deliverDueWebhooks(env.t.deps);
      const response = await owner.request('GET', `${storeBase}/payments/order-coffee-1`);
      assert.equal(response.statusCode, 200, response.body);
      assert.ok(!response.body.includes(keyInCard.number), 'no full card number');
      const detail = response.json();
      assert.equal(detail.status, 'PAID');
      assert.equal(detail.amount.cancellable, 9000);
      const kinds = detail.timeline.map((e: { kind: string }) => e.kind);
      assert.equal(kinds[0], 'REQUESTED');
      const call = detail.timeline.find((e: { kind: string }) => e.kind === 'PG_CALL');
      assert.equal(call.operation, 'approveKeyIn');
      assert.equal(call.outcome, 'approved');
      assert.equal(typeof call.durationMs, 'number');
      const webhook = detail.timeline.find((e: { kind: string }) => e.kind === 'WEBHOOK');
      assert.equal(webhook.eventType, 'Transaction.Paid');
      assert.equal(webhook.status, 'DELIVERED');
      assert.equal(webhook.url, `${receiver.origin}/hook`);
      assert.deepEqual(
        webhook.attempts.map((a: { httpStatus: number }) => a.httpStatus),
        [200],
      );
      assert.ok(kinds.indexOf('PG_CALL') < kinds.indexOf('WEBHOOK'));
    });

    it('cancels in part and in full from the console with a reason, audited as the member', async () => {
      const noReason = await owner.request('POST', `${storeBase}/payments/order-coffee-1/cancel`, { amount: 1000, reason: '  ' });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().error.field, 'reason');
      const tooMuch = await owner.request('POST', `${storeBase}/payments/order-coffee-1/cancel`, { amount: 9001, reason: '초과' });
      assert.equal(tooMuch.statusCode, 409, tooMuch.body);
      assert.match(tooMuch.json().error.message.ko, /취소 가능 금액\(9000원\)/);

      const partial = await owner.request('POST', `${storeBase}/payments/order-coffee-1/cancel`, { amount: 3000, reason: '한 잔 환불' });
      assert.equal(partial.statusCode, 200, partial.body);
      const detail = partial.json();
      assert.equal(detail.status, 'PARTIAL_CANCELLED');
      assert.deepEqual(detail.amount, { total: 9000, cancelled: 3000, cancellable: 6000 });
      assert.deepEqual(
        detail.cancellations.map((c: { status: string; amount: number; reason: string }) => [c.status, c.amount, c.reason]),
        [['SUCCEEDED', 3000, '한 잔 환불']],
      );
      assert.ok(detail.timeline.some((e: { kind: string; operation?: string; outcome?: string }) => e.kind === 'PG_CALL' && e.operation === 'cancel' && e.outcome === 'approved'));
      assert.ok(detail.timeline.some((e: { kind: string; reason?: string }) => e.kind === 'CANCELLATION' && e.reason === '한 잔 환불'));

      const full = await owner.request('POST', `${storeBase}/payments/order-coffee-1/cancel`, { reason: '나머지 환불' });
      assert.equal(full.statusCode, 200, full.body);
      assert.equal(full.json().status, 'CANCELLED');
      assert.equal(full.json().autoCancel, null, 'nothing left for the nightly cancel');

      const entries = await env.t.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'payment.cancelled'), eq(auditLog.targetId, 'order-coffee-1')));
      assert.equal(entries.length, 2);
      assert.equal(entries[0]!.actorType, 'user');
      assert.equal(entries[0]!.storeId, env.t.demo.storeId);
      assert.deepEqual(entries[0]!.before, { paymentId: 'order-coffee-1', amount: 3000, reason: '한 잔 환불' });
    });

    it('lets a viewer read payments but not cancel them or delete billing keys', async () => {
      assert.equal((await viewer.request('GET', `${storeBase}/payments`)).statusCode, 200);
      assert.equal((await viewer.request('GET', `${storeBase}/payments/order-cake-2`)).statusCode, 200);
      const cancel = await viewer.request('POST', `${storeBase}/payments/order-cake-2/cancel`, { reason: '뷰어 취소' });
      assert.equal(cancel.statusCode, 403);
      assert.equal(cancel.json().error.code, 'FORBIDDEN');
      const deleted = await viewer.request('DELETE', `${storeBase}/billing-keys/billing-key-whatever`);
      assert.equal(deleted.statusCode, 403);
      assert.equal((await findPayment(env.t.deps.db, env.t.demo.storeId, 'order-cake-2'))!.payment.status, 'PAID');
    });

    it("answers 404 for another merchant's payments, stores and deliveries", async () => {
      const other = new ConsoleClient(env.t.app);
      const signup = await other.request('POST', '/console-api/signup', {
        companyName: '다른 상점',
        businessRegistrationNumber: '2208162517',
        email: `other-${kind}@example.com`,
        password: 'other-password',
      });
      assert.equal(signup.statusCode, 201, signup.body);
      const otherStore = signup.json().stores[0].id;
      const own = await other.request('GET', `/console-api/stores/${otherStore}/payments/order-cake-2`);
      assert.equal(own.statusCode, 404);
      assert.equal((await other.request('GET', `/console-api/stores/${otherStore}/payments`)).json().items.length, 0);
      for (const path of ['payments', 'payments/order-cake-2', 'billing-keys', 'webhook-deliveries', 'home', 'dev-checklist']) {
        assert.equal((await other.request('GET', `${storeBase}/${path}`)).statusCode, 404, path);
      }
      const cancel = await other.request('POST', `${storeBase}/payments/order-cake-2/cancel`, { reason: '남의 결제' });
      assert.equal(cancel.statusCode, 404);
      const delivery = (await owner.request('GET', `${storeBase}/webhook-deliveries`)).json().items[0];
      const resend = await other.request('POST', `/console-api/stores/${otherStore}/webhook-deliveries/${delivery.id}/resend`);
      assert.equal(resend.statusCode, 404);
    });

    it('lists billing keys with masked cards and deletes one', async () => {
      const issued = await api('POST', '/billing-keys', { channelKey: channelKeyOf(env.t, 'nxca_ks_gu'), method: { card: { credential: fullCard } }, customer: { id: 'cust-7' } });
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const billingKey = issued.body.billingKeyInfo.billingKey as string;
      const listed = await owner.request('GET', `${storeBase}/billing-keys`);
      assert.ok(!listed.body.includes(fullCard.number));
      const [item] = listed.json().items;
      assert.equal(item.billingKey, billingKey);
      assert.equal(item.status, 'ISSUED');
      assert.equal(item.customerId, 'cust-7');
      assert.match(item.card.maskedNumber, /^111122\*+4444$/);

      const deleted = await owner.request('DELETE', `${storeBase}/billing-keys/${billingKey}`);
      assert.equal(deleted.statusCode, 200, deleted.body);
      assert.equal((await owner.request('GET', `${storeBase}/billing-keys?status=ISSUED`)).json().items.length, 0);
      assert.equal((await owner.request('GET', `${storeBase}/billing-keys?status=DELETED`)).json().items[0].billingKey, billingKey);
      const again = await owner.request('DELETE', `${storeBase}/billing-keys/${billingKey}`);
      assert.equal(again.statusCode, 409);
      const entries = await env.t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'billing_key.deleted'), eq(auditLog.targetId, billingKey)));
      assert.equal(entries.length, 1);
    });

    it('logs deliveries with the last answer, shows failures on 홈, and resends one', async () => {
      answerWith.status = 200;
      await deliverDueWebhooks(env.t.deps); // what earlier tests queued (cancels, billing keys) arrives
      answerWith.status = 500;
      await pay('order-fail-4', '웹훅 실패', 1200);
      await deliverDueWebhooks(env.t.deps);
      const log = (await owner.request('GET', `${storeBase}/webhook-deliveries`)).json();
      const failed = log.items.find((d: { paymentId: string }) => d.paymentId === 'order-fail-4');
      assert.equal(failed.status, 'PENDING');
      assert.equal(failed.lastHttpStatus, 500);
      assert.equal(failed.attemptCount, 1);
      assert.ok(log.items.some((d: { lastHttpStatus: number; status: string }) => d.lastHttpStatus === 200 && d.status === 'DELIVERED'));

      const home = (await owner.request('GET', `${storeBase}/home`)).json();
      assert.deepEqual(home.channels, { TEST: 3, LIVE: 0 });
      assert.deepEqual(
        home.failedWebhooks.items.map((d: { id: string }) => d.id),
        [failed.id],
      );
      assert.equal(home.failedWebhooks.count, 1);
      assert.equal(home.todayTestPayments.date, kstDate(new Date()));
      assert.equal(home.todayTestPayments.count, 4);
      assert.equal(home.todayTestPayments.totalAmount, 9000 + 6500 + 5000 + 1200);
      assert.equal(home.todayTestPayments.cancelledAmount, 9000);
      const cake = home.todayTestPayments.items.find((p: { paymentId: string }) => p.paymentId === 'order-cake-2');
      assert.equal(cake.autoCancel.date, home.todayTestPayments.date);

      assert.equal((await viewer.request('POST', `${storeBase}/webhook-deliveries/${failed.id}/resend`)).statusCode, 403);
      answerWith.status = 204;
      const resent = await owner.request('POST', `${storeBase}/webhook-deliveries/${failed.id}/resend`);
      assert.equal(resent.statusCode, 202, resent.body);
      const copyId = resent.json().id;
      assert.notEqual(copyId, failed.id);
      await deliverDueWebhooks(env.t.deps);
      const copy = (await owner.request('GET', `${storeBase}/webhook-deliveries`)).json().items.find((d: { id: string }) => d.id === copyId);
      assert.equal(copy.status, 'DELIVERED');
      assert.equal(copy.lastHttpStatus, 204);
      assert.equal(copy.eventType, 'Transaction.Paid');
      const entries = await env.t.deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'webhook.resent'), eq(auditLog.targetId, failed.id)));
      assert.equal(entries.length, 1);
    });

    it('ticks the checklist from facts: a test cancel, a 2xx webhook, then a payment-window payment', async () => {
      const ticked = (await owner.request('GET', `${storeBase}/dev-checklist`)).json();
      const done = (key: string, checklist = ticked) => checklist.items.find((i: { key: string }) => i.key === key);
      assert.equal(done('testCancel').done, true);
      assert.equal(done('testCancel').evidence, 'order-coffee-1');
      assert.equal(done('webhook').done, true);
      // Keyed-in API payments are not window payments.
      assert.equal(done('windowPayment').done, false);
      assert.equal(ticked.complete, false);

      // What the checkout records for a window attempt (its pg_calls row), on a paid TEST payment.
      const { payment } = (await findPayment(env.t.deps.db, env.t.demo.storeId, 'order-tea-3'))!;
      await env.t.deps.db.insert(pgCalls).values({
        id: newRowId(),
        storeId: env.t.demo.storeId,
        paymentRowId: payment.id,
        channelId: payment.channelId!,
        operation: paymentWindowOperation,
        requestId: `window-${kind}-${newRowId()}`,
        amount: payment.totalAmount,
        status: 'SETTLED',
        outcome: 'approved',
        startedAt: payment.requestedAt,
        settledAt: payment.paidAt,
      });
      const complete = (await owner.request('GET', `${storeBase}/dev-checklist`)).json();
      assert.equal(done('windowPayment', complete).evidence, 'order-tea-3');
      assert.equal(complete.complete, true);
    });

    it("shows the PG's notifications on the timeline: the nightly auto-cancel of a test payment", async () => {
      await pay('order-night-5', '야간 자동 취소', 2500);
      assert.equal((await fetch(`${env.sandboxUrl}/__sandbox/nightly-cancel`, { method: 'POST' })).status, 200);
      await env.sandbox.sandbox.notifier.idle();
      const detail = (await owner.request('GET', `${storeBase}/payments/order-night-5`)).json();
      assert.equal(detail.status, 'CANCELLED');
      // Its own notices only (the approval's and the nightly cancel's), not the other payments' of the channel.
      const notices = detail.timeline.filter((e: { kind: string }) => e.kind === 'NOTIFICATION').map((e: { notificationKind: string }) => e.notificationKind);
      assert.deepEqual(notices.filter((k: string) => k === 'CANCELLED'), ['CANCELLED']);
      assert.ok(notices.length <= 2, notices.join());
      const cancellation = detail.timeline.find((e: { kind: string }) => e.kind === 'CANCELLATION');
      assert.equal(cancellation.trigger, 'PG');
      assert.equal(detail.autoCancel, null);
    });
  });
}
