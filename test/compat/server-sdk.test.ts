/**
 * PortOne's own server SDK (`@portone/server-sdk`, unmodified) against paymux: only baseUrl and
 * secret differ from a PortOne merchant's code. Asserts the SDK's error classes and `e.data.type`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuthClient, Auth, PaymentClient, BillingKeyClient, PaymentScheduleClient, Payment, PortOneError } from '@portone/server-sdk';
import { newRowId } from '../../src/domain/ids.ts';
import { insertApplication } from '../../src/store/repositories/applications.ts';
import { ConsoleClient } from '../support/consoleClient.ts';
import { databaseKinds } from '../support/database.ts';
import { channelKeyOf, fullCard, keyInCard, startPaymentsEnv, type PaymentsTestEnv } from '../support/payments.ts';

for (const kind of databaseKinds) {
  describe(`@portone/server-sdk against paymux (${kind})`, () => {
    let env: PaymentsTestEnv;
    let payment: ReturnType<typeof PaymentClient>;
    let billing: ReturnType<typeof BillingKeyClient>;
    let schedules: ReturnType<typeof PaymentScheduleClient>;
    const id = (name: string) => `${name}-${kind}-${Date.now()}`;

    before(async () => {
      env = await startPaymentsEnv(kind);
      const init = { secret: env.t.demo.apiSecret, baseUrl: env.url };
      payment = PaymentClient(init);
      billing = BillingKeyClient(init);
      schedules = PaymentScheduleClient(init);
    });
    after(async () => env?.close());

    it('pays keyed-in, gets the PAID payment with a masked card, refuses a second charge with ALREADY_PAID', async () => {
      const paymentId = id('keyin');
      const channelKey = channelKeyOf(env.t, 'nxca_jt_bi');
      const paid = await payment.payInstantly({
        paymentId,
        channelKey,
        method: { card: { credential: keyInCard } },
        orderName: '테스트 주문',
        amount: { total: 1500 },
        currency: 'KRW',
      });
      assert.ok(paid.payment.pgTxId);
      const got = await payment.getPayment({ paymentId });
      assert.equal(got.status, 'PAID');
      if (got.status !== 'PAID') return;
      assert.equal(got.amount.total, 1500);
      assert.equal(got.amount.paid, 1500);
      assert.equal(got.channel?.pgProvider, 'SETTLE');
      assert.equal(got.channel?.pgMerchantId, 'nxca_jt_bi');
      assert.equal(got.method?.type, 'PaymentMethodCard');
      if (got.method?.type === 'PaymentMethodCard') assert.equal(got.method.card?.number, '111122******4444');
      await assert.rejects(
        payment.payInstantly({ paymentId, channelKey, method: { card: { credential: keyInCard } }, orderName: 'x', amount: { total: 1500 }, currency: 'KRW' }),
        (e: unknown) => e instanceof Payment.PaymentError && e instanceof PortOneError && (e as Payment.PaymentError).data.type === 'ALREADY_PAID',
      );
    });

    it('answers PAYMENT_NOT_FOUND for an unknown payment', async () => {
      await assert.rejects(
        payment.getPayment({ paymentId: 'no-such-payment' }),
        (e: unknown) => e instanceof Payment.GetPaymentError && e.data.type === 'PAYMENT_NOT_FOUND',
      );
    });

    it('declines with PG_PROVIDER and the PG code, and the payment is FAILED', async () => {
      const paymentId = id('declined');
      await assert.rejects(
        payment.payInstantly({
          paymentId,
          channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
          method: { card: { credential: { ...keyInCard, number: '4000000000000002' } } },
          orderName: '한도초과',
          amount: { total: 2000 },
          currency: 'KRW',
        }),
        (e: { data?: { type?: string; pgCode?: string } }) => e.data?.type === 'PG_PROVIDER' && e.data.pgCode === 'CA31',
      );
      const got = await payment.getPayment({ paymentId });
      assert.equal(got.status, 'FAILED');
    });

    it('cancels partially then fully, refusing an amount over the balance', async () => {
      const paymentId = id('cancel');
      await payment.payInstantly({
        paymentId,
        channelKey: channelKeyOf(env.t, 'nxca_ks_gu'),
        method: { card: { credential: fullCard } },
        orderName: '취소 테스트',
        amount: { total: 10000 },
        currency: 'KRW',
      });
      const partial = await payment.cancelPayment({ paymentId, amount: 3000, reason: '부분 취소' });
      assert.equal(partial.cancellation.status, 'SUCCEEDED');
      assert.equal(partial.cancellation.totalAmount, 3000);
      await assert.rejects(
        payment.cancelPayment({ paymentId, amount: 8000, reason: '초과' }),
        (e: { data?: { type?: string } }) => e.data?.type === 'CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT',
      );
      await assert.rejects(
        payment.cancelPayment({ paymentId, reason: '불일치', currentCancellableAmount: 1 }),
        (e: { data?: { type?: string } }) => e.data?.type === 'CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN',
      );
      let got = await payment.getPayment({ paymentId });
      assert.equal(got.status, 'PARTIAL_CANCELLED');
      await payment.cancelPayment({ paymentId, reason: '전액 취소', currentCancellableAmount: 7000 });
      got = await payment.getPayment({ paymentId });
      assert.equal(got.status, 'CANCELLED');
      if (got.status === 'CANCELLED') {
        assert.equal(got.amount.cancelled, 10000);
        assert.equal(got.cancellations.length, 2);
      }
      await assert.rejects(payment.cancelPayment({ paymentId, reason: '다시' }), (e: { data?: { type?: string } }) => e.data?.type === 'PAYMENT_ALREADY_CANCELLED');
    });

    it('issues a billing key, pays with it, deletes it, and refuses it afterwards', async () => {
      const issued = await billing.issueBillingKey({ channelKey: channelKeyOf(env.t, 'nxca_ks_gu'), method: { card: { credential: fullCard } } });
      const key = issued.billingKeyInfo.billingKey;
      const info = await billing.getBillingKeyInfo({ billingKey: key });
      assert.equal(info.status, 'ISSUED');
      const paymentId = id('billing');
      const paid = await payment.payWithBillingKey({ paymentId, billingKey: key, orderName: '정기결제', amount: { total: 9900 }, currency: 'KRW' });
      assert.ok(paid.payment.pgTxId);
      assert.equal((await payment.getPayment({ paymentId })).status, 'PAID');
      await assert.rejects(
        payment.payWithBillingKey({ paymentId, billingKey: key, orderName: '정기결제', amount: { total: 9900 }, currency: 'KRW' }),
        (e: { data?: { type?: string } }) => e.data?.type === 'ALREADY_PAID',
      );
      const deleted = await billing.deleteBillingKey({ billingKey: key });
      assert.ok(deleted.deletedAt);
      assert.equal((await billing.getBillingKeyInfo({ billingKey: key })).status, 'DELETED');
      await assert.rejects(billing.deleteBillingKey({ billingKey: key }), (e: { data?: { type?: string } }) => e.data?.type === 'BILLING_KEY_ALREADY_DELETED');
      await assert.rejects(billing.getBillingKeyInfo({ billingKey: 'billing-key-nope' }), (e: { data?: { type?: string } }) => e.data?.type === 'BILLING_KEY_NOT_FOUND');
    });

    it('lists payments with a page and a status filter', async () => {
      const list = await payment.getPayments({ page: { number: 0, size: 2 }, filter: { status: ['PAID', 'CANCELLED'] } });
      assert.ok(list.page.totalCount >= 2);
      assert.equal(list.items.length, 2);
      assert.ok(list.items.every((p) => p.status === 'PAID' || p.status === 'CANCELLED'));
    });

    it('pre-registers and refuses a payment of another amount', async () => {
      const paymentId = id('prereg');
      await payment.preRegisterPayment({ paymentId, totalAmount: 5000, currency: 'KRW' });
      assert.equal((await payment.getPayment({ paymentId })).status, 'READY');
      const channelKey = channelKeyOf(env.t, 'nxca_jt_bi');
      await assert.rejects(
        payment.payInstantly({ paymentId, channelKey, method: { card: { credential: keyInCard } }, orderName: 'x', amount: { total: 6000 }, currency: 'KRW' }),
        (e: { data?: { type?: string } }) => e.data?.type === 'INVALID_REQUEST',
      );
      await payment.payInstantly({ paymentId, channelKey, method: { card: { credential: keyInCard } }, orderName: 'x', amount: { total: 5000 }, currency: 'KRW' });
      assert.equal((await payment.getPayment({ paymentId })).status, 'PAID');
    });

    it('issues a virtual account on portone1, closes another, refuses closing a paid one', async () => {
      const paymentId = id('va');
      const vaInput = {
        channelKey: channelKeyOf(env.t, 'portone1'),
        method: { virtualAccount: { bank: 'KOOKMIN' as const, expiry: { validHours: 24 }, option: { type: 'NORMAL' as const } } },
        orderName: '가상계좌',
        amount: { total: 30000 },
        currency: 'KRW' as const,
      };
      await payment.payInstantly({ paymentId, ...vaInput });
      const got = await payment.getPayment({ paymentId });
      assert.equal(got.status, 'VIRTUAL_ACCOUNT_ISSUED');
      if (got.status === 'VIRTUAL_ACCOUNT_ISSUED' && got.method?.type === 'PaymentMethodVirtualAccount') assert.ok(got.method.accountNumber);
      const closed = await payment.closeVirtualAccount({ paymentId });
      assert.ok(closed.closedAt);
      assert.equal((await payment.getPayment({ paymentId })).status, 'CANCELLED');
      await assert.rejects(payment.closeVirtualAccount({ paymentId }), (e: { data?: { type?: string } }) => e.data?.type === 'PAYMENT_NOT_WAITING_FOR_DEPOSIT');
    });

    it('creates, gets, lists and revokes a payment schedule; a duplicate is PAYMENT_SCHEDULE_ALREADY_EXISTS', async () => {
      const issued = await billing.issueBillingKey({ channelKey: channelKeyOf(env.t, 'nxca_ks_gu'), method: { card: { credential: fullCard } } });
      const billingKey = issued.billingKeyInfo.billingKey;
      const paymentId = id('sched');
      const input = { paymentId, payment: { billingKey, orderName: '예약', amount: { total: 1200 }, currency: 'KRW' as const }, timeToPay: new Date(Date.now() + 3600_000).toISOString() };
      const created = await schedules.createPaymentSchedule(input);
      await assert.rejects(schedules.createPaymentSchedule(input), (e: { data?: { type?: string } }) => e.data?.type === 'PAYMENT_SCHEDULE_ALREADY_EXISTS');
      const got = await schedules.getPaymentSchedule({ paymentScheduleId: created.schedule.id });
      assert.equal(got.status, 'SCHEDULED');
      const list = await schedules.getPaymentSchedules({ filter: { billingKey } });
      assert.equal(list.items.length, 1);
      const revoked = await schedules.revokePaymentSchedules({ scheduleIds: [created.schedule.id] });
      assert.deepEqual(revoked.revokedScheduleIds, [created.schedule.id]);
      await assert.rejects(schedules.getPaymentSchedule({ paymentScheduleId: 'nope' }), (e: { data?: { type?: string } }) => e.data?.type === 'PAYMENT_SCHEDULE_NOT_FOUND');
    });

    it('answers INVALID_REQUEST naming the field for a bad card number, and CHANNEL_NOT_FOUND for an unknown channel', async () => {
      await assert.rejects(
        payment.payInstantly({ paymentId: id('bad'), method: { card: { credential: { ...keyInCard, number: 'abc' } } }, orderName: 'x', amount: { total: 1000 }, currency: 'KRW' }),
        (e: { data?: { type?: string; message?: string } }) => e.data?.type === 'INVALID_REQUEST' && /number/.test(e.data.message ?? ''),
      );
      await assert.rejects(
        payment.payInstantly({ paymentId: id('nochan'), channelKey: 'channel-key-nope', method: { card: { credential: keyInCard } }, orderName: 'x', amount: { total: 1000 }, currency: 'KRW' }),
        (e: { data?: { type?: string } }) => e.data?.type === 'CHANNEL_NOT_FOUND',
      );
    });

    it('lists the PG calls of a payment with getPaymentTransactions', async () => {
      const paymentId = id('transactions');
      await payment.payInstantly({ paymentId, channelKey: channelKeyOf(env.t, 'nxca_jt_bi'), method: { card: { credential: keyInCard } }, orderName: '시도 내역', amount: { total: 2_345 }, currency: 'KRW' });
      await payment.cancelPayment({ paymentId, amount: 345, reason: '부분' });
      const got = await payment.getPayment({ paymentId });
      const { items } = await payment.getPaymentTransactions({ paymentId });
      assert.equal(items.length, 2);
      const [approval, cancel] = items as unknown as { id: string; paymentId: string; operation: string; outcome: string }[];
      assert.equal(approval!.id, got.status === 'PARTIAL_CANCELLED' ? got.transactionId : '(not partly cancelled)');
      assert.deepEqual([approval!.paymentId, approval!.operation, approval!.outcome], [paymentId, 'approveKeyIn', 'approved']);
      assert.deepEqual([cancel!.paymentId, cancel!.operation, cancel!.outcome], [paymentId, 'cancel', 'approved']);
      await assert.rejects(
        payment.getPaymentTransactions({ paymentId: 'no-such-payment' }),
        (e: unknown) => e instanceof Payment.GetPaymentTransactionsError && e.data.type === 'PAYMENT_NOT_FOUND',
      );
    });

    it("logs in with AuthClient's loginViaApiSecret, uses the Bearer token, and rotates it with refreshToken", async () => {
      const auth = AuthClient({ secret: env.t.demo.apiSecret, baseUrl: env.url });
      const login = await auth.loginViaApiSecret({ apiSecret: env.t.demo.apiSecret });
      assert.ok(login.accessToken && login.refreshToken);
      const withBearer = (token: string) => fetch(`${env.url}/payments/no-such-payment`, { headers: { authorization: `Bearer ${token}` } });
      // The token authenticates: an unknown payment is 404, not 401.
      assert.equal((await withBearer(login.accessToken)).status, 404);
      const refreshed = await auth.refreshToken({ refreshToken: login.refreshToken });
      assert.ok(refreshed.accessToken && refreshed.refreshToken);
      assert.notEqual(refreshed.refreshToken, login.refreshToken);
      assert.equal((await withBearer(refreshed.accessToken)).status, 404);
      // The replaced refresh token is spent.
      await assert.rejects(
        auth.refreshToken({ refreshToken: login.refreshToken }),
        (e: unknown) => e instanceof Auth.RefreshTokenError && e instanceof PortOneError && e.data.type === 'UNAUTHORIZED',
      );
      await assert.rejects(
        auth.loginViaApiSecret({ apiSecret: 'not-a-secret' }),
        (e: unknown) => e instanceof Auth.LoginViaApiSecretError && e.data.type === 'UNAUTHORIZED',
      );
    });

    it('pays without a channelKey on the store’s default channel for the method', async () => {
      const paymentId = id('default-channel');
      await payment.payInstantly({ paymentId, method: { card: { credential: fullCard } }, orderName: '기본 채널', amount: { total: 1_100 }, currency: 'KRW' } as Parameters<typeof payment.payInstantly>[0]);
      const got = await payment.getPayment({ paymentId });
      assert.equal(got.status, 'PAID');
      const keyInChannels = env.t.demo.channels.filter((c) => c.mid === 'nxca_jt_bi' || c.mid === 'nxca_ks_gu').map((c) => c.key);
      assert.ok(keyInChannels.includes(got.channel?.key ?? ''), JSON.stringify(got.channel));
      assert.equal(got.channel?.type, 'TEST');
    });

    it("answers with the SDK's own error classes: ALREADY_PAID_OR_WAITING, PAYMENT_NOT_PAID, UNAUTHORIZED, PG_PROVIDER pending", async () => {
      const paymentId = id('waiting');
      const va = {
        paymentId,
        channelKey: channelKeyOf(env.t, 'portone1'),
        method: { virtualAccount: { bank: 'KOOKMIN' as const, expiry: { validHours: 24 }, option: { type: 'NORMAL' as const } } },
        orderName: '입금 대기',
        amount: { total: 7_000 },
        currency: 'KRW' as const,
      };
      await payment.payInstantly(va);
      // PortOne names ALREADY_PAID_OR_WAITING among createPaymentSchedule's errors: a schedule for a
      // payment id already paid or waiting is refused with it.
      const billingKey = (await billing.issueBillingKey({ channelKey: channelKeyOf(env.t, 'nxca_ks_gu'), method: { card: { credential: fullCard } } })).billingKeyInfo.billingKey;
      const later = new Date(Date.now() + 3_600_000).toISOString();
      for (const taken of [paymentId, ((await payment.getPayments({ filter: { status: ['PAID'] }, page: { number: 0, size: 1 } })).items[0] as { id: string }).id]) {
        await assert.rejects(
          schedules.createPaymentSchedule({ paymentId: taken, payment: { billingKey, orderName: '예약', amount: { total: 7_000 }, currency: 'KRW' }, timeToPay: later }),
          (e: unknown) => e instanceof Payment.PaymentSchedule.CreatePaymentScheduleError && e instanceof PortOneError && e.data.type === 'ALREADY_PAID_OR_WAITING',
        );
      }
      // A second charge of a waiting payment id: paymux answers ALREADY_PAID_OR_WAITING here too (its
      // reliability contract), a type outside the SDK's PayInstantlyError union but still that class.
      await assert.rejects(
        payment.payInstantly(va),
        (e: unknown) => e instanceof Payment.PayInstantlyError && (e.data as { type: string }).type === 'ALREADY_PAID_OR_WAITING',
      );
      await assert.rejects(
        payment.cancelPayment({ paymentId, reason: '입금 전' }),
        (e: unknown) => e instanceof Payment.CancelPaymentError && e.data.type === 'PAYMENT_NOT_PAID',
      );
      const stranger = PaymentClient({ secret: 'not-a-secret', baseUrl: env.url });
      await assert.rejects(
        stranger.getPayment({ paymentId }),
        (e: unknown) => e instanceof Payment.GetPaymentError && e instanceof PortOneError && e.data.type === 'UNAUTHORIZED',
      );
      // The dropped-reply test card: approved at the PG, the answer lost.
      await assert.rejects(
        payment.payInstantly({
          paymentId: id('pending'),
          channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
          method: { card: { credential: { ...keyInCard, number: '4000000000009992' } } },
          orderName: '응답 유실',
          amount: { total: 4_100 },
          currency: 'KRW',
        }),
        (e: unknown) =>
          e instanceof Payment.PayInstantlyError && e.data.type === 'PG_PROVIDER' && /pending/.test(e.data.message ?? '') && typeof e.data.pgCode === 'string',
      );
    });

    it('refuses a LIVE payment before the card companies approved with FORBIDDEN', async () => {
      const owner = new ConsoleClient(env.t.app);
      const session = (await owner.login(env.t.demo.console.email, env.t.demo.console.password)).json();
      const at = new Date();
      await insertApplication(env.t.deps.db, {
        id: newRowId(),
        merchantId: session.merchant.id,
        pgProviders: ['SETTLE'],
        paymentMethods: ['CARD'],
        contactEmail: 'c@example.com',
        stage: 'CARD_REVIEW',
        submittedAt: at,
        updatedAt: at,
      });
      const liveKeys = { licenseKey: 'ST2611221234567890abc', encryptionKey: 'liveEncryptionKey0123456789abcde' };
      const registered = await fetch(`${env.sandboxUrl}/__sandbox/merchants`, { method: 'POST', body: JSON.stringify({ mchtId: 'm_live_sdk', ...liveKeys }) });
      assert.ok(registered.ok);
      const created = await owner.request('POST', `/console-api/stores/${env.t.demo.storeId}/channels`, {
        mode: 'LIVE',
        pgProvider: 'SETTLE',
        module: 'HECTO_WINDOW_API',
        attribute: 'PAYMENT',
        taxSetting: 'TAXABLE',
        name: '실 연동 SDK',
        mid: 'm_live_sdk',
        ...liveKeys,
      });
      assert.equal(created.statusCode, 201, created.body);
      await assert.rejects(
        payment.payInstantly({ paymentId: id('live'), channelKey: created.json().key, method: { card: { credential: keyInCard } }, orderName: '실 결제', amount: { total: 1_000 }, currency: 'KRW' }),
        (e: unknown) => e instanceof Payment.PayInstantlyError && e instanceof PortOneError && e.data.type === 'FORBIDDEN',
      );
    });
  });
}
