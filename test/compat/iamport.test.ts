/**
 * PortOne V1 (iamport) against paymux with iamport's own npm clients, unmodified:
 * `iamport-rest-client-nodejs` (pointed by its `baseUrl`) and the old `iamport` (by its static
 * `DEFAULT_HOST`). Only the address and the keys differ from a merchant's code. The V1 origin
 * listens on a port of its own; V2 (`@portone/server-sdk`) sees the same payments.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { PaymentClient } from '@portone/server-sdk';
import { Iamport, Request } from 'iamport-rest-client-nodejs';
import { payDueSchedules } from '../../src/services/payments/schedules.ts';
import { listPaymentOutboxRows } from '../../src/store/repositories/webhookOutbox.ts';
import { databaseKinds } from '../support/database.ts';
import { channelKeyOf, keyInCard, startPaymentsEnv, type PaymentsTestEnv } from '../support/payments.ts';

interface V1Reply<T = V1Payment> {
  code: number;
  message: string | null;
  response: T;
}
interface V1Payment {
  imp_uid: string;
  merchant_uid: string;
  status: string;
  amount: number;
  cancel_amount: number;
  pg_provider: string;
  pg_id: string;
  pay_method: string;
  card_number: string | null;
  vbank_num: string | null;
  customer_uid: string | null;
  cancel_history: { amount: number; cancellation_id: string }[];
}
/** The new client's request builders, loosely typed: its .d.ts makes every optional field required. */
type Built = { request(client: Iamport): Promise<{ data: V1Reply<unknown> }> };
const R = Request as unknown as Record<string, Record<string, (input?: object) => Built>>;
const { Authenticate, Payments, Subscribe, Customers, Vbanks, Prepare } = R as Record<'Authenticate' | 'Payments' | 'Subscribe' | 'Customers' | 'Vbanks' | 'Prepare', Record<string, (input?: object) => Built>>;

/** The old `iamport` package (CommonJS, no types): its resources answer `response` or reject with `code`. */
interface OldIamportClient {
  payment: Record<string, (input: object) => Promise<V1Payment>>;
  subscribe: Record<string, (input: object) => Promise<V1Payment>>;
}
type OldIamportClass = { new (options: { impKey: string; impSecret: string }): OldIamportClient; DEFAULT_HOST: string };
const OldIamport = createRequire(import.meta.url)('iamport') as OldIamportClass;

/** An axios rejection (HTTP error) or the client's own `{response: {data}}` (HTTP 200, code ≠ 0). */
type ClientError = { response?: { status?: number; data?: { code?: number; message?: string } } };

const ksGuCard = { card_number: '1111-2222-3333-4444', expiry: '2039-12', birth: '800101', pwd_2digit: '12' };

