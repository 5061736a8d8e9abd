import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HECTO_TEST_LICENSE_KEY,
  NO_AMOUNT,
  hashesEqual,
  notificationHash,
  serverReplyHash,
  serverRequestHash,
  sha256Hex,
  windowRequestHash,
} from '../../../src/pg/hecto/codec/index.ts';

const key = HECTO_TEST_LICENSE_KEY;

test('cancel request hash matches the spec example (cnclAmt 1000)', () => {
  const hash = serverRequestHash(
    { trdDt: '20211231', trdTm: '100000', mchtId: 'nxca_jt_il', mchtTrdNo: 'ORDER20211231100000', amount: '1000' },
    key,
  );
  assert.equal(hash, 'a2d6d597d55d7c9b689baa2e08c1ddf0ce71f4248c5b9b59fe61bfbf949543e1');
});

test('window request hash matches the spec example (card, 1000 won)', () => {
  const hash = windowRequestHash(
    {
      mchtId: 'nxca_jt_il',
      method: 'card',
      mchtTrdNo: 'ORDER20211231100000',
      trdDt: '20211231',
      trdTm: '100000',
      trdAmt: '1000',
    },
    key,
  );
  assert.equal(hash, 'f395b6725a9a18f2563ce34f8bc76698051d27c05e5ba815f463f00429061c0c');
});

test('billing-key issue hash uses "0" and matches the spec example', () => {
  const hash = serverRequestHash(
    { trdDt: '20220920', trdTm: '131039', mchtId: 'nxca_ks_gu', mchtTrdNo: 'PG_API20220920131039', amount: NO_AMOUNT },
    key,
  );
  assert.equal(hash, '3bf1295695eb0e081f7900dfcbfcb225887d8fb07322d54c3dba72a2726bf55d');
});

test('inquiry hash matches the spec example, which is printed in upper case', () => {
  const hash = serverRequestHash(
    { trdDt: '20210806', trdTm: '080101', mchtId: 'nx_mid_il', mchtTrdNo: 'PG_vbank_20210806075154649', amount: '500' },
    key,
  );
  const published = '996E651D9435700D54E0D69B5726B5489AD0691C3FC86BE572314D39A2AE8B6D';
  assert.equal(hash, published.toLowerCase());
  assert.ok(hashesEqual(hash, published));
});

test('notification hash concatenates outStatCd, trdDtm, mchtId, mchtTrdNo, trdAmt and the key', () => {
  const input = { outStatCd: '0021', trdDtm: '20211231100000', mchtId: 'nxca_jt_il', mchtTrdNo: 'ORDER1', trdAmt: '1000' };
  assert.equal(notificationHash(input, key), sha256Hex('002120211231100000nxca_jt_ilORDER11000' + key));
});

test('reply hash prefixes outStatCd to the request fields', () => {
  const input = { trdDt: '20211231', trdTm: '100000', mchtId: 'm', mchtTrdNo: 'o', amount: '1000' };
  assert.equal(serverReplyHash('0021', input, key), sha256Hex('002120211231100000mo1000' + key));
});

test('hashesEqual rejects a different hash, a missing one and a different length', () => {
  const a = sha256Hex('a');
  assert.ok(hashesEqual(a, a.toUpperCase()));
  assert.equal(hashesEqual(a, sha256Hex('b')), false);
  assert.equal(hashesEqual(a, undefined), false);
  assert.equal(hashesEqual(a, a.slice(1)), false);
});

test('a different license key gives a different hash', () => {
  const input = { trdDt: '20211231', trdTm: '100000', mchtId: 'nxca_jt_il', mchtTrdNo: 'ORDER20211231100000', amount: '1000' };
  assert.notEqual(serverRequestHash(input, 'another-key'), serverRequestHash(input, key));
});
