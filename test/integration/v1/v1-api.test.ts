/**
 * The V1 (iamport) plugin's own behaviour: the /v1 mount on the main origin, token expiry, the
 * form parser, when V1 webhooks go out (and that they are delivered unsigned), tenancy.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseForm } from '../../../src/http/v1/input.ts';
import { setV1NotificationUrl } from '../../../src/services/v1/notificationUrl.ts';
import { deliverDueWebhooks } from '../../../src/services/webhooks/delivery.ts';
import { listPaymentOutboxRows } from '../../../src/store/repositories/webhookOutbox.ts';
import { databaseKinds } from '../../support/database.ts';
import { fixedClock } from '../../support/harness.ts';
import { channelKeyOf, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';
import { startReceiver, type Receiver } from '../webhooks/helpers.ts';

describe('V1 form bodies', () => {
  it('reads imp_uid[] arrays, repeated keys and nested schedules; ignores prototype keys', () => {
    assert.deepEqual(parseForm('imp_uid[]=a&imp_uid[]=b&x=1&x=2'), { imp_uid: ['a', 'b'], x: ['1', '2'] });
    assert.deepEqual(parseForm('customer_uid=c&schedules[0][merchant_uid]=m0&schedules[0][amount]=100&schedules[1][merchant_uid]=m1'), {
      customer_uid: 'c',
      schedules: [{ merchant_uid: 'm0', amount: '100' }, { merchant_uid: 'm1' }],
    });
    const parsed = parseForm('__proto__[polluted]=1&a[__proto__][b]=2');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  });
});

for (const kind of databaseKinds) {
  describe(`V1 API behaviour (${kind})`, () => {
    let env: PaymentsTestEnv;
    let receiver: Receiver;
    const clock = fixedClock(new Date());
    const card = { card_number: '1111222233334444', expiry: '2039-12', birth: '800101', pwd_2digit: '12' };

    const v1 = async (method: string, path: string, body?: object, token?: string, prefix = '') => {
      const response = await env.t.app.inject({
        method: method as 'GET',
        url: `${prefix}${path}`,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
      return { status: response.statusCode, body: response.json() as { code: number; message: string | null; response: Record<string, unknown> } };
    };
    const token = async () => (await v1('POST', '/v1/users/getToken', { imp_key: env.t.demo.impKey, imp_secret: env.t.demo.impSecret })).body.response.access_token as string;
    const onetime = (merchantUid: string, token: string, extra: object = {}) =>
      v1('POST', '/v1/subscribe/payments/onetime', { merchant_uid: merchantUid, amount: 1000, ...card, pg: 'settle.nxca_ks_gu', ...extra }, token);

    before(async () => {
      env = await startPaymentsEnv(kind, { clock });
      receiver = await startReceiver();
    });
    after(async () => {
      await receiver?.close();
      await env?.close();
    });

    it('serves V1 under /v1 on the main origin with the V1 envelope, and a V2 path there stays V2', async () => {
      const t = await token();
      const pgs = await v1('GET', '/v1/users/pg', undefined, t);
      assert.equal(pgs.status, 200);
      assert.equal(pgs.body.code, 0);
      const missing = await v1('GET', '/v1/payments/imp_nope', undefined, t);
      assert.deepEqual([missing.status, missing.body.code, missing.body.response], [404, -1, null]);
      const unknownRoute = await v1('GET', '/v1/nothing/here', undefined, t);
      assert.equal(unknownRoute.body.code, -1);
    });

    it('expires tokens after 30 minutes (401) and then issues a new one', async () => {
      const first = await token();
      clock.advance(28 * 60_000);
      assert.equal(await token(), first);
      assert.equal((await v1('GET', '/v1/users/pg', undefined, first)).status, 200);
      clock.advance(3 * 60_000);
      const expired = await v1('GET', '/v1/users/pg', undefined, first);
      assert.deepEqual([expired.status, expired.body.code], [401, -1]);
      const second = await token();
      assert.notEqual(second, first);
      assert.equal((await v1('GET', '/v1/users/pg', undefined, second)).status, 200);
    });

    it('announces an API cancel only with enable_webhook, with its cancellation_id; the store V1 URL gets unsigned JSON', async () => {
      const t = await token();
      await setV1NotificationUrl(env.t.deps, env.t.demo.storeId, `${receiver.origin}/iamport-hook`);
      const merchantUid = `v1-hook-${kind}`;
      const paid = await onetime(merchantUid, t);
      assert.equal(paid.body.response.status, 'paid', JSON.stringify(paid.body));
      await v1('POST', '/v1/payments/cancel', { merchant_uid: merchantUid, amount: 300 }, t);
      const second = await v1('POST', '/v1/payments/cancel', { merchant_uid: merchantUid, amount: 200, enable_webhook: true }, t);
      const history = second.body.response.cancel_history as { cancellation_id: string }[];
      const rows = await listPaymentOutboxRows(env.t.deps.db, env.t.demo.storeId, merchantUid, 'V1');
      // The clock is fixed, so both rows carry one time: compare without order.
      assert.deepEqual(
        rows.map((r) => JSON.parse(r.body)).sort((a, b) => a.status.localeCompare(b.status)),
        [
          { imp_uid: paid.body.response.imp_uid, merchant_uid: merchantUid, status: 'cancelled', cancellation_id: history[1]!.cancellation_id },
          { imp_uid: paid.body.response.imp_uid, merchant_uid: merchantUid, status: 'paid' },
        ],
      );
      await deliverDueWebhooks(env.t.deps);
      const delivered = receiver.received.filter((r) => r.path === '/iamport-hook');
      assert.equal(delivered.length, 2);
      assert.equal(delivered[0]!.headers['webhook-signature'], undefined);
      assert.ok(delivered.every((d) => JSON.parse(d.body).merchant_uid === merchantUid));
      await setV1NotificationUrl(env.t.deps, env.t.demo.storeId, '');
    });

    it('a V2 payment reaches the V1 URL too, and nothing V1 is written when nobody listens', async () => {
      const t = await token();
      const quiet = `v1-quiet-${kind}`;
      await onetime(quiet, t);
      assert.equal((await listPaymentOutboxRows(env.t.deps.db, env.t.demo.storeId, quiet, 'V1')).length, 0);
      await setV1NotificationUrl(env.t.deps, env.t.demo.storeId, `${receiver.origin}/v1-url`);
      const v2 = await env.t.app.inject({
        method: 'POST',
        url: `/payments/v2-pay-${kind}/instant`,
        headers: { authorization: `PortOne ${env.t.demo.apiSecret}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
          method: { card: { credential: { number: '1111222233334444', expiryYear: '2039', expiryMonth: '12' } } },
          orderName: 'V2',
          amount: { total: 1500 },
          currency: 'KRW',
        }),
      });
      assert.equal(v2.statusCode, 200, v2.body);
      const rows = await listPaymentOutboxRows(env.t.deps.db, env.t.demo.storeId, `v2-pay-${kind}`, 'V1');
      assert.deepEqual(
        rows.map((r) => [r.url, JSON.parse(r.body).status]),
        [[`${receiver.origin}/v1-url`, 'paid']],
      );
      await setV1NotificationUrl(env.t.deps, env.t.demo.storeId, '');
    });

    it('tolerates the literal "undefined" status and answers a wrong status value with 400 naming it', async () => {
      const t = await token();
      const merchantUid = `v1-find-${kind}`;
      await onetime(merchantUid, t);
      assert.equal((await v1('GET', `/v1/payments/find/${merchantUid}/undefined`, undefined, t)).body.response.merchant_uid, merchantUid);
      const bad = await v1('GET', `/v1/payments/find/${merchantUid}/weird`, undefined, t);
      assert.equal(bad.status, 400);
      assert.match(bad.body.message ?? '', /^status: /);
      const list = await env.t.app.inject({ method: 'GET', url: `/v1/payments/status/all?page=0`, headers: { authorization: t } });
      assert.equal(list.statusCode, 400);
      assert.match(list.json().message, /^page: /);
    });
  });
}