for (const kind of databaseKinds) {
  describe(`iamport clients against paymux V1 (${kind})`, () => {
    let env: PaymentsTestEnv;
    let v1Url: string;
    let client: Iamport;
    let old: OldIamportClient;
    const uid = (name: string) => `${name}-${kind}-${Date.now()}`;
    const send = async <T = V1Payment>(built: Built) => (await built.request(client)).data as unknown as V1Reply<T>;
    const rejection = async (built: Built): Promise<ClientError> => {
      try {
        await built.request(client);
      } catch (error) {
        return error as ClientError;
      }
      assert.fail('expected the call to be refused');
    };
    const v1Outbox = async (merchantUid: string) =>
      (await listPaymentOutboxRows(env.t.deps.db, env.t.demo.storeId, merchantUid, 'V1')).map((row) => ({ url: row.url, body: JSON.parse(row.body) as Record<string, string> }));

    before(async () => {
      env = await startPaymentsEnv(kind);
      await env.t.v1.listen({ host: '127.0.0.1', port: 0 });
      v1Url = `http://127.0.0.1:${(env.t.v1.server.address() as AddressInfo).port}`;
      client = new Iamport({ apiKey: env.t.demo.impKey, apiSecret: env.t.demo.impSecret, baseUrl: v1Url });
      OldIamport.DEFAULT_HOST = v1Url;
      old = new OldIamport({ impKey: env.t.demo.impKey, impSecret: env.t.demo.impSecret });
    });
    after(async () => env?.close());

    it('issues a 30-minute token, the same one again while valid, from JSON or a form, used with or without "Bearer"', async () => {
      const first = await send<{ access_token: string; expired_at: number; now: number }>(
        Authenticate.getToken!({ imp_key: env.t.demo.impKey, imp_secret: env.t.demo.impSecret }),
      );
      assert.equal(first.code, 0);
      // The client turns unix seconds into milliseconds.
      assert.equal(first.response.expired_at - first.response.now, 1800 * 1000);
      const form = await fetch(`${v1Url}/users/getToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ imp_key: env.t.demo.impKey, imp_secret: env.t.demo.impSecret }).toString(),
      });
      const again = (await form.json()) as V1Reply<{ access_token: string; expired_at: number; now: number }>;
      assert.equal(again.response.access_token, first.response.access_token);
      assert.ok(again.response.expired_at - again.response.now <= 1800 && again.response.expired_at - again.response.now > 1700);
      const token = first.response.access_token;
      for (const authorization of [token, `Bearer ${token}`]) {
        const pgs = await fetch(`${v1Url}/users/pg`, { headers: { authorization } });
        assert.equal(pgs.status, 200);
        const channels = ((await pgs.json()) as V1Reply<{ pg_provider: string; pg_id: string; channel_key: string }[]>).response;
        assert.deepEqual(channels.map((c) => c.pg_id).sort(), ['nxca_jt_bi', 'nxca_ks_gu', 'portone1']);
        assert.ok(channels.every((c) => c.pg_provider === 'settle'));
      }
      const none = await fetch(`${v1Url}/users/pg`, { headers: { authorization: 'Bearer 0000' } });
      assert.equal(none.status, 401);
      assert.equal(((await none.json()) as V1Reply).code, -1);
    });

    it('refuses a wrong imp_secret with 401 (both clients)', async () => {
      const wrong = new Iamport({ apiKey: env.t.demo.impKey, apiSecret: 'wrong-secret', baseUrl: v1Url });
      const error = await Payments.getByImpUid!({ imp_uid: 'x' })
        .request(wrong)
        .then(
          () => assert.fail('expected 401'),
          (e: ClientError) => e,
        );
      assert.equal(error.response?.status, 401);
      assert.equal(error.response?.data?.code, -1);
      assert.match(error.response?.data?.message ?? '', /imp_key, imp_secret/);
      const oldWrong = new OldIamport({ impKey: env.t.demo.impKey, impSecret: 'wrong-secret' });
      await assert.rejects(oldWrong.payment.getByImpUid!({ imp_uid: 'x' }), (e: { code?: string }) => e.code === 'HTTP_401');
    });

    it('pays keyed-in on settle.nxca_ks_gu (카유비생) and looks it up by imp_uid and merchant_uid; a V1 webhook goes to notice_url', async () => {
      const merchantUid = uid('onetime-ks');
      const paid = await send(
        Subscribe.onetime!({
          merchant_uid: merchantUid,
          amount: 1200,
          ...ksGuCard,
          pg: 'settle.nxca_ks_gu',
          name: '수기결제 테스트',
          buyer_name: '홍길동',
          notice_url: 'http://127.0.0.1:9/v1-hook',
        }),
      );
      assert.equal(paid.code, 0);
      assert.equal(paid.response.status, 'paid');
      assert.equal(paid.response.pg_provider, 'settle');
      assert.equal(paid.response.pg_id, 'nxca_ks_gu');
      assert.equal(paid.response.card_number, '111122******4444');
      const byImpUid = await send(Payments.getByImpUid!({ imp_uid: paid.response.imp_uid }));
      assert.equal(byImpUid.response.merchant_uid, merchantUid);
      // The client sends the literal "undefined" when no status is given.
      const byMerchantUid = await send(Payments.getByMerchantUid!({ merchant_uid: merchantUid }));
      assert.equal(byMerchantUid.response.imp_uid, paid.response.imp_uid);
      const wrongStatus = await rejection(Payments.getByMerchantUid!({ merchant_uid: merchantUid, status: 'cancelled' }));
      assert.equal(wrongStatus.response?.status, 404);
      const list = await send<V1Payment[]>(Payments.getByImpUids!({ imp_uid: [paid.response.imp_uid, 'no-such'] }));
      assert.deepEqual(
        list.response.map((p) => p.merchant_uid),
        [merchantUid],
      );
      const byStatus = await send<{ total: number; list: V1Payment[] }>(Payments.getByStatus!({ status: 'paid', limit: 100 }));
      assert.ok(byStatus.response.list.some((p) => p.merchant_uid === merchantUid));
      assert.deepEqual(await v1Outbox(merchantUid), [
        { url: 'http://127.0.0.1:9/v1-hook', body: { imp_uid: paid.response.imp_uid, merchant_uid: merchantUid, status: 'paid' } },
      ]);
    });

    it('pays keyed-in on settle.nxca_jt_bi (카유) with the old iamport client and finds it', async () => {
      const merchantUid = uid('onetime-jt');
      const paid = await old.subscribe.onetime!({
        merchant_uid: merchantUid,
        amount: 1300,
        card_number: keyInCard.number,
        expiry: '2039-12',
        birth: '',
        pwd_2digit: '',
        pg: 'settle.nxca_jt_bi',
        name: '카유 결제',
      });
      assert.equal(paid.status, 'paid');
      assert.equal(paid.pg_id, 'nxca_jt_bi');
      assert.equal((await old.payment.getByImpUid!({ imp_uid: paid.imp_uid })).merchant_uid, merchantUid);
      assert.equal((await old.payment.getByMerchant!({ merchant_uid: merchantUid })).imp_uid, paid.imp_uid);
      await assert.rejects(old.payment.getByImpUid!({ imp_uid: 'imp_000000000000' }), (e: { code?: string }) => e.code === 'HTTP_404');
    });

    it('answers 404 in the envelope for an unknown imp_uid', async () => {
      const error = await rejection(Payments.getByImpUid!({ imp_uid: 'imp_000000000000' }));
      assert.equal(error.response?.status, 404);
      assert.equal(error.response?.data?.code, -1);
    });

    it('cancels partially (with checksum) then fully, and refuses an over-cancel', async () => {
      const merchantUid = uid('cancel');
      const paid = await send(Subscribe.onetime!({ merchant_uid: merchantUid, amount: 5000, ...ksGuCard, channel_key: channelKeyOf(env.t, 'nxca_ks_gu'), name: '취소 테스트' }));
      const partial = await send(Payments.cancel!({ imp_uid: paid.response.imp_uid, amount: 2000, checksum: 5000, reason: '부분 취소' }));
      assert.equal(partial.response.status, 'paid');
      assert.equal(partial.response.cancel_amount, 2000);
      const over = await rejection(Payments.cancel!({ merchant_uid: merchantUid, amount: 9000, reason: '초과' }));
      assert.equal(over.response?.data?.code, -1);
      assert.match(over.response?.data?.message ?? '', /취소 가능 금액/);
      const stale = await rejection(Payments.cancel!({ merchant_uid: merchantUid, amount: 1000, checksum: 5000 }));
      assert.match(stale.response?.data?.message ?? '', /^checksum: /);
      const full = await send(Payments.cancel!({ merchant_uid: merchantUid, reason: '전액 취소' }));
      assert.equal(full.response.status, 'cancelled');
      assert.equal(full.response.cancel_amount, 5000);
      assert.deepEqual(
        full.response.cancel_history.map((c) => c.amount),
        [2000, 3000],
      );
      const unknown = await rejection(Payments.cancel!({ imp_uid: 'imp_000000000000' }));
      assert.equal(unknown.response?.status, 404);
    });

    it('registers a billing customer, pays again, deletes it; then the customer_uid is gone', async () => {
      const customerUid = uid('customer');
      const created = await send<{ customer_uid: string; card_number: string; customer_name: string }>(
        Customers.postBillingKey!({ customer_uid: customerUid, ...ksGuCard, pg: 'settle.nxca_ks_gu', customer_name: '김정기' }),
      );
      assert.equal(created.response.customer_uid, customerUid);
      assert.equal(created.response.card_number, '111122******4444');
      assert.equal(created.response.customer_name, '김정기');
      const got = await send<{ customer_uid: string }>(Customers.getBillingKey!({ customer_uid: customerUid }));
      assert.equal(got.response.customer_uid, customerUid);
      const merchantUid = uid('again');
      const paid = await send(Subscribe.again!({ customer_uid: customerUid, merchant_uid: merchantUid, amount: 3300, name: '정기결제' }));
      assert.equal(paid.response.status, 'paid');
      assert.equal(paid.response.customer_uid, customerUid);
      const deleted = await send<{ customer_uid: string }>(Customers.deleteBillingKey!({ customer_uid: customerUid }));
      assert.equal(deleted.response.customer_uid, customerUid);
      const gone = await rejection(Customers.getBillingKey!({ customer_uid: customerUid }));
      assert.equal(gone.response?.status, 404);
      const refused = await rejection(Subscribe.again!({ customer_uid: customerUid, merchant_uid: uid('again2'), amount: 1000, name: 'x' }));
      assert.equal(refused.response?.status, 404);
    });

    it('onetime with customer_uid stores the billing key; a schedule is paid by the schedule job; unschedule revokes the rest', async () => {
      const customerUid = uid('sched-customer');
      const first = await send(Subscribe.onetime!({ merchant_uid: uid('sched-first'), amount: 1000, ...ksGuCard, customer_uid: customerUid, pg: 'settle.nxca_ks_gu' }));
      assert.equal(first.response.status, 'paid');
      const due = uid('sched-due');
      const later = uid('sched-later');
      const now = Math.floor(Date.now() / 1000);
      const scheduled = await send<{ merchant_uid: string; schedule_status: string }[]>(
        Subscribe.schedule!({
          customer_uid: customerUid,
          schedules: [
            { merchant_uid: due, schedule_at: now - 10, amount: 4400, name: '예약 결제', notice_url: 'http://127.0.0.1:9/sched-hook' },
            { merchant_uid: later, schedule_at: now + 86400, amount: 4400, name: '다음 달' },
          ],
        }),
      );
      assert.deepEqual(
        scheduled.response.map((s) => [s.merchant_uid, s.schedule_status]),
        [
          [due, 'scheduled'],
          [later, 'scheduled'],
        ],
      );
      assert.equal(await payDueSchedules(env.t.deps), 1);
      const paid = await send(Payments.getByMerchantUid!({ merchant_uid: due, status: 'paid' }));
      assert.equal(paid.response.amount, 4400);
      assert.deepEqual(
        (await v1Outbox(due)).map((w) => [w.url, w.body.status]),
        [['http://127.0.0.1:9/sched-hook', 'paid']],
      );
      const revoked = await send<{ merchant_uid: string; schedule_status: string }[]>(Subscribe.unschedule!({ customer_uid: customerUid }));
      assert.deepEqual(
        revoked.response.map((s) => [s.merchant_uid, s.schedule_status]),
        [[later, 'revoked']],
      );
    });

    it('issues a virtual account, a deposit through the simulator makes it paid, and refunds it to an account', async () => {
      const merchantUid = uid('vbank');
      const issued = await send(
        Vbanks.post!({
          merchant_uid: merchantUid,
          amount: 15000,
          vbank_code: '004',
          vbank_due: Math.floor(Date.now() / 1000) + 3 * 86400,
          vbank_holder: '페이먹스',
          pg: 'settle.portone1',
          name: '가상계좌 테스트',
          notice_url: 'http://127.0.0.1:9/vbank-hook',
        }),
      );
      assert.equal(issued.response.status, 'ready');
      assert.equal(issued.response.pay_method, 'vbank');
      const account = issued.response.vbank_num!;
      assert.ok(account);
      const deposit = await fetch(`${env.sandboxUrl}/spay/APIVBankTest.do?mchtId=portone1&method=VA&bizType=F1&vAcntNo=${account}&trdAmt=15000`);
      assert.equal(deposit.status, 200);
      // The simulator's deposit notice reaches paymux on its own connection: wait for its effect.
      let paid: V1Payment | undefined;
      for (let i = 0; i < 2000 && paid?.status !== 'paid'; i++) {
        paid = (await send(Payments.getByImpUid!({ imp_uid: issued.response.imp_uid }))).response;
        if (paid.status !== 'paid') await new Promise((resolve) => setImmediate(resolve));
      }
      assert.equal(paid?.status, 'paid');
      assert.deepEqual(
        (await v1Outbox(merchantUid)).map((w) => w.body.status).sort(),
        ['paid', 'ready'],
      );
      const noAccount = await rejection(Payments.cancel!({ imp_uid: issued.response.imp_uid, reason: '환불' }));
      assert.match(noAccount.response?.data?.message ?? '', /^refund_account: /);
      const refunded = await send(
        Payments.cancel!({ imp_uid: issued.response.imp_uid, reason: '환불', refund_holder: '홍길동', refund_bank: '088', refund_account: '110123456789' }),
      );
      assert.equal(refunded.response.status, 'cancelled');
      assert.equal(refunded.response.cancel_amount, 15000);
    });

    it('changes and closes an unpaid virtual account (PUT and DELETE /vbanks)', async () => {
      const merchantUid = uid('vbank-close');
      const issued = await send(
        Vbanks.post!({ merchant_uid: merchantUid, amount: 8000, vbank_code: '011', vbank_due: Math.floor(Date.now() / 1000) + 86400, channel_key: channelKeyOf(env.t, 'portone1') }),
      );
      const changed = await send(Vbanks.put!({ imp_uid: issued.response.imp_uid, amount: 9000, vbank_due: Math.floor(Date.now() / 1000) + 2 * 86400 }));
      assert.equal(changed.response.amount, 9000);
      const closed = await send(Vbanks.delete!({ imp_uid: issued.response.imp_uid }));
      assert.equal(closed.response.status, 'cancelled');
    });

    it('prepares an amount and reads it back', async () => {
      const merchantUid = uid('prepare');
      const prepared = await send<{ merchant_uid: string; amount: number }>(Prepare.postAmount!({ merchant_uid: merchantUid, amount: 7000 }));
      assert.equal(prepared.response.amount, 7000);
      const read = await send<{ amount: number }>(Prepare.getAmount!({ merchant_uid: merchantUid }));
      assert.equal(read.response.amount, 7000);
      const refused = await send(Subscribe.onetime!({ merchant_uid: merchantUid, amount: 6000, ...ksGuCard, pg: 'settle.nxca_ks_gu' })).catch((e: ClientError) => e);
      assert.equal((refused as ClientError).response?.status, 400);
    });

    it('answers bad input with the envelope naming the field, never 500', async () => {
      const missingCard = await rejection(Subscribe.onetime!({ merchant_uid: uid('bad'), amount: 1000, expiry: '2039-12' }));
      assert.equal(missingCard.response?.status, 400);
      assert.match(missingCard.response?.data?.message ?? '', /^card_number: /);
      const badAmount = await rejection(Subscribe.onetime!({ merchant_uid: uid('bad'), amount: 'lots', ...ksGuCard }));
      assert.match(badAmount.response?.data?.message ?? '', /^amount: /);
      const badPg = await rejection(Subscribe.onetime!({ merchant_uid: uid('bad'), amount: 1000, ...ksGuCard, pg: 'settle.nope' }));
      assert.equal(badPg.response?.status, 404);
      assert.match(badPg.response?.data?.message ?? '', /^pg: /);
      const token = (await send<{ access_token: string }>(Authenticate.getToken!({ imp_key: env.t.demo.impKey, imp_secret: env.t.demo.impSecret }))).response.access_token;
      const brokenJson = await fetch(`${v1Url}/payments/cancel`, { method: 'POST', headers: { authorization: token, 'content-type': 'application/json' }, body: '{"imp_uid":' });
      assert.equal(brokenJson.status, 400);
      assert.equal(((await brokenJson.json()) as V1Reply).code, -1);
      const form = await fetch(`${v1Url}/payments/cancel`, {
        method: 'POST',
        headers: { authorization: token, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'imp_uid=x&amount=abc',
      });
      assert.equal(form.status, 400);
      assert.match(((await form.json()) as V1Reply).message ?? '', /^amount: /);
    });

    it('a V1 payment read by @portone/server-sdk and a V2 payment read by the V1 client agree on amount and status', async () => {
      const v2 = PaymentClient({ secret: env.t.demo.apiSecret, baseUrl: env.url });
      const merchantUid = uid('v1-seen-by-v2');
      const paid = await send(Subscribe.onetime!({ merchant_uid: merchantUid, amount: 2100, ...ksGuCard, pg: 'settle.nxca_ks_gu' }));
      const asV2 = await v2.getPayment({ paymentId: merchantUid });
      assert.equal(asV2.status, 'PAID');
      if (asV2.status !== 'PAID') return;
      assert.equal(asV2.amount.total, paid.response.amount);
      assert.equal(asV2.transactionId, paid.response.imp_uid);

      const paymentId = uid('v2-seen-by-v1');
      await v2.payInstantly({
        paymentId,
        channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
        method: { card: { credential: keyInCard } },
        orderName: 'V2 결제',
        amount: { total: 3400 },
        currency: 'KRW',
      });
      await v2.cancelPayment({ paymentId, amount: 400, reason: '부분' });
      const v2Payment = await v2.getPayment({ paymentId });
      const asV1 = (await send(Payments.getByMerchantUid!({ merchant_uid: paymentId }))).response;
      assert.equal(asV1.amount, 3400);
      assert.equal(asV1.cancel_amount, 400);
      assert.equal(asV1.status, 'paid');
      assert.equal(v2Payment.status, 'PARTIAL_CANCELLED');
      assert.equal(asV1.imp_uid, v2Payment.status === 'PARTIAL_CANCELLED' ? v2Payment.transactionId : '');
    });
  });
}
