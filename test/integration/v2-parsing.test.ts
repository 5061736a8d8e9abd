import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { v2TestRoutes } from '../support/v2TestRoutes.ts';

describe('V2 request parsing (as @portone/server-sdk sends requests)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('pglite', { v2Routes: [v2TestRoutes] });
  });
  after(() => t.close());

  const auth = () => ({ authorization: `PortOne ${t.demo.apiSecret}` });

  it('parses a JSON body sent as text/plain or with no Content-Type', async () => {
    const payload = JSON.stringify({ amount: { total: 1000 }, orderName: '테스트' });
    for (const headers of [{ 'content-type': 'text/plain;charset=UTF-8' }, {}, { 'content-type': 'application/json' }]) {
      const response = await t.app.inject({ method: 'POST', url: '/__test/echo', payload, headers: { ...auth(), ...headers } });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json().received, { amount: { total: 1000 }, orderName: '테스트' });
    }
  });

  it('accepts an empty body', async () => {
    for (const headers of [{}, { 'content-type': 'text/plain;charset=UTF-8' }, { 'content-type': 'application/json' }]) {
      const response = await t.app.inject({ method: 'POST', url: '/__test/echo', payload: '', headers: { ...auth(), ...headers } });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().received, null);
    }
  });

  it('reads ?requestBody= JSON on GETs and names the bad field', async () => {
    const good = encodeURIComponent(JSON.stringify({ page: { number: 2, size: 10 } }));
    const ok = await t.app.inject({ method: 'GET', url: `/__test/list?requestBody=${good}`, headers: auth() });
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json().page, { number: 2, size: 10 });

    const bad = encodeURIComponent(JSON.stringify({ page: { number: 0, size: 'ten' } }));
    const invalid = await t.app.inject({ method: 'GET', url: `/__test/list?requestBody=${bad}`, headers: auth() });
    assert.equal(invalid.statusCode, 400);
    assert.equal(invalid.json().type, 'INVALID_REQUEST');
    assert.match(invalid.json().message, /requestBody\.page\.size/);

    const notJson = await t.app.inject({ method: 'GET', url: '/__test/list?requestBody=%7Bnope', headers: auth() });
    assert.equal(notJson.statusCode, 400);
    assert.match(notJson.json().message, /requestBody.*JSON/);
  });

  it('answers malformed input with 400 INVALID_REQUEST naming the field', async () => {
    const wrongType = await t.app.inject({ method: 'POST', url: '/__test/echo', payload: '{"amount":{"total":"1000"},"orderName":"x"}', headers: auth() });
    assert.equal(wrongType.statusCode, 400);
    assert.equal(wrongType.json().type, 'INVALID_REQUEST');
    assert.match(wrongType.json().message, /amount\.total/);

    const brokenJson = await t.app.inject({ method: 'POST', url: '/login/api-secret', payload: '{"apiSecret":', headers: { 'content-type': 'text/plain' } });
    assert.equal(brokenJson.statusCode, 400);
    assert.equal(brokenJson.json().type, 'INVALID_REQUEST');

    const missing = await t.app.inject({ method: 'POST', url: '/login/api-secret', payload: '{}' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().message, /apiSecret/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/no/such/route' });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().type, 'NOT_FOUND');
  });

  it('never answers 500 and always answers JSON errors, whatever a client sends (property)', async () => {
    const routes = [
      ['POST', '/login/api-secret'],
      ['POST', '/token/refresh'],
      ['POST', '/__test/echo'],
      ['GET', '/__test/list'],
      ['GET', '/__test/channels/x'],
      ['GET', '/payments/abc'],
      ['DELETE', '/billing-keys/abc'],
      ['POST', '/console-api/login'],
      ['GET', '/v1/payments/abc'],
    ] as const;
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.constant(''),
      fc.jsonValue().map((v) => JSON.stringify({ apiSecret: v, refreshToken: v, amount: v, orderName: v })),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    const contentType = fc.constantFrom(undefined, 'application/json', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=utf-16', '*/*', 'garbage');
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.string(),
      fc.string().map((s) => `PortOne ${s}`),
      fc.string().map((s) => `Bearer ${s}`),
      fc.constant('valid'),
    );
    const query = fc.dictionary(fc.constantFrom('requestBody', 'storeId', 'page', 'x', 'requestBody[]'), fc.oneof(fc.string(), fc.json()), { maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, contentType, authorization, query, async ([method, path], payload, type, auth, params) => {
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        if (auth === 'valid') headers.authorization = `PortOne ${t.demo.apiSecret}`;
        else if (auth !== undefined) headers.authorization = auth.replace(/[\r\n]/g, '');
        const search = new URLSearchParams(params).toString();
        const response = await t.app.inject({ method, url: search ? `${path}?${search}` : path, headers, payload: method === 'GET' ? undefined : payload });
        assert.ok(response.statusCode < 500, `${method} ${path} answered ${response.statusCode}: ${response.body}`);
        if (response.statusCode >= 400) {
          const json = response.json();
          const isV2 = typeof json.type === 'string' && typeof json.message === 'string';
          const isConsole = typeof json.error?.code === 'string';
          const isV1 = json.code === -1 && typeof json.message === 'string';
          assert.ok(isV2 || isConsole || isV1, `not a JSON error in its API's dialect: ${response.body}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});
