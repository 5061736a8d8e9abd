import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../../support/harness.ts';

describe('V1 API under random input (property)', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await startTestApp('pglite');
    const response = await t.v1.inject({ method: 'POST', url: '/users/getToken', payload: { imp_key: t.demo.impKey, imp_secret: t.demo.impSecret } });
    token = response.json().response.access_token;
  });
  after(() => t.close());

  it('never answers 500 and always answers the V1 envelope', async () => {
    const routes = [
      ['GET', '/payments/{id}'],
      ['GET', '/payments/find/{id}/paid'],
      ['GET', '/payments/status/{id}'],
      ['POST', '/payments/cancel'],
      ['POST', '/payments/prepare'],
      ['GET', '/payments/prepare/{id}'],
      ['POST', '/subscribe/payments/onetime'],
      ['POST', '/subscribe/payments/again'],
      ['GET', '/subscribe/customers/{id}'],
      ['POST', '/subscribe/customers/{id}'],
      ['DELETE', '/subscribe/customers/{id}'],
      ['POST', '/subscribe/payments/schedule'],
      ['POST', '/subscribe/payments/unschedule'],
      ['POST', '/vbanks'],
      ['PUT', '/vbanks/{id}'],
      ['DELETE', '/vbanks/{id}'],
      ['POST', '/users/getToken'],
    ] as const;
    const id = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constant('imp_\u0000x'), fc.constant('undefined'));
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant('\u0000'), fc.jsonValue());
    const body = fc.oneof(
      fc.dictionary(fc.constantFrom('imp_uid', 'merchant_uid', 'amount', 'checksum', 'customer_uid', 'card_number', 'expiry', 'birth', 'pg', 'vbank_due', 'schedules', 'imp_key'), value, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
      fc.string(),
      fc.constant(''),
    );
    const contentType = fc.constantFrom(undefined, 'application/json', 'application/x-www-form-urlencoded', 'text/plain');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), id, body, contentType, async ([method, path], rawId, payload, type) => {
        const url = path.replace('{id}', encodeURIComponent(rawId));
        const response = await t.v1.inject({
          method,
          url,
          headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
          payload: method === 'GET' ? undefined : payload,
        });
        assert.ok(response.statusCode < 500, `${method} ${url} answered ${response.statusCode}: ${response.body}`);
        const json = response.json();
        assert.deepEqual(Object.keys(json).sort(), ['code', 'message', 'response'], response.body);
      }),
      { numRuns: 300 },
    );
  });
});
