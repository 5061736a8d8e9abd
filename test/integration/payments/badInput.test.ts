/**
 * Bad input never answers 500: random bodies, query strings, path parameters and headers thrown at
 * every payment route, with a valid secret, always get PortOne's `{type, message}` JSON.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { pgNotifications } from '../../../src/store/schema.ts';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, fullCard, keyInCard, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

type Method = 'GET' | 'POST' | 'DELETE';

/** Every route of the payment API, with a valid body to mutate (undefined: the route takes none). */
const routes: { method: Method; path: string; body?: Record<string, unknown> }[] = [
  { method: 'GET', path: '/payments/:id' },
  { method: 'GET', path: '/payments' },
  { method: 'GET', path: '/payments/:id/transactions' },
  {
    method: 'POST',
    path: '/payments/:id/instant',
    body: { channelKey: 'CHANNEL', method: { card: { credential: keyInCard } }, orderName: '주문', amount: { total: 1000 }, currency: 'KRW' },
  },
  { method: 'POST', path: '/payments/:id/billing-key', body: { billingKey: 'billing-key-x', orderName: '주문', amount: { total: 1000 }, currency: 'KRW' } },
  { method: 'POST', path: '/payments/:id/cancel', body: { amount: 100, reason: '취소', currentCancellableAmount: 1000 } },
  { method: 'POST', path: '/payments/:id/pre-register', body: { totalAmount: 1000, currency: 'KRW' } },
  { method: 'POST', path: '/payments/:id/virtual-account/close', body: {} },
  { method: 'POST', path: '/payments/:id/resend-webhook', body: { webhookId: 'w' } },
  { method: 'POST', path: '/payments/:id/schedule', body: { payment: { billingKey: 'billing-key-x', orderName: '예약', amount: { total: 1000 }, currency: 'KRW' }, timeToPay: '2030-01-01T00:00:00Z' } },
  { method: 'GET', path: '/billing-keys' },
  { method: 'POST', path: '/billing-keys', body: { channelKey: 'CHANNEL', method: { card: { credential: fullCard } } } },
  { method: 'GET', path: '/billing-keys/:id' },
  { method: 'DELETE', path: '/billing-keys/:id' },
  { method: 'GET', path: '/payment-schedules/:id' },
  { method: 'GET', path: '/payment-schedules' },
  { method: 'DELETE', path: '/payment-schedules', body: { scheduleIds: ['s'] } },
];

/** A value that replaces a field of a valid body: anything JSON can say, and near misses. */
const fieldValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e308, '', ' ', '1000', 'KRW', 'USD', '\u0000', '%', '../..', '2030-13-40T25:61:00Z'),
  fc.string({ maxLength: 300 }),
);

/** The valid body with some fields (at any depth) replaced, removed or added. */
function mutated(body: Record<string, unknown>): fc.Arbitrary<unknown> {
  const entries = Object.entries(body);
  return fc
    .tuple(
      ...entries.map(([, value]) =>
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? fc.oneof(mutated(value as Record<string, unknown>), fieldValue, fc.constant(undefined), fc.constant(value))
          : fc.oneof(fieldValue, fc.constant(undefined), fc.constant(value)),
      ),
      fc.dictionary(fc.string({ maxLength: 10 }), fieldValue, { maxKeys: 2 }),
    )
    .map(([...values]) => {
      const extra = values.pop() as Record<string, unknown>;
      const out: Record<string, unknown> = { ...extra };
      entries.forEach(([key], i) => {
        if (values[i] !== undefined) out[key] = values[i];
      });
      return out;
    });
}

/** A raw request body: mutated valid JSON, any JSON, or bytes that are not JSON at all. */
const rawBody = (body?: Record<string, unknown>) =>
  fc.oneof(
    ...(body ? [mutated(body).map((b) => JSON.stringify(b))] : []),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('', '{', '[]', 'null', '{"a":', '\u0000', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', `{"amount":{"total":${'9'.repeat(400)}}}`),
    fc.constant(undefined),
  );

// '.' and '..' are URL dot-segments, not ids: every HTTP client resolves them before sending (the
// SDK's `new URL(...)` too), so `/payments/..` is the origin's root, not a payment route.
const pathParam = fc
  .oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('a', 'x'.repeat(500), '%', '%00', '한글-아이디', ' ', '\u0000', 'null', '__proto__'))
  .filter((id) => id !== '.' && id !== '..');

/** Query strings: a random requestBody (JSON or not, encoded or not), storeId, other keys. */
const queryString = fc.oneof(
  fc.constant(''),
  fc.jsonValue({ maxDepth: 3 }).map((v) => `?requestBody=${encodeURIComponent(JSON.stringify(v))}`),
  mutated({ page: { number: 0, size: 10 }, filter: { status: ['PAID'], from: '2020-01-01T00:00:00Z' }, sort: { by: 'ISSUED_AT', order: 'ASC' } }).map(
    (v) => `?requestBody=${encodeURIComponent(JSON.stringify(v))}`,
  ),
  fc.string({ maxLength: 80 }).map((s) => `?requestBody=${encodeURIComponent(s)}`),
  fc.webQueryParameters().map((q) => `?${q}`),
  fc.constantFrom('?requestBody=', '?requestBody={', '?requestBody=%7B', '?storeId=', '?storeId=other&storeId=again', '?requestBody=1&requestBody=2', '?%', '?&&=&'),
);

