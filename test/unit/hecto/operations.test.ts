import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HECTO_OPERATIONS, hashAmountOf } from '../../../src/pg/hecto/codec/index.ts';

test('each operation hashes the amount the spec names', () => {
  assert.equal(hashAmountOf(HECTO_OPERATIONS.cardApproval, { trdAmt: '1000' }), '1000');
  assert.equal(hashAmountOf(HECTO_OPERATIONS.cancel, { cnclAmt: '300', trdAmt: '1000' }), '300');
  assert.equal(hashAmountOf(HECTO_OPERATIONS.vaRefund, { cnclAmt: '300' }), '300');
  assert.equal(hashAmountOf(HECTO_OPERATIONS.billKeyIssue, { trdAmt: '1000' }), '0');
  assert.equal(hashAmountOf(HECTO_OPERATIONS.billKeyDelete, {}), '0');
  assert.equal(hashAmountOf(HECTO_OPERATIONS.vaIssueCancel, {}), '0');
  assert.equal(hashAmountOf(HECTO_OPERATIONS.vaIssue, { trdAmt: '5000' }), '5000');
});

test('paths, methods and bizTypes follow the reference', () => {
  const rows = Object.fromEntries(
    Object.entries(HECTO_OPERATIONS).map(([name, op]) => [name, `${op.path} ${'method' in op ? op.method : '-'}/${'bizType' in op ? op.bizType : '-'} ${op.ver}`]),
  );
  assert.deepEqual(rows, {
    cardApproval: '/spay/APICardActionPay.do CA/B0 0A19',
    billingPayment: '/spay/APICardActionPay.do CA/B0 0A19',
    billKeyIssue: '/spay/APICardAuth.do CA/A4 0A19',
    billKeyDelete: '/spay/APICardActionDelkey.do CA/A1 0A19',
    cancel: '/spay/APICancel.do CA/C0 0A19',
    vaIssue: '/spay/APIVBank.do VA/A0 0A19',
    vaChange: '/spay/APIVBank.do VA/A1 0A19',
    vaIssueCancel: '/spay/APIVBank.do VA/A2 0A19',
    vaRefund: '/spay/APIRefund.do VA/C0 0A19',
    inquiry: '/spay/APITrdcheck.do -/- 0A1M',
  });
});

test('card fields and amounts are encrypted in requests; amounts in replies', () => {
  for (const field of ['cardNo', 'vldDtMon', 'vldDtYear', 'idntNo', 'cardPwd', 'trdAmt']) {
    assert.ok((HECTO_OPERATIONS.cardApproval.requestEncrypted as readonly string[]).includes(field), field);
  }
  assert.ok((HECTO_OPERATIONS.cancel.replyEncrypted as readonly string[]).includes('blcAmt'));
  assert.ok((HECTO_OPERATIONS.vaIssue.replyEncrypted as readonly string[]).includes('vAcntNo'));
});
