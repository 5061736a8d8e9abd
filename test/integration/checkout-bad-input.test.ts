import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { channelKeyOf } from '../support/payments.ts';

/**
 * The checkout routes under random input: whatever the browser (or anyone) sends as a txId or a
 * body, the answer is a clean 4xx page or JSON (PortOne's code and a message), never a 500.
 */
describe('checkout routes under random input (property)', () => {
  let t: TestApp;
  let sandbox: RunningSandbox;
  /** Real attempts (a payment and a billing key), so bodies also reach attempts that exist. */
  const attempts: string[] = [];
  before(async () => {
    sandbox = await startSandbox({ port: 0, nightly: false, notify: false });
    t = await startTestApp('pglite', { hectoUrl: sandbox.url });
    const payment = await t.app.inject({
      method: 'POST',
      url: '/checkout/api/v2/payments',
      payload: JSON.stringify({
        windowType: 'IFRAME',
        request: { storeId: t.demo.storeId, channelKey: channelKeyOf(t, 'portone1'), paymentId: 'prop-1', orderName: 'o', totalAmount: 1000, currency: 'KRW', payMethod: 'CARD' },
      }),
    });
    const billing = await t.app.inject({
      method: 'POST',
      url: '/checkout/api/v2/billing-keys',
      payload: JSON.stringify({ windowType: 'IFRAME', request: { storeId: t.demo.storeId, channelKey: channelKeyOf(t, 'nxca_ks_gu') } }),
    });
    attempts.push(payment.json().txId, billing.json().txId);
  });
  after(async () => {
    await t.close();
    await sandbox.close();
  });

  it('answers a clean 404 page or JSON for ids that are not attempts (not even UUIDs)', async () => {
    for (const [method, url, json] of [
      ['GET', '/checkout/window/nope', false],
      ['GET', '/checkout/result/nope', false],
      ['POST', '/checkout/return/nope', false],
      ['POST', '/checkout/cancel/nope', false],
      ['POST', '/checkout/api/payments/nope/abandon', true],
      ['GET', '/checkout/window/00000000-0000-0000-0000-000000000000', false],
    ] as const) {
      const response = await t.app.inject({ method, url, payload: method === 'POST' ? '' : undefined });
      assert.equal(response.statusCode, 404, `${method} ${url}: ${response.body}`);
      if (json) assert.equal(response.json().code, 'PaymentNotFound');
      else assert.match(response.body, /결제 정보를 찾을 수 없거나/);
    }
  });

  it('never answers 500, whatever the txId or the body', async () => {
    const routes = [
      ['GET', '/checkout/window/{id}'],
      ['GET', '/checkout/result/{id}'],
      ['POST', '/checkout/return/{id}'],
      ['POST', '/checkout/cancel/{id}'],
      ['POST', '/checkout/api/payments/{id}/abandon'],
      ['POST', '/checkout/api/v2/payments'],
      ['POST', '/checkout/api/v1/payments'],
      ['POST', '/checkout/api/v2/billing-keys'],
      ['GET', '/checkout/demo/api/payments/{id}'],
    ] as const;
    const id = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.uuid(), fc.constant('\u0000'), fc.constant('..%2f'), fc.constantFrom(...attempts));
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant('\u0000'), fc.jsonValue());
    const store = () => t.demo.storeId;
    const body = fc.oneof(
      // Near-valid V2 requests with one field replaced by anything.
      fc
        .record({ key: fc.constantFrom('paymentId', 'orderName', 'totalAmount', 'payMethod', 'currency', 'redirectUrl', 'locale', 'channelKey', 'noticeUrls'), value })
        .map(({ key, value: v }) =>
          JSON.stringify({
            windowType: 'IFRAME',
            request: { storeId: store(), channelKey: channelKeyOf(t, 'portone1'), paymentId: 'p-1', orderName: 'o', totalAmount: 1000, currency: 'KRW', payMethod: 'CARD', [key]: v },
          }),
        ),
      fc.dictionary(fc.constantFrom('windowType', 'request', 'params', 'merchantCode', 'origin', 'device'), value, { maxKeys: 5 }).map((o) => JSON.stringify(o)),
      fc.string(),
      fc.constant(''),
      fc.constant('outStatCd=0021&outRsltCd=0000&trdAmt=%00'),
      fc.constant('outStatCd=0031&outRsltCd=CA31&outRsltMsg=%00x\u0000'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), id, body, async ([method, path], rawId, payload) => {
        const url = path.replace('{id}', encodeURIComponent(rawId));
        const response = await t.app.inject({ method, url, payload: method === 'GET' ? undefined : payload });
        assert.ok(response.statusCode < 500, `${method} ${url} answered ${response.statusCode}: ${response.body}`);
        if (url.startsWith('/checkout/api/') && response.statusCode >= 400) {
          const json = response.json();
          assert.equal(typeof json.code, 'string', response.body);
          assert.equal(typeof json.message, 'string', response.body);
        }
        assert.doesNotMatch(response.body, /at .*\.ts:\d+/, 'no stack trace');
      }),
      { numRuns: 400 },
    );
  });
});
