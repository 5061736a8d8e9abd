import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardPayBody, dec, enc, header, post, requestHash, startTestSandbox, transactions } from './helpers.ts';

let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
before(async () => {
  sandbox = await startTestSandbox();
});
after(async () => {
  await sandbox.close();
});

function issueBody(cardNo = '1111222233334444', keyRegYn = 'Y') {
  const h = header('nxca_ks_gu', 'CA', 'A4');
  return {
    params: h,
    data: {
      pktHash: requestHash(h, '0'),
      cardNo: enc(cardNo),
      vldDtMon: enc('12'),
      vldDtYear: enc('39'),
      idntNo: enc('991231'),
      cardPwd: enc('12'),
      mchtCustNm: '홍길동',
      mchtCustId: 'HongGilDong',
      keyRegYn,
    },
  };
}

function deleteBody(billKey: string, mchtId = 'nxca_ks_gu') {
  const h = header(mchtId, 'CA', 'A1');
  return { params: h, data: { pktHash: requestHash(h, '0'), billKey } };
}

test('issues a billing key, pays with it, deletes it, and then payments fail with ST01', async () => {
  const issued = await post(sandbox.url, '/spay/APICardAuth.do', issueBody());
  assert.equal(issued.params.outRsltCd, '0000');
  const billKey = issued.data.billKey ?? '';
  assert.match(billKey, /^SBILL_PGCAnxca_ks_gu\d{20}$/);
  assert.equal(issued.data.cardNo, '111122******4444');
  assert.equal(issued.data.issrId, 'BCC');

  const paid = await post(sandbox.url, '/spay/APICardActionPay.do', cardPayBody({ mchtId: 'nxca_ks_gu', billKey, amount: 9900 }));
  assert.equal(paid.params.outRsltCd, '0000');
  assert.equal(dec(paid.data.trdAmt ?? ''), '9900');
  assert.equal(paid.data.billKey, billKey);
  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === paid.params.trdNo);
  assert.equal(booked?.billKey, billKey);

  const deleted = await post(sandbox.url, '/spay/APICardActionDelkey.do', deleteBody(billKey));
  assert.equal(deleted.params.outRsltCd, '0000');
  assert.equal(deleted.data.billKey, billKey);

  const after = await post(sandbox.url, '/spay/APICardActionPay.do', cardPayBody({ mchtId: 'nxca_ks_gu', billKey }));
  assert.equal(after.params.outRsltCd, 'ST01');
  assert.equal((await post(sandbox.url, '/spay/APICardActionDelkey.do', deleteBody(billKey))).params.outRsltCd, 'ST01');
});

test('a billing key belongs to its MID', async () => {
  const issued = await post(sandbox.url, '/spay/APICardAuth.do', issueBody());
  const billKey = issued.data.billKey ?? '';
  const elsewhere = await post(sandbox.url, '/spay/APICardActionPay.do', cardPayBody({ mchtId: 'nxca_jt_bi', billKey }));
  assert.equal(elsewhere.params.outRsltCd, 'ST01');
});

test('a key issued from a declining card declines its payments; keyRegYn N issues no key', async () => {
  const declined = await post(sandbox.url, '/spay/APICardAuth.do', issueBody('4000000000000002'));
  assert.equal(declined.params.outRsltCd, 'CA31');
  const checkOnly = await post(sandbox.url, '/spay/APICardAuth.do', issueBody('1111222233334444', 'N'));
  assert.equal(checkOnly.params.outRsltCd, '0000');
  assert.equal(checkOnly.data.billKey, undefined);
});

test('the billing-key issue hash uses "0": an amount-style hash is rejected with 1901', async () => {
  const body = issueBody();
  body.data.pktHash = requestHash(body.params, '1000');
  assert.equal((await post(sandbox.url, '/spay/APICardAuth.do', body)).params.outRsltCd, '1901');
});
