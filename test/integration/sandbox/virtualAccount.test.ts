import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dec, enc, header, kst, notificationHash, post, requestHash, startReceiver, startTestSandbox, transactions } from './helpers.ts';

const VBANK = '/spay/APIVBank.do';
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

before(async () => {
  sandbox = await startTestSandbox();
  receiver = await startReceiver();
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

async function issue(amount: number, mchtId = 'nx_mid_il', extra: Record<string, string> = {}) {
  const h = header(mchtId, 'VA', 'A0');
  return post(sandbox.url, VBANK, {
    params: h,
    data: {
      pktHash: requestHash(h, String(amount)),
      bankCd: '004',
      acntType: '1',
      prdtNm: '테스트상품',
      sellerNm: '헥토파이낸셜',
      ordNm: '홍길동',
      trdAmt: enc(String(amount)),
      escrAgrYn: 'N',
      csrcIssReqYn: 'N',
      taxTypeCd: 'N',
      notiUrl: receiver.url,
      ...extra,
    },
  });
}

async function deposit(mchtId: string, vAcntNo: string, amount: number) {
  const response = await fetch(`${sandbox.url}/spay/APIVBankTest.do?mchtId=${mchtId}&method=VA&bizType=F1&vAcntNo=${vAcntNo}&trdAmt=${amount}`);
  return (await response.json()) as { outRsltCd: string; method: string; bizType: string };
}

test('issues an account, notifies 0051, takes the test deposit and notifies 0021/B1', async () => {
  const issued = await issue(15000);
  assert.equal(issued.params.outRsltCd, '0000');
  const trdNo = issued.params.trdNo ?? '';
  const vAcntNo = dec(issued.data.vAcntNo ?? '');
  assert.match(vAcntNo, /^\d{14}$/);
  assert.equal(dec(issued.data.trdAmt ?? ''), '15000');
  assert.equal(issued.data.bankCd, '004');
  assert.match(issued.data.expireDate ?? '', /^\d{8}235959$/);

  const waiting = await receiver.next((f) => f.trdNo === trdNo && f.outStatCd === '0051');
  assert.equal(waiting.bizType, 'A0');
  assert.equal(waiting.vAcntNo, vAcntNo);
  assert.equal(waiting.pktHash, notificationHash(waiting));

  assert.equal((await deposit('nx_mid_il', vAcntNo, 14999)).outRsltCd, 'ST19');
  const deposited = await deposit('nx_mid_il', vAcntNo, 15000);
  assert.deepEqual(deposited.outRsltCd, '0000');
  const notice = await receiver.next((f) => f.trdNo === trdNo && f.bizType === 'B1');
  assert.equal(notice.outStatCd, '0021');
  assert.equal(notice.trdAmt, '15000');
  assert.equal(notice.pktHash, notificationHash(notice));
  assert.equal((await deposit('nx_mid_il', vAcntNo, 15000)).outRsltCd, 'ST03');

  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === trdNo);
  assert.equal(booked?.status, 'VA_DEPOSITED');
});

test('refunds a deposited account in rounds; a waiting account cannot be refunded', async () => {
  const issued = await issue(20000);
  const trdNo = issued.params.trdNo ?? '';
  const vAcntNo = dec(issued.data.vAcntNo ?? '');
  const refund = (amount: number, cnclOrd: string) => {
    const h = header('nx_mid_il', 'VA', 'C0');
    return post(sandbox.url, '/spay/APIRefund.do', {
      params: h,
      data: {
        pktHash: requestHash(h, String(amount)),
        orgTrdNo: trdNo,
        crcCd: 'KRW',
        cnclOrd,
        cnclAmt: enc(String(amount)),
        refundBankCd: '011',
        refundAcntNo: enc('1234567890'),
        refundDpstrNm: '홍길동',
      },
    });
  };
  assert.equal((await refund(1000, '001')).params.outRsltCd, 'ST06');
  await deposit('nx_mid_il', vAcntNo, 20000);
  const first = await refund(5000, '001');
  assert.equal(first.params.outRsltCd, '0000');
  assert.equal(dec(first.data.blcAmt ?? ''), '15000');
  assert.equal((await refund(15001, '002')).params.outRsltCd, 'ST57');
  assert.equal((await refund(15000, '002')).params.outRsltCd, '0000');
  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === trdNo);
  assert.equal(booked?.status, 'VA_REFUNDED');
});

