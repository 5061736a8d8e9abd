import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildEnvelope, parseEnvelope, parseFormBody, toFormBody } from '../../../src/pg/hecto/codec/index.ts';

test('builds and parses the params/data envelope', () => {
  const raw = buildEnvelope({ mchtId: 'nxca_jt_bi', ver: '0A19', osType: undefined }, { pktHash: 'abc', trdAmt: 'x' });
  assert.equal(raw, '{"params":{"mchtId":"nxca_jt_bi","ver":"0A19"},"data":{"pktHash":"abc","trdAmt":"x"}}');
  assert.deepEqual(parseEnvelope(raw), {
    ok: true,
    params: { mchtId: 'nxca_jt_bi', ver: '0A19' },
    data: { pktHash: 'abc', trdAmt: 'x' },
  });
});

test('reads numbers as text, tolerates a missing data object, and rejects non-envelopes', () => {
  assert.deepEqual(parseEnvelope('{"params":{"trdAmt":1000}}'), { ok: true, params: { trdAmt: '1000' }, data: {} });
  assert.deepEqual(parseEnvelope('not json'), { ok: false, reason: 'NOT_JSON' });
  assert.deepEqual(parseEnvelope('[]'), { ok: false, reason: 'NOT_ENVELOPE' });
  assert.deepEqual(parseEnvelope('{"data":{}}'), { ok: false, reason: 'NOT_ENVELOPE' });
  assert.deepEqual(parseEnvelope('{"params":{},"data":"x"}'), { ok: false, reason: 'NOT_ENVELOPE' });
});

test('form bodies round-trip Korean text and reserved characters', () => {
  const fields = { mchtParam: 'name=홍길동&age=25', outStatCd: '0021', skipped: undefined };
  const body = toFormBody(fields);
  assert.deepEqual(parseFormBody(body), { mchtParam: 'name=홍길동&age=25', outStatCd: '0021' });
});
