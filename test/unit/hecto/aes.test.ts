import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HECTO_TEST_ENCRYPTION_KEY,
  decryptField,
  decryptFields,
  encryptField,
  encryptFields,
} from '../../../src/pg/hecto/codec/index.ts';

const key = HECTO_TEST_ENCRYPTION_KEY;

test('AES("1000") with the published test key is the spec check value', () => {
  assert.equal(encryptField('1000', key), 'AntV/eDpxIaKF0hJiePDKA==');
});

test('decrypts the spec check value back to 1000', () => {
  assert.deepEqual(decryptField('AntV/eDpxIaKF0hJiePDKA==', key), { ok: true, value: '1000' });
});

test('round-trips card numbers, Korean text and 16-byte-aligned input', () => {
  for (const plain of ['1111222233334444', '홍길동', '0123456789abcdef', '12', 'a'.repeat(100)]) {
    const cipher = encryptField(plain, key);
    assert.notEqual(cipher, plain);
    assert.deepEqual(decryptField(cipher, key), { ok: true, value: plain });
  }
});

test('empty values stay empty both ways', () => {
  assert.equal(encryptField('', key), '');
  assert.deepEqual(decryptField('', key), { ok: true, value: '' });
});

test('plain text, garbage and a wrong key do not decrypt', () => {
  assert.deepEqual(decryptField('1000', key), { ok: false });
  assert.deepEqual(decryptField('not base64 !!', key), { ok: false });
  assert.deepEqual(decryptField('AAAAAAAAAAAAAAAAAAAAAA==', key), { ok: false });
  const other = 'abcdefghijklmnopqrstuvwxyz012345';
  const result = decryptField(encryptField('1000', other), key);
  assert.ok(!result.ok || result.value !== '1000');
});

test('rejects keys that are not 32 bytes', () => {
  assert.throws(() => encryptField('1000', 'short'), RangeError);
});

test('encryptFields/decryptFields touch only the listed fields and report the failing one', () => {
  const plain = { trdAmt: '5000', cardNo: '1111222233334444', pmtprdNm: '상품', taxAmt: '' };
  const enc = encryptFields(plain, ['trdAmt', 'cardNo', 'taxAmt'], key);
  assert.equal(enc.pmtprdNm, '상품');
  assert.equal(enc.taxAmt, '');
  assert.notEqual(enc.cardNo, plain.cardNo);
  assert.deepEqual(decryptFields(enc, ['trdAmt', 'cardNo', 'taxAmt'], key), { ok: true, value: plain });
  assert.deepEqual(decryptFields({ ...enc, cardNo: '1111' }, ['trdAmt', 'cardNo'], key), { ok: false, field: 'cardNo' });
});
