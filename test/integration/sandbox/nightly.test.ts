import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardPayBody, notificationHash, post, startReceiver, startTestSandbox, transactions } from './helpers.ts';
import { nextNightlyRun } from '../../../src/sandbox/nightly.ts';

let now = new Date('2030-03-10T05:00:00Z'); // 14:00 KST
let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

before(async () => {
  sandbox = await startTestSandbox({ clock: () => now });
  receiver = await startReceiver();
});
after(async () => {
  await sandbox.close();
  await receiver.close();
});

test("nightly cancel cancels today's still-approved test payments and notifies C0", async () => {
  const yesterday = await post(sandbox.url, '/spay/APICardActionPay.do', cardPayBody({ amount: 1000, at: now }));
  now = new Date('2030-03-11T05:00:00Z');
  const today = await post(sandbox.url, '/spay/APICardActionPay.do', cardPayBody({ amount: 6000, at: now, notiUrl: receiver.url }));
  const declined = await post(sandbox.url, '/spay/APICardActionPay.do', cardPayBody({ at: now, cardNo: '4000000000000002' }));
  assert.equal(today.params.outRsltCd, '0000');
  assert.equal(declined.params.outRsltCd, 'CA31');

  now = new Date('2030-03-11T14:20:00Z'); // 23:20 KST
  const response = await fetch(`${sandbox.url}/__sandbox/nightly-cancel`, { method: 'POST' });
  const { cancelled } = (await response.json()) as { cancelled: string[] };
  assert.deepEqual(cancelled, [today.params.trdNo]);

  const ledger = await transactions(sandbox.url);
  assert.equal(ledger.find((t) => t.trdNo === today.params.trdNo)?.status, 'CANCELLED');
  assert.equal(ledger.find((t) => t.trdNo === yesterday.params.trdNo)?.status, 'APPROVED');
  assert.equal(ledger.find((t) => t.trdNo === declined.params.trdNo)?.status, 'FAILED');

  const notice = await receiver.next((f) => f.orgTrdNo === today.params.trdNo && f.bizType === 'C0');
  assert.equal(notice.trdAmt, '6000');
  assert.equal(notice.cnclType, '00');
  assert.equal(notice.trdDtm, '20300311232000');
  assert.equal(notice.pktHash, notificationHash(notice));
});

test('the nightly run falls between 23:00 and 23:50 Korean time', () => {
  const at = new Date('2030-03-11T05:00:00Z');
  assert.equal(nextNightlyRun(at, () => 0).toISOString(), '2030-03-11T14:00:00.000Z');
  assert.equal(nextNightlyRun(at, () => 0.999999).toISOString().slice(0, 16), '2030-03-11T14:49');
  const late = new Date('2030-03-11T14:55:00Z'); // 23:55 KST
  assert.equal(nextNightlyRun(late, () => 0).toISOString(), '2030-03-12T14:00:00.000Z');
});