test('changes amount and deadline, then cancels the issue; deposits are refused afterwards', async () => {
  const issued = await issue(3000);
  const trdNo = issued.params.trdNo ?? '';
  const vAcntNo = dec(issued.data.vAcntNo ?? '');
  const tomorrow = kst(new Date(Date.now() + 86_400_000)).trdDt;

  const h1 = header('nx_mid_il', 'VA', 'A1');
  const changed = await post(sandbox.url, VBANK, {
    params: h1,
    data: { pktHash: requestHash(h1, '4000'), bankCd: '004', vAcntNo: enc(vAcntNo), expireDate: `${tomorrow}235959`, trdAmt: enc('4000'), acntType: '1' },
  });
  assert.equal(changed.params.outRsltCd, '0000');
  assert.equal(dec(changed.data.trdAmt ?? ''), '4000');
  assert.equal(changed.data.expireDate, `${tomorrow}235959`);

  const h2 = header('nx_mid_il', 'VA', 'A2');
  const cancelled = await post(sandbox.url, VBANK, {
    params: h2,
    data: { pktHash: requestHash(h2, '0'), orgTrdNo: trdNo, vAcntNo: enc(vAcntNo) },
  });
  assert.equal(cancelled.params.outRsltCd, '0000');
  const notice = await receiver.next((f) => f.trdNo === trdNo && f.bizType === 'A2');
  assert.equal(notice.pktHash, notificationHash(notice));
  assert.notEqual((await deposit('nx_mid_il', vAcntNo, 4000)).outRsltCd, '0000');
  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === trdNo);
  assert.equal(booked?.status, 'VA_ISSUE_CANCELLED');
});

test('an account past its deadline expires and refuses the deposit (5002)', async () => {
  let now = new Date();
  const clocked = await startTestSandbox({ clock: () => now });
  try {
    const h = header('nx_mid_il', 'VA', 'A0', now);
    const issued = await post(clocked.url, VBANK, {
      params: h,
      data: { pktHash: requestHash(h, '1000'), bankCd: '011', acntType: '1', prdtNm: 'p', sellerNm: 's', trdAmt: enc('1000') },
    });
    const vAcntNo = dec(issued.data.vAcntNo ?? '');
    now = new Date(now.getTime() + 11 * 86_400_000);
    const response = await fetch(`${clocked.url}/spay/APIVBankTest.do?mchtId=nx_mid_il&method=VA&bizType=F1&vAcntNo=${vAcntNo}&trdAmt=1000`);
    assert.equal(((await response.json()) as { outRsltCd: string }).outRsltCd, '5002');
    assert.equal((await transactions(clocked.url))[0]?.status, 'VA_EXPIRED');
  } finally {
    await clocked.close();
  }
});

test('fixed accounts (nxva_fix) use the published numbers, one order at a time', async () => {
  const fixed = { acntType: '2', vAcntNo: enc('2022004000007') };
  const issued = await issue(1000, 'nxva_fix', fixed);
  assert.equal(issued.params.outRsltCd, '0000');
  assert.equal(dec(issued.data.vAcntNo ?? ''), '2022004000007');
  assert.equal((await issue(1000, 'nxva_fix', fixed)).params.outRsltCd, 'ST08');
  assert.equal((await issue(1000, 'nxva_fix', { acntType: '2', vAcntNo: enc('2022004000099') })).params.outRsltCd, '6001');
  assert.equal((await issue(1000, 'nxva_fix')).params.outRsltCd, 'ST69');
});

test('a per-MID notice URL receives the deposit notice', async () => {
  const midReceiver = await startReceiver();
  try {
    const set = await fetch(`${sandbox.url}/__sandbox/merchants/portone1/notice-url`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: midReceiver.url }),
    });
    assert.equal(set.status, 200);
    const issued = await issue(2000, 'portone1');
    const vAcntNo = dec(issued.data.vAcntNo ?? '');
    await deposit('portone1', vAcntNo, 2000);
    const notice = await midReceiver.next((f) => f.trdNo === issued.params.trdNo && f.bizType === 'B1');
    assert.equal(notice.pktHash, notificationHash(notice));
  } finally {
    await midReceiver.close();
  }
});
