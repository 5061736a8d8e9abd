import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { approved, card, channel, connectorFor, startTestSandbox } from './helpers.ts';

interface ListedTransaction {
  trdNo: string;
  mchtTrdNo: string;
  mchtId: string;
  method: string;
  status: string;
  amount: number;
  cancelledAmount: number;
  billKey?: string;
  createdAt: string;
}

async function listed(url: string, mchtId?: string): Promise<ListedTransaction[]> {
  const response = await fetch(`${url}/__sandbox/transactions${mchtId ? `?mchtId=${mchtId}` : ''}`);
  return ((await response.json()) as { transactions: ListedTransaction[] }).transactions;
}

describe('simulator ledger persistence', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'paymux-sandbox-ledger-'));
  const file = path.join(dir, 'nested', 'sandbox-ledger.json');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart: payments, cancels, billing keys, VA state and used order numbers', async () => {
    const cardNumber = '5412345678901234';
    const first = await startTestSandbox({ persistFile: file });
    const connector = connectorFor(first.url);
    const payment = approved(await connector.approveKeyIn(channel('nxca_jt_bi'), { card: card(cardNumber), amount: 10_000n, orderName: '상품' }));
    approved(await connector.cancel(channel('nxca_jt_bi'), { pgTxId: payment.pgTxId, amount: 4_000n, cancelSequence: 1 }));
    const account = approved(
      await connector.issueVirtualAccount(channel('nx_mid_il'), { amount: 3_000n, bankCode: '011', orderName: '상품', sellerName: '상점' }),
    );
    const before = await listed(first.url);
    await first.close();

    const stored = readFileSync(file, 'utf8');
    assert.ok(!stored.includes(cardNumber), 'the ledger file holds no card number');
    assert.ok(stored.includes('541234******1234'));

    const second = await startTestSandbox({ persistFile: file });
    try {
      const again = connectorFor(second.url);
      assert.deepEqual(await listed(second.url), before);

      const state = approved(
        await again.inquire(channel('nxca_jt_bi'), {
          paymentMethod: 'CARD',
          originalRequestId: payment.requestId,
          originalRequestedAt: payment.record.startedAt,
          originalAmount: 10_000n,
        }),
      );
      assert.equal(state.state, 'PARTIAL_CANCELLED');
      assert.equal(state.cancelledAmount, 4_000n);
      // The cancel round continues where it was.
      assert.equal(approved(await again.cancel(channel('nxca_jt_bi'), { pgTxId: payment.pgTxId, amount: 6_000n, cancelSequence: 2 })).remainingAmount, 0n);
      // The billing key issued with the approval still charges.
      assert.ok(payment.billingKey);
      approved(await again.payWithBillingKey(channel('nxca_jt_bi'), { billingKey: payment.billingKey, amount: 1_000n, orderName: '정기' }));
      // The used order number is still used.
      const duplicate = await again.approveKeyIn(channel('nxca_jt_bi'), { requestId: payment.requestId, card: card(), amount: 1_000n, orderName: '상품' });
      assert.equal(duplicate.outcome === 'declined' && duplicate.reason, 'DUPLICATE_ORDER');
      // The virtual account still takes its deposit.
      const query = new URLSearchParams({ mchtId: 'nx_mid_il', method: 'VA', bizType: 'F1', vAcntNo: account.accountNumber, trdAmt: '3000' });
      assert.equal(((await (await fetch(`${second.url}/spay/APIVBankTest.do?${query}`)).json()) as { outRsltCd: string }).outRsltCd, '0000');
    } finally {
      await second.close();
    }

    // What happened after the restart was persisted as well.
    const third = await startTestSandbox({ persistFile: file });
    try {
      const rows = await listed(third.url);
      assert.equal(rows.find((t) => t.trdNo === payment.pgTxId)?.status, 'CANCELLED');
      assert.equal(rows.find((t) => t.trdNo === account.pgTxId)?.status, 'VA_DEPOSITED');
    } finally {
      await third.close();
    }
  });

  it('lists the ledger with the documented fields, filtered by mchtId', async () => {
    const sandbox = await startTestSandbox();
    try {
      const connector = connectorFor(sandbox.url);
      approved(await connector.approveKeyIn(channel('nxca_jt_bi'), { card: card(), amount: 2_000n, orderName: '상품' }));
      approved(await connector.approveKeyIn(channel('nxca_ks_gu'), { card: card('1111222233334444', { passwordTwoDigits: '00', birthOrBusinessNumber: '1234567890' }), amount: 2_000n, orderName: '상품' }));
      const rows = await listed(sandbox.url, 'nxca_jt_bi');
      assert.equal(rows.length, 1);
      const [row] = rows;
      assert.ok(row);
      for (const field of ['trdNo', 'mchtTrdNo', 'mchtId', 'method', 'status', 'amount', 'cancelledAmount', 'billKey', 'createdAt']) {
        assert.ok(field in row, field);
      }
      assert.equal(row.mchtId, 'nxca_jt_bi');
      assert.equal(row.method, 'CA');
      assert.equal(row.status, 'APPROVED');
      assert.equal(row.amount, 2_000);
      assert.equal(row.cancelledAmount, 0);
      assert.ok(!Number.isNaN(Date.parse(row.createdAt)));
      assert.equal((await listed(sandbox.url)).length, 2);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses to start on a file that is not a ledger instead of silently dropping it', async () => {
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"hello": 1}');
    await assert.rejects(startTestSandbox({ persistFile: broken }), /not a sandbox ledger file/);
  });
});
