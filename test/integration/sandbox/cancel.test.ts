import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cancelBody, cardPayBody, dec, notificationHash, post, startReceiver, startTestSandbox, transactions } from './helpers.ts';

const PAY = '/spay/APICardActionPay.do';
const CANCEL = '/spay/APICancel.do';
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

async function approve(amount: number): Promise<string> {
  const reply = await post(sandbox.url, PAY, cardPayBody({ amount, notiUrl: receiver.url }));
  assert.equal(reply.params.outRsltCd, '0000');
  return reply.params.trdNo ?? '';
}

test('partial cancels run the balance down to zero, then CA12', async () => {
  const trdNo = await approve(10000);
  const first = await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 3000, '001'));
  assert.equal(first.params.outRsltCd, '0000');
  assert.equal(dec(first.data.cnclAmt ?? ''), '3000');
  assert.equal(dec(first.data.blcAmt ?? ''), '7000');
  assert.notEqual(first.params.trdNo, trdNo);

  const second = await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 7000, '002'));
  assert.equal(second.params.outRsltCd, '0000');
  assert.equal(dec(second.data.blcAmt ?? ''), '0');

  const third = await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 1000, '003'));
  assert.equal(third.params.outRsltCd, 'CA12');

  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === trdNo);
  assert.equal(booked?.status, 'CANCELLED');
  assert.equal(booked?.cancelledAmount, 10000);
});

test('over-cancel is ST57, a skipped round ST56, a repeated round ST25, an unknown payment ST06', async () => {
  const trdNo = await approve(5000);
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 5001, '001'))).params.outRsltCd, 'ST57');
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 1000, '002'))).params.outRsltCd, 'ST56');
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 1000, '001'))).params.outRsltCd, '0000');
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 1000, '001'))).params.outRsltCd, 'ST25');
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 4001, '002'))).params.outRsltCd, 'ST57');
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', 'STFP_PGCAnxca_jt_bi0000000000000M0000000', 1000, '001'))).params.outRsltCd, 'ST06');
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_ks_gu', trdNo, 1000, '002'))).params.outRsltCd, 'ST06');
});

test('concurrent cancels never exceed the payment', async () => {
  const trdNo = await approve(10000);
  const replies = await Promise.all(
    Array.from({ length: 10 }, () => post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 6000, '001'))),
  );
  assert.equal(replies.filter((r) => r.params.outRsltCd === '0000').length, 1);
  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === trdNo);
  assert.equal(booked?.cancelledAmount, 6000);
});

test('approval and cancel notifications reach notiUrl with a valid hash', async () => {
  const trdNo = await approve(8000);
  const cancel = await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 2000, '001'));
  const approval = await receiver.next((f) => f.trdNo === trdNo && f.bizType === 'B0');
  assert.equal(approval.outStatCd, '0021');
  assert.equal(approval.trdAmt, '8000');
  assert.equal(approval.cardNo, '111122******4444');
  assert.equal(approval.pktHash, notificationHash(approval));
  const cancelled = await receiver.next((f) => f.trdNo === cancel.params.trdNo);
  assert.equal(cancelled.bizType, 'C0');
  assert.equal(cancelled.orgTrdNo, trdNo);
  assert.equal(cancelled.trdAmt, '2000');
  assert.equal(cancelled.cnclType, '10');
  assert.equal(cancelled.pktHash, notificationHash(cancelled));
});

const arm = (fault: Record<string, unknown>) => fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify(fault) });

test('a dropped-reply fault books the cancel, then drops the connection; the next cancel answers again', async () => {
  const trdNo = await approve(9000);
  assert.equal((await arm({ path: 'APICancel.do', transport: 'drop' })).status, 201);
  await assert.rejects(post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 4000, '001')));
  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === trdNo);
  assert.equal(booked?.cancelledAmount, 4000);
  assert.equal(booked?.status, 'PARTIAL_CANCELLED');
  // The fault was for one request: the next round answers, and a repeat of round 001 is ST25.
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 1000, '001'))).params.outRsltCd, 'ST25');
  assert.deepEqual(((await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()) as { faults: unknown[] }).faults, []);
});

test('a hanging fault books nothing and holds the cancel open until the client gives up', async () => {
  const trdNo = await approve(9000);
  assert.equal((await arm({ path: '/spay/APICancel.do', transport: 'hang' })).status, 201);
  await assert.rejects(fetch(sandbox.url + CANCEL, { method: 'POST', body: JSON.stringify(cancelBody('nxca_jt_bi', trdNo, 4000, '001')), signal: AbortSignal.timeout(300) }));
  const booked = (await transactions(sandbox.url)).find((t) => t.trdNo === trdNo);
  assert.equal(booked?.cancelledAmount, 0);
  assert.equal((await post(sandbox.url, CANCEL, cancelBody('nxca_jt_bi', trdNo, 4000, '001'))).params.outRsltCd, '0000');
});

test('a fault needs a known server-API path and transport', async () => {
  assert.equal((await arm({ path: 'APINope.do', transport: 'drop' })).status, 400);
  assert.equal((await arm({ path: 'APICancel.do', transport: 'explode' })).status, 400);
  assert.equal((await arm({ path: 'APICancel.do', transport: 'drop', times: 0 })).status, 400);
  assert.equal((await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' })).status, 200);
});
