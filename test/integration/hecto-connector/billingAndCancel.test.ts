import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { HectoConnector } from '../../../src/pg/hecto/index.ts';
import { approved, card, channel, connectorFor, fullCard, startNotificationReceiver, startTestSandbox } from './helpers.ts';

describe('Hecto connector: billing keys and cancels', () => {
  let sandbox: Awaited<ReturnType<typeof startTestSandbox>>;
  let connector: HectoConnector;
  let receiver: Awaited<ReturnType<typeof startNotificationReceiver>>;

  before(async () => {
    sandbox = await startTestSandbox();
    connector = connectorFor(sandbox.url);
    receiver = await startNotificationReceiver(connector);
  });
  after(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('issues a billing key on nxca_ks_gu, pays with it, deletes it, and a deleted key is declined', async () => {
    const mid = channel('nxca_ks_gu');
    const issued = approved(await connector.issueBillingKey(mid, { card: fullCard(), customer: { id: 'cust-7' } }));
    assert.match(issued.billingKey.reveal(), /^SBILL_PGCAnxca_ks_gu/);
    assert.equal(issued.card.maskedNumber, '111122******4444');
    assert.ok(!JSON.stringify(issued.billingKey).includes('SBILL'), 'a billing key prints as [secret]');

    const paid = approved(await connector.payWithBillingKey(mid, { billingKey: issued.billingKey, amount: 9_900n, orderName: '정기결제' }));
    assert.equal(paid.amount, 9_900n);
    assert.ok(!JSON.stringify(paid.record).includes(issued.billingKey.reveal()), 'the record hides the billing key');

    approved(await connector.deleteBillingKey(mid, { billingKey: issued.billingKey }));
    const afterDelete = await connector.payWithBillingKey(mid, { billingKey: issued.billingKey, amount: 9_900n, orderName: '정기결제' });
    assert.equal(afterDelete.outcome === 'declined' && afterDelete.reason, 'CUSTOMER_NOT_FOUND');
  });

  it('a billing key of a declining card keeps declining when charged', async () => {
    const mid = channel('nxca_jt_bi');
    const issued = await connector.issueBillingKey(mid, { card: card('4000000000000002') });
    assert.equal(issued.outcome === 'declined' && issued.code, 'CA31');
  });

  it('cancels partially in rounds, refuses an over-cancel and a wrong round, then cancels the rest', async () => {
    const mid = channel('nxca_jt_bi');
    const payment = approved(
      await connector.approveKeyIn(mid, { card: card(), amount: 10_000n, orderName: '상품', notificationUrl: receiver.url }),
    );
    const first = approved(await connector.cancel(mid, { pgTxId: payment.pgTxId, amount: 3_000n, cancelSequence: 1, reason: '부분취소' }));
    assert.equal(first.cancelledAmount, 3_000n);
    assert.equal(first.remainingAmount, 7_000n);
    assert.notEqual(first.pgTxId, payment.pgTxId);

    const over = await connector.cancel(mid, { pgTxId: payment.pgTxId, amount: 8_000n, cancelSequence: 2 });
    assert.equal(over.outcome === 'declined' && over.code, 'ST57');
    assert.equal(over.outcome === 'declined' && over.reason, 'CANCEL_AMOUNT_EXCEEDED');
    const wrongRound = await connector.cancel(mid, { pgTxId: payment.pgTxId, amount: 1_000n, cancelSequence: 3 });
    assert.equal(wrongRound.outcome === 'declined' && wrongRound.reason, 'CANCEL_ROUND_MISMATCH');

    const partial = approved(
      await connector.inquire(mid, {
        paymentMethod: 'CARD',
        originalRequestId: payment.requestId,
        originalRequestedAt: payment.record.startedAt,
        originalAmount: 10_000n,
        pgTxId: payment.pgTxId,
      }),
    );
    assert.equal(partial.state, 'PARTIAL_CANCELLED');
    assert.equal(partial.cancelledAmount, 3_000n);

    const rest = approved(await connector.cancel(mid, { pgTxId: payment.pgTxId, amount: 7_000n, cancelSequence: 2 }));
    assert.equal(rest.remainingAmount, 0n);
    const again = await connector.cancel(mid, { pgTxId: payment.pgTxId, amount: 1_000n, cancelSequence: 3 });
    assert.equal(again.outcome === 'declined' && again.reason, 'ALREADY_CANCELLED');

    const cancelled = approved(
      await connector.inquire(mid, {
        paymentMethod: 'CARD',
        originalRequestId: payment.requestId,
        originalRequestedAt: payment.record.startedAt,
        originalAmount: 10_000n,
      }),
    );
    assert.equal(cancelled.state, 'CANCELLED');

    const notices = await Promise.all([
      receiver.next((n) => n.kind === 'CANCELLED' && n.originalPgTxId === payment.pgTxId && n.amount === 3_000n),
      receiver.next((n) => n.kind === 'CANCELLED' && n.originalPgTxId === payment.pgTxId && n.amount === 7_000n),
    ]);
    assert.deepEqual(notices.map((n) => n.partial), [true, true]);
    assert.equal(notices[0].requestId, payment.requestId);
  });
});
