import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeResultCode, koreanMessage, RESULT_CODES } from '../../../src/pg/hecto/codec/index.ts';

test('maps the codes the simulator produces to paymux reasons', () => {
  const expectations: Record<string, string> = {
    '1008': 'INVALID_REQUEST',
    '1009': 'INVALID_REQUEST',
    '1901': 'PG_CREDENTIALS',
    '1902': 'PG_CREDENTIALS',
    ST06: 'TRANSACTION_NOT_FOUND',
    ST25: 'ALREADY_CANCELLED',
    ST50: 'DUPLICATE_ORDER',
    ST56: 'CANCEL_ROUND_MISMATCH',
    ST57: 'CANCEL_AMOUNT_EXCEEDED',
    CA12: 'ALREADY_CANCELLED',
    CA20: 'INVALID_CARD_EXPIRY',
    CA28: 'INVALID_CARD_PASSWORD',
    CA30: 'INVALID_IDENTITY_NUMBER',
    CA33: 'CARD_LIMIT_EXCEEDED',
    CA42: 'INVALID_AMOUNT',
    CA53: 'CARD_NOT_USABLE',
    CA86: 'DUPLICATE_APPROVAL',
  };
  for (const [code, reason] of Object.entries(expectations)) {
    const info = describeResultCode(code);
    assert.ok(info, `code ${code} is mapped`);
    assert.equal(info.reason, reason, code);
    assert.equal(info.outcome, 'DECLINED', code);
    assert.ok(info.ko.length > 0 && info.en.length > 0);
  }
});

test('0000 is OK and carries no failure reason', () => {
  const ok = describeResultCode('0000');
  assert.equal(ok?.outcome, 'OK');
  assert.equal(ok?.reason, undefined);
});

test('codes where Hecto could not tell are uncertain, not declines', () => {
  for (const code of ['VTIM', 'ST38', '9999', '9904']) assert.equal(describeResultCode(code)?.outcome, 'UNCERTAIN', code);
});

test('unknown codes are not guessed', () => {
  assert.equal(describeResultCode('ZZ99'), undefined);
  assert.equal(koreanMessage('ZZ99'), 'ZZ99');
});

test('every entry has Korean and English text and a reason unless it is 0000', () => {
  for (const info of RESULT_CODES.values()) {
    assert.ok(info.ko && info.en, info.code);
    if (info.code !== '0000') assert.ok(info.reason, info.code);
  }
});