const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const contentType = fc.option(
  fc.oneof(fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '*/*'), headerValue),
  { nil: undefined },
);
const extraHeaders = fc.dictionary(fc.constantFrom('accept', 'accept-encoding', 'x-portone-tier', 'content-encoding', 'x-forwarded-for', 'x-request-id', 'if-none-match'), headerValue, { maxKeys: 3 });

for (const kind of databaseKinds) {
  describe(`bad input to the payment API never answers 500 (${kind})`, () => {
    let env: PaymentsTestEnv;
    before(async () => {
      env = await startPaymentsEnv(kind);
    });
    after(async () => env?.close());

    for (const route of routes) {
      it(`${route.method} ${route.path}`, async () => {
        const channelKey = channelKeyOf(env.t, route.path.includes('billing-keys') ? 'nxca_ks_gu' : 'nxca_jt_bi');
        const body = route.body && JSON.parse(JSON.stringify(route.body).replaceAll('"CHANNEL"', JSON.stringify(channelKey)));
        await fc.assert(
          fc.asyncProperty(pathParam, queryString, rawBody(body), contentType, extraHeaders, async (id, query, payload, type, headers) => {
            const url = route.path.replace(':id', encodeURIComponent(id)) + query;
            const response = await env.t.app.inject({
              method: route.method,
              url,
              headers: { ...headers, ...(type === undefined ? {} : { 'content-type': type }), authorization: `PortOne ${env.t.demo.apiSecret}` },
              ...(payload === undefined ? {} : { payload }),
            });
            const what = `${route.method} ${url} → ${response.statusCode} ${response.body}`;
            assert.ok(response.statusCode < 500 || (response.statusCode === 502 && response.json().type === 'PG_PROVIDER'), what);
            assert.match(String(response.headers['content-type']), /^application\/json/, what);
            const answer = response.json() as Record<string, unknown>;
            if (response.statusCode >= 400) {
              assert.equal(typeof answer.type, 'string', what);
              assert.equal(typeof answer.message, 'string', what);
            }
          }),
          { numRuns: 60 },
        );
      });
    }
  });
}

/** Form fields a Hecto notice has, with values that are near misses of real ones. */
const noticeField = fc.constantFrom('mchtId', 'outStatCd', 'trdNo', 'method', 'bizType', 'mchtTrdNo', 'trdDtm', 'trdAmt', 'pktHash', 'vAcntNo', 'orgTrdNo', 'cnclType', 'x');
const noticeValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('portone1', 'nxca_jt_bi', 'nx_mid_il', '0021', '0051', 'VA', 'CA', 'B1', 'C0', '20250101120000', '1000', '-1', '9'.repeat(40), '%', '\u0000', 'a\u0000b', '한글'),
);
const noticeBody = fc.oneof(
  fc.dictionary(noticeField, noticeValue).map((fields) => new URLSearchParams(fields).toString()),
  fc.string({ maxLength: 300 }),
  fc.constantFrom('', 'mchtId=%00', 'mchtId=portone1&trdNo=%00', '%', '%%%', '=&=&', 'mchtId=%E0%A4%A', '\u0000', '{"mchtId":"portone1"}'),
);

for (const kind of databaseKinds) {
  describe(`bad input to the PG notification routes never answers 500 (${kind})`, () => {
    let env: PaymentsTestEnv;
    before(async () => {
      env = await startPaymentsEnv(kind);
    });
    after(async () => env?.close());

    for (const path of ['/pg/hecto/notifications', '/settle_payments/notice_vbank']) {
      it(`POST ${path}`, async () => {
        await fc.assert(
          fc.asyncProperty(noticeBody, contentType, async (payload, type) => {
            const response = await env.t.app.inject({ method: 'POST', url: path, headers: type === undefined ? {} : { 'content-type': type }, payload });
            const what = `POST ${path} ${JSON.stringify(payload)} → ${response.statusCode} ${response.body}`;
            // Nothing here is a genuine notice: each is refused with Hecto's FAIL answer (or, for a
            // Content-Type header Fastify cannot even read, its 415) and nothing is recorded.
            assert.ok(response.statusCode === 400 || response.statusCode === 415, what);
            if (response.statusCode === 400) assert.equal(response.body, 'FAIL', what);
          }),
          { numRuns: 150 },
        );
        assert.equal((await env.t.deps.db.select().from(pgNotifications)).length, 0);
      });
    }
  });
}
