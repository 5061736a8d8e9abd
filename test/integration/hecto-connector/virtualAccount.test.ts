import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HectoConnector } from '../../../src/pg/hecto/index.ts';
import { approved, channel, connectorFor, startNotificationReceiver, startTestSandbox } from './helpers.ts';

describe('Hecto connector: virtual accounts', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let connector: HectoConnector;
  let receiver: Awaited<ReturnType<typeof startNotificationReceiver>>;
  const mid = channel('nx_mid_il');

  before(async () => {
    sandbox = await startTestSandbox();
    connector = connectorFor(sandbox.url);
    receiver = await startNotificationReceiver(connector);
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  const issue = (amount: bigint) =>
    connector.issueVirtualAccount(mid, {
      amount,
      bankCode: '004',
      orderName: '테스트상품',
      sellerName: '헥토상점',
      customer: { name: '홍길동' },
      notificationUrl: receiver.url,
    });

  /** Hecto's testbed deposit simulator (GET APIVBankTest.do, bizType F1). */
  async function deposit(accountNumber: string, amount: bigint): Promise<string> {
    const query = new URLSearchParams({ mchtId: 'nx_mid_il', method: 'VA', bizType: 'F1', vAcntNo: accountNumber, trdAmt: String(amount) });
    const response = await fetch(`${sandbox.url}/spay/APIVBankTest.do?${query}`);
    return ((await response.json()) as { outRsltCd: string }).outRsltCd;
  }

  it('issues, changes, takes a deposit whose notification verifies, refunds in part, and reports each state', async () => {
    const issued = approved(await issue(15_000n));
    assert.match(issued.accountNumber, /^\d{14}$/);
    assert.equal(issued.bankCode, '004');
    assert.ok(issued.dueAt && issued.dueAt > new Date());
    const issuedNotice = await receiver.next((n) => n.pgTxId === issued.pgTxId && n.kind === 'VIRTUAL_ACCOUNT_ISSUED');
    assert.equal(issuedNotice.virtualAccount?.accountNumber, issued.accountNumber);

    const inquiry = {
      paymentMethod: 'VIRTUAL_ACCOUNT' as const,
      originalRequestId: issued.requestId,
      originalRequestedAt: issued.record.startedAt,
      originalAmount: 15_000n,
    };
    assert.equal(approved(await connector.inquire(mid, inquiry)).state, 'WAITING_FOR_DEPOSIT');

    const dueAt = new Date(Date.now() + 3 * 24 * 3600_000);
    const changed = approved(
      await connector.changeVirtualAccount(mid, { bankCode: '004', accountNumber: issued.accountNumber, amount: 12_000n, dueAt }),
    );
    assert.equal(changed.amount, 12_000n);
    assert.equal(Math.floor((changed.dueAt?.getTime() ?? 0) / 1000), Math.floor(dueAt.getTime() / 1000));

    assert.equal(await deposit(issued.accountNumber, 12_000n), '0000');
    const deposited = await receiver.next((n) => n.pgTxId === issued.pgTxId && n.kind === 'VIRTUAL_ACCOUNT_DEPOSITED');
    assert.equal(deposited.amount, 12_000n);
    assert.equal(deposited.requestId, issued.requestId);
    assert.equal(approved(await connector.inquire(mid, { ...inquiry, originalAmount: 12_000n })).state, 'PAID');

    const refund = approved(
      await connector.refundVirtualAccount(mid, {
        pgTxId: issued.pgTxId,
        amount: 2_000n,
        cancelSequence: 1,
        refundBankCode: '088',
        refundAccountNumber: '110123456789',
        refundAccountHolder: '홍길동',
      }),
    );
    assert.equal(refund.remainingAmount, 10_000n);
    assert.ok(!JSON.stringify(refund.record).includes('110123456789'), "the buyer's refund account stays out of the record");
    const overRefund = await connector.refundVirtualAccount(mid, {
      pgTxId: issued.pgTxId,
      amount: 20_000n,
      cancelSequence: 2,
      refundBankCode: '088',
      refundAccountNumber: '110123456789',
      refundAccountHolder: '홍길동',
    });
    assert.equal(overRefund.outcome === 'declined' && overRefund.reason, 'CANCEL_AMOUNT_EXCEEDED');
    assert.equal(approved(await connector.inquire(mid, { ...inquiry, originalAmount: 12_000n })).state, 'PARTIAL_CANCELLED');
  });

  it('rejects a deposit notice with a forged hash or a changed amount, and accepts the genuine one', async () => {
    const issued = approved(await issue(8_000n));
    assert.equal(await deposit(issued.accountNumber, 8_000n), '0000');
    const genuine = await receiver.rawMatching((body) => {
      const fields = new URLSearchParams(body);
      return fields.get('trdNo') === issued.pgTxId && fields.get('bizType') === 'B1';
    });
    assert.equal(connector.notificationMerchantId(genuine), 'nx_mid_il');
    const parsed = connector.parseNotification(mid, genuine);
    assert.ok(parsed.ok);
    assert.equal(parsed.ok && parsed.notification.kind, 'VIRTUAL_ACCOUNT_DEPOSITED');

    const forgedHash = new URLSearchParams(genuine);
    forgedHash.set('pktHash', 'f'.repeat(64));
    const rejected = connector.parseNotification(mid, forgedHash.toString());
    assert.equal(!rejected.ok && rejected.reason, 'BAD_SIGNATURE');

    const biggerAmount = new URLSearchParams(genuine);
    biggerAmount.set('trdAmt', '80000');
    const tampered = connector.parseNotification(mid, biggerAmount.toString());
    assert.equal(!tampered.ok && tampered.reason, 'BAD_SIGNATURE');

    const otherChannel = connector.parseNotification(channel('portone1'), genuine);
    assert.equal(!otherChannel.ok && otherChannel.reason, 'WRONG_MERCHANT');
    const malformed = connector.parseNotification(mid, 'outStatCd=0021');
    assert.equal(!malformed.ok && malformed.reason, 'MALFORMED');
  });

  it('cancels an issued account before deposit, and a deposit afterwards is refused', async () => {
    const issued = approved(await issue(5_000n));
    approved(await connector.cancelVirtualAccountIssue(mid, { pgTxId: issued.pgTxId, accountNumber: issued.accountNumber }));
    await receiver.next((n) => n.pgTxId === issued.pgTxId && n.kind === 'VIRTUAL_ACCOUNT_ISSUE_CANCELLED');
    assert.notEqual(await deposit(issued.accountNumber, 5_000n), '0000');
    const state = approved(
      await connector.inquire(mid, {
        paymentMethod: 'VIRTUAL_ACCOUNT',
        originalRequestId: issued.requestId,
        originalRequestedAt: issued.record.startedAt,
        originalAmount: 5_000n,
      }),
    );
    assert.equal(state.state, 'CANCELLED');
    const twice = await connector.cancelVirtualAccountIssue(mid, { pgTxId: issued.pgTxId, accountNumber: issued.accountNumber });
    assert.equal(twice.outcome === 'declined' && twice.reason, 'ALREADY_CANCELLED');
  });
});
