import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import {
  cardPayBody,
  dec,
  enc,
  header,
  post,
  requestHash,
  startTestSandbox,
  transactions,
  type Envelope,
} from './helpers.ts';

const PAY = '/spay/APICardActionPay.do';
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;

before(async () => {
  sandbox = await startTestSandbox();
});
after(async () => {
  await sandbox.close();
});

test('approves a keyed-in card (카유) and books it', async () => {
  const body = cardPayBody({ amount: 51000 });
  const reply = await post(sandbox.url, PAY, body);
  assert.equal(reply.params.outStatCd, '0021');
  assert.equal(reply.params.outRsltCd, '0000');
  assert.equal(reply.params.mchtTrdNo, body.params.mchtTrdNo);
  assert.match(reply.params.trdNo ?? '', /^STFP_PGCAnxca_jt_bi0\d{12}M\d{7}$/);
  assert.equal(reply.params.trdNo?.length, 40);
  assert.equal(dec(reply.data.trdAmt ?? ''), '51000');
  assert.equal(reply.data.cardNo, '111122******4444');
  assert.equal(reply.data.pktHash, body.data.pktHash);
  assert.match(reply.data.billKey ?? '', /^SBILL_/);
  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === reply.params.trdNo);
  assert.equal(booked?.status, 'APPROVED');
  assert.equal(booked?.amount, 51000);
});

test('accepts JSON sent without any Content-Type', async () => {
  const body = JSON.stringify(cardPayBody());
  const url = new URL(sandbox.url + PAY);
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-length': Buffer.byteLength(body) } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve(data));
    });
    req.on('error', reject);
    req.end(body);
  });
  assert.equal((JSON.parse(text) as Envelope).params.outRsltCd, '0000');
});

test('declines the limit-exceeded test card with CA31 and records the failure', async () => {
  const reply = await post(sandbox.url, PAY, cardPayBody({ cardNo: '4000000000000002' }));
  assert.equal(reply.params.outStatCd, '0031');
  assert.equal(reply.params.outRsltCd, 'CA31');
  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === reply.params.trdNo);
  assert.equal(booked?.status, 'FAILED');
});

test('rejects an expired card (CA20) and amounts outside 1,000–99,999,999 (CA42)', async () => {
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ year: '20' }))).params.outRsltCd, 'CA20');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ month: '13' }))).params.outRsltCd, 'CA20');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ amount: 999 }))).params.outRsltCd, 'CA42');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ amount: 100_000_000 }))).params.outRsltCd, 'CA42');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ amount: 1000 }))).params.outRsltCd, '0000');
});

test('카유비생 MID requires password digits (CA27) and birth date (CA30); 카유 MID does not', async () => {
  const gu = { mchtId: 'nxca_ks_gu' };
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ ...gu, birth: '991231' }))).params.outRsltCd, 'CA27');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ ...gu, password: '12' }))).params.outRsltCd, 'CA30');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ ...gu, password: '12', birth: '991331' }))).params.outRsltCd, 'CA30');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ ...gu, password: '12', birth: '991231' }))).params.outRsltCd, '0000');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ ...gu, password: '12', birth: '1234567890' }))).params.outRsltCd, '0000');
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ mchtId: 'nxca_jt_bi' }))).params.outRsltCd, '0000');
});

test('a reused mchtTrdNo is rejected with ST50', async () => {
  const body = cardPayBody();
  assert.equal((await post(sandbox.url, PAY, body)).params.outRsltCd, '0000');
  const again = await post(sandbox.url, PAY, body);
  assert.equal(again.params.outStatCd, '0031');
  assert.equal(again.params.outRsltCd, 'ST50');
});

test('of 50 concurrent requests with one mchtTrdNo exactly one is approved', async () => {
  const body = cardPayBody({ amount: 7000 });
  const replies = await Promise.all(Array.from({ length: 50 }, () => post(sandbox.url, PAY, body)));
  const codes = replies.map((r) => r.params.outRsltCd);
  assert.equal(codes.filter((c) => c === '0000').length, 1);
  assert.equal(codes.filter((c) => c === 'ST50').length, 49);
  const booked = (await transactions(sandbox.url)).filter((t) => t.mchtTrdNo === body.params.mchtTrdNo);
  assert.equal(booked.length, 1);
});

