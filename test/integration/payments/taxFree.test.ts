/**
 * Tax-free parts (면세) through `@portone/server-sdk`: a payment with `amount.taxFree` tells Hecto
 * its compound-tax split, each cancel carries its tax-free part to the PG (the simulator books it
 * and keeps the tax-free balance), `cancelledTaxFree` follows, over-asking answers PortOne's
 * errors, and a cancel the PG makes on its own (the nightly one) books the tax-free part left.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Payment, PaymentClient } from '@portone/server-sdk';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, keyInCard, sandboxLedger, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

interface LedgerRow {
  trdNo: string;
  amount: number;
  taxFreeAmount: number;
  cancelledAmount: number;
  cancelledTaxFreeAmount: number;
  cancels: { amount: number; taxFreeAmount: number; nightly: boolean }[];
}

for (const kind of databaseKinds) {
  describe(`tax-free parts of payments and cancels (${kind})`, () => {
    let env: PaymentsTestEnv;
    let payment: ReturnType<typeof PaymentClient>;
    let seq = 0;
    const id = (name: string) => `${name}-${kind}-${Date.now()}-${++seq}`;

    before(async () => {
      env = await startPaymentsEnv(kind);
      payment = PaymentClient({ secret: env.t.demo.apiSecret, baseUrl: env.url });
    });
    after(async () => env?.close());

    const pay = async (paymentId: string, total: number, taxFree: number) =>
      (
        await payment.payInstantly({
          paymentId,
          channelKey: channelKeyOf(env.t, 'nxca_jt_bi'),
          method: { card: { credential: keyInCard } },
          orderName: '면세 상품',
          amount: { total, taxFree },
          currency: 'KRW',
        })
      ).payment.pgTxId!;
    const atPg = async (pgTxId: string) => (await sandboxLedger(env.sandboxUrl)).find((tx) => tx.trdNo === pgTxId) as unknown as LedgerRow;
    const amountOf = async (paymentId: string) => {
      const got = await payment.getPayment({ paymentId });
      assert.ok('amount' in got && got.amount);
      return got.amount;
    };
    /** A cancellation's total and tax-free part (the SDK's type is a union with its unrecognised variant). */
    const parts = (c: unknown) => {
      const known = c as { totalAmount: number; taxFreeAmount: number };
      return [known.totalAmount, known.taxFreeAmount];
    };
    const refusedAs = (type: string) => (e: unknown) => e instanceof Payment.CancelPaymentError && e.data.type === type;

    it('a partial cancel with taxFreeAmount books that part here and at the PG; exceeding the tax-free balance is refused', async () => {
      const paymentId = id('tax-free');
      const pgTxId = await pay(paymentId, 10_000, 4_000);
      assert.equal((await amountOf(paymentId)).taxFree, 4_000);
      // Hecto was told the split.
      assert.equal((await atPg(pgTxId)).taxFreeAmount, 4_000);

      const first = await payment.cancelPayment({ paymentId, amount: 3_000, taxFreeAmount: 1_000, reason: '일부 면세 취소' });
      assert.deepEqual(parts(first.cancellation), [3_000, 1_000]);
      let amount = await amountOf(paymentId);
      assert.equal(amount.cancelled, 3_000);
      assert.equal(amount.cancelledTaxFree, 1_000);
      let ledger = await atPg(pgTxId);
      assert.deepEqual(ledger.cancels.map((c) => [c.amount, c.taxFreeAmount]), [[3_000, 1_000]]);
      assert.equal(ledger.cancelledTaxFreeAmount, 1_000);

      // 3,000 tax-free left: asking for 3,500 is PortOne's tax-free error, and nothing moves.
      await assert.rejects(
        payment.cancelPayment({ paymentId, amount: 4_000, taxFreeAmount: 3_500, reason: '면세 초과' }),
        refusedAs('CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT'),
      );
      // 4,000 taxable left: a 5,000 cancel said to be all taxable exceeds it.
      await assert.rejects(
        payment.cancelPayment({ paymentId, amount: 5_000, taxFreeAmount: 0, reason: '과세 초과' }),
        refusedAs('CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT'),
      );
      amount = await amountOf(paymentId);
      assert.equal(amount.cancelled, 3_000);
      assert.equal(amount.cancelledTaxFree, 1_000);
      assert.equal((await atPg(pgTxId)).cancels.length, 1);

      // A partial cancel without taxFreeAmount is taxable (PortOne's default) …
      const taxable = await payment.cancelPayment({ paymentId, amount: 2_000, reason: '과세 취소' });
      assert.deepEqual(parts(taxable.cancellation), [2_000, 0]);
      // … and the full cancel of the rest takes the tax-free part left.
      const rest = await payment.cancelPayment({ paymentId, reason: '나머지 전액' });
      assert.deepEqual(parts(rest.cancellation), [5_000, 3_000]);
      amount = await amountOf(paymentId);
      assert.equal(amount.cancelled, 10_000);
      assert.equal(amount.cancelledTaxFree, 4_000);
      ledger = await atPg(pgTxId);
      assert.deepEqual(ledger.cancels.map((c) => [c.amount, c.taxFreeAmount]), [[3_000, 1_000], [2_000, 0], [5_000, 3_000]]);
      assert.equal(ledger.cancelledTaxFreeAmount, 4_000);
    });

    it('a cancel the PG makes on its own (the nightly auto-cancel) books the tax-free part left', async () => {
      const paymentId = id('tax-free-nightly');
      const pgTxId = await pay(paymentId, 9_000, 2_500);
      await payment.cancelPayment({ paymentId, amount: 1_000, taxFreeAmount: 500, reason: '일부' });
      await fetch(`${env.sandboxUrl}/__sandbox/nightly-cancel`, { method: 'POST' });
      const deadline = Date.now() + 10_000;
      let got = await payment.getPayment({ paymentId });
      while (got.status !== 'CANCELLED' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        got = await payment.getPayment({ paymentId });
      }
      assert.equal(got.status, 'CANCELLED');
      if (got.status !== 'CANCELLED') return;
      assert.equal(got.amount.cancelled, 9_000);
      assert.equal(got.amount.cancelledTaxFree, 2_500);
      assert.deepEqual(got.cancellations.map(parts), [[1_000, 500], [8_000, 2_000]]);
      const ledger = await atPg(pgTxId);
      assert.equal(ledger.cancelledTaxFreeAmount, 2_500);
      assert.deepEqual(ledger.cancels.map((c) => [c.amount, c.taxFreeAmount, c.nightly]), [[1_000, 500, false], [8_000, 2_000, true]]);
    });
  });
}
