/**
 * PortOne's own server SDK (`@portone/server-sdk`, unmodified) against paymux: only baseUrl and
 * secret differ from a PortOne merchant's code. Asserts the SDK's error classes and `e.data.type`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PaymentClient, BillingKeyClient, PaymentScheduleClient, Payment, PortOneError } from '@portone/server-sdk';
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
  });
}