test('a wrong hash is rejected with 1901 and nothing is booked', async () => {
  const body = cardPayBody();
  body.data.pktHash = requestHash(body.params, '5001');
  const reply = await post(sandbox.url, PAY, body);
  assert.equal(reply.params.outStatCd, '0031');
  assert.equal(reply.params.outRsltCd, '1901');
  assert.equal((await transactions(sandbox.url)).some((t) => t.mchtTrdNo === body.params.mchtTrdNo), false);
  // The order number was not used up by the rejected request.
  const fixed = cardPayBody({ mchtTrdNo: body.params.mchtTrdNo });
  assert.equal((await post(sandbox.url, PAY, fixed)).params.outRsltCd, '0000');
});

test('a hash made with another license key is rejected with 1901', async () => {
  const body = cardPayBody();
  body.data.pktHash = requestHash(body.params, '5000', 'ST0000000000000000000');
  assert.equal((await post(sandbox.url, PAY, body)).params.outRsltCd, '1901');
});

test('a plain amount or a field encrypted with another key is rejected with 1902', async () => {
  const plain = cardPayBody();
  plain.data.trdAmt = '5000';
  assert.equal((await post(sandbox.url, PAY, plain)).params.outRsltCd, '1902');
  const otherKey = cardPayBody();
  otherKey.data.cardNo = enc('1111222233334444', 'abcdefghijklmnopqrstuvwxyz012345');
  assert.equal((await post(sandbox.url, PAY, otherKey)).params.outRsltCd, '1902');
});

test('missing fields answer their 10xx codes; unknown MIDs ST47; malformed JSON 6001', async () => {
  const noProduct = cardPayBody();
  delete noProduct.data.pmtprdNm;
  assert.equal((await post(sandbox.url, PAY, noProduct)).params.outRsltCd, '1008');
  const noAmount = cardPayBody();
  noAmount.data.trdAmt = '';
  assert.equal((await post(sandbox.url, PAY, noAmount)).params.outRsltCd, '1009');
  const noOrder = cardPayBody();
  noOrder.params.mchtTrdNo = '';
  assert.equal((await post(sandbox.url, PAY, noOrder)).params.outRsltCd, '1005');
  const unknown = cardPayBody();
  unknown.params.mchtId = 'nobody';
  assert.equal((await post(sandbox.url, PAY, unknown)).params.outRsltCd, 'ST47');
  const response = await fetch(sandbox.url + PAY, { method: 'POST', body: '{not json' });
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as Envelope).params.outRsltCd, '6001');
});

test('a window-only MID cannot take keyed-in payments (ST69)', async () => {
  assert.equal((await post(sandbox.url, PAY, cardPayBody({ mchtId: 'portone1' }))).params.outRsltCd, 'ST69');
});

test('inquiry reports approved, cancelled and failed payments, and ST06 for unknown ones', async () => {
  const approved = await post(sandbox.url, PAY, cardPayBody({ amount: 3000 }));
  const failed = await post(sandbox.url, PAY, cardPayBody({ cardNo: '4000000000000010' }));
  const inquire = async (orgTrdNo: string, orgMchtTrdNo: string, amount: string, orgTrdDt: string) => {
    const h = { mchtId: 'nxca_jt_bi', ver: '0A1M', mchtTrdNo: `INQ${Date.now()}${Math.random()}`, trdDt: orgTrdDt, trdTm: header('x', 'x', 'x').trdTm };
    return post(sandbox.url, '/spay/APITrdcheck.do', {
      params: h,
      data: { pktHash: requestHash(h, amount), method: 'CA', trdAmt: amount, orgTrdDt, orgMchtTrdNo, ...(orgTrdNo ? { orgTrdNo } : {}) },
    });
  };
  const ok = await inquire('', approved.params.mchtTrdNo ?? '', '3000', approved.params.trdDt ?? '');
  assert.equal(ok.params.outStatCd, '0021');
  assert.equal(ok.params.outRsltCd, '0000');
  assert.equal(ok.params.trdNo, approved.params.trdNo);
  assert.equal(ok.data.trdAmt, '3000');
  assert.equal(ok.data.cnclAmt, '0');

  const bad = await inquire(failed.params.trdNo ?? '', failed.params.mchtTrdNo ?? '', '5000', failed.params.trdDt ?? '');
  assert.equal(bad.params.outRsltCd, '0009');

  const missing = await inquire('', 'NO-SUCH-ORDER', '1000', approved.params.trdDt ?? '');
  assert.equal(missing.params.outStatCd, '0031');
  assert.equal(missing.params.outRsltCd, 'ST06');

  const farAway = await inquire('', approved.params.mchtTrdNo ?? '', '3000', '20200101');
  assert.equal(farAway.params.outRsltCd, 'ST06');
});
