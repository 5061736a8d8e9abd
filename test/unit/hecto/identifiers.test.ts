import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatBillKey,
  formatCancelRound,
  formatTrdNo,
  isTrdNo,
  maskCardNo,
} from '../../../src/pg/hecto/codec/index.ts';

test('trdNo reproduces the spec examples', () => {
  // STFP_PGCAnxca_jt_il0211129135810M1494620: 2021-11-29 13:58:10 KST
  assert.equal(
    formatTrdNo('CA', 'nxca_jt_il', new Date('2021-11-29T04:58:10Z'), 1494620),
    'STFP_PGCAnxca_jt_il0211129135810M1494620',
  );
  assert.equal(
    formatTrdNo('VA', 'nx_mid_il', new Date('2021-08-05T22:52:10Z'), 1853381),
    'STFP_PGVAnx_mid_il00210806075210M1853381',
  );
  assert.ok(isTrdNo('STFP_PGCAnxca_jt_il0211129135810M1494620'));
  assert.equal(isTrdNo('STFP_PGCA123'), false);
});

test('billing keys are 40 characters and start with SBILL_', () => {
  const key = formatBillKey('nxca_ks_gu', new Date('2022-09-21T00:31:17Z'), 260999);
  assert.equal(key, 'SBILL_PGCAnxca_ks_gu20222609990921093117');
  assert.equal(key.length, 40);
});

test('masks card numbers as first 6 and last 4', () => {
  assert.equal(maskCardNo('1111222233334444'), '111122******4444');
  assert.equal(maskCardNo('1111-2222-3333-4444'), '111122******4444');
  assert.equal(maskCardNo('123'), '***');
});

test('cancel rounds are three digits', () => {
  assert.equal(formatCancelRound(1), '001');
  assert.equal(formatCancelRound(12), '012');
});
