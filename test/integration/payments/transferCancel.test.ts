/**
 * 계좌이체 (bank transfer) through the payment window, then cancelled in full and in part through
 * V2 and V1: paymux cancels it as a transfer (Hecto APICancel.do with method RA / bizType C0), and
 * the simulator's ledger agrees with paymux on what is left.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { fixedClock } from '../../../src/domain/clock.ts';
import { inquireCall, syncNightlyTestCancels } from '../../../src/services/payments/recovery.ts';
import { pgCalls } from '../../../src/store/schema.ts';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';
import { payTransferInWindow } from '../../support/windowHttp.ts';

interface LedgerEntry {
  trdNo: string;
  mchtTrdNo: string;
  method: string;
  status: string;
  amount: number;
  cancelledAmount: number;
  cancels: { cnclOrd: string; amount: number }[];
}

for (const kind of databaseKinds) {
  describe(`bank transfer through the window, cancelled (${kind})`, () => {
    let env: PaymentsTestEnv;
    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${env.url}${path}`, {
        method,
        headers: { authorization: `PortOne ${env.t.demo.apiSecret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const v1 = async (method: string, path: string, body?: unknown, token?: string) => {
      const response = await fetch(`${env.url}/v1${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as { code: number; message: string | null; response: Record<string, any> } };
    };
    const token = async () => (await v1('POST', '/users/getToken', { imp_key: env.t.demo.impKey, imp_secret: env.t.demo.impSecret })).body.response.access_token as string;
    const ledgerEntry = async (pgTxId: string): Promise<LedgerEntry> => {
      const body = (await (await fetch(`${env.sandboxUrl}/__sandbox/transactions?mchtId=portone1`)).json()) as { transactions: LedgerEntry[] };
      const entry = body.transactions.find((t) => t.trdNo === pgTxId);
      assert.ok(entry, `the simulator knows ${pgTxId}`);
      return entry;
    };

    /** A V2 TRANSFER payment paid through paymux's checkout routes and the simulator's bank window. */
    const payByTransferV2 = async (paymentId: string, amount: number) => {
      const opened = await fetch(`${env.url}/checkout/api/v2/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          windowType: 'IFRAME',
          request: { storeId: env.t.demo.storeId, channelKey: channelKeyOf(env.t, 'portone1'), paymentId, orderName: '계좌이체 상품', totalAmount: amount, currency: 'KRW', payMethod: 'TRANSFER' },
        }),
      });
      assert.equal(opened.status, 200, await opened.clone().text());
      const { txId } = (await opened.json()) as { txId: string };
      const page = await payTransferInWindow(env.url, txId, '004');
      assert.match(page, /data-state="PAID"/);
      await env.sandbox.sandbox.notifier.idle();
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.status, 'PAID', JSON.stringify(payment));
      assert.equal(payment.method.type, 'PaymentMethodTransfer');
      return payment;
    };

    before(async () => {
      env = await startPaymentsEnv(kind, { pgTimeoutMs: 1500, sandbox: { slowReplyMs: 2500 } });
    });
    after(async () => env?.close());

    it('V2: a partial cancel, then the rest; the ledger shows an RA payment cancelled in two rounds', async () => {
      const paymentId = `trans-v2-${kind}`;
      const paid = await payByTransferV2(paymentId, 20_000);
      const pgTxId = paid.pgTxId as string;
      assert.equal((await ledgerEntry(pgTxId)).method, 'RA');

      const partial = await api('POST', `/payments/${paymentId}/cancel`, { amount: 5_000, reason: '부분 환불' });
      assert.equal(partial.status, 200, JSON.stringify(partial.body));
      assert.equal(partial.body.cancellation.status, 'SUCCEEDED');
      let payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.status, 'PARTIAL_CANCELLED');
      assert.equal(payment.amount.cancelled, 5_000);
      let entry = await ledgerEntry(pgTxId);
      assert.deepEqual([entry.status, entry.cancelledAmount, entry.cancels.map((c) => c.cnclOrd)], ['PARTIAL_CANCELLED', 5_000, ['001']]);

      const rest = await api('POST', `/payments/${paymentId}/cancel`, { reason: '나머지 환불' });
      assert.equal(rest.status, 200, JSON.stringify(rest.body));
      assert.equal(rest.body.cancellation.totalAmount, 15_000);
      payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.status, 'CANCELLED');
      assert.equal(payment.amount.cancelled, 20_000);
      entry = await ledgerEntry(pgTxId);
      assert.deepEqual([entry.status, entry.cancelledAmount, entry.cancels.map((c) => c.cnclOrd)], ['CANCELLED', 20_000, ['001', '002']]);

      // Nothing left: refused by paymux before the PG is asked (the ledger is unchanged).
      const again = await api('POST', `/payments/${paymentId}/cancel`, { reason: '또' });
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.equal(again.body.type, 'PAYMENT_ALREADY_CANCELLED');
      assert.equal((await ledgerEntry(pgTxId)).cancels.length, 2);
      // The cancels' notices (RA/C0) were taken as the cancels paymux made, not as new ones.
      await env.sandbox.sandbox.notifier.idle();
      payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.cancellations.length, 2);
    });

    it('V1: IMP-style trans payment through the window, cancelled partly then fully by POST /payments/cancel', async () => {
      const merchantUid = `trans-v1-${kind}`;
      const opened = await fetch(`${env.url}/checkout/api/v1/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          windowType: 'IFRAME',
          merchantCode: env.t.demo.merchantCode,
          params: { pg: 'settle.portone1', pay_method: 'trans', merchant_uid: merchantUid, name: '계좌이체', amount: 15_000 },
        }),
      });
      assert.equal(opened.status, 200, await opened.clone().text());
      const { txId } = (await opened.json()) as { txId: string };
      await payTransferInWindow(env.url, txId, '088');
      await env.sandbox.sandbox.notifier.idle();

      const t = await token();
      const found = await v1('GET', `/payments/find/${merchantUid}`, undefined, t);
      assert.equal(found.body.response.status, 'paid', JSON.stringify(found.body));
      assert.equal(found.body.response.pay_method, 'trans');
      const pgTxId = found.body.response.pg_tid as string;

      const partial = await v1('POST', '/payments/cancel', { merchant_uid: merchantUid, amount: 4_000, reason: '부분' }, t);
      assert.equal(partial.body.code, 0, JSON.stringify(partial.body));
      assert.equal(partial.body.response.cancel_amount, 4_000);
      assert.equal(partial.body.response.status, 'paid');
      let entry = await ledgerEntry(pgTxId);
      assert.deepEqual([entry.method, entry.status, entry.cancelledAmount], ['RA', 'PARTIAL_CANCELLED', 4_000]);

      const full = await v1('POST', '/payments/cancel', { imp_uid: found.body.response.imp_uid, reason: '전액' }, t);
      assert.equal(full.body.code, 0, JSON.stringify(full.body));
      assert.equal(full.body.response.status, 'cancelled');
      assert.equal(full.body.response.cancel_amount, 15_000);
      entry = await ledgerEntry(pgTxId);
      assert.deepEqual([entry.status, entry.cancelledAmount, entry.cancels.length], ['CANCELLED', 15_000, 2]);
    });

    it('a transfer cancel whose reply is lost is settled by an inquiry about the transfer, never sent twice', async () => {
      const paymentId = `trans-lost-${kind}`;
      const paid = await payByTransferV2(paymentId, 10_000);
      const armed = await fetch(`${env.sandboxUrl}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ path: 'APICancel.do', transport: 'drop', times: 1 }) });
      assert.ok(armed.ok, String(armed.status));
      const lost = await api('POST', `/payments/${paymentId}/cancel`, { amount: 3_000, reason: '응답 유실' });
      assert.notEqual(lost.status, 200, JSON.stringify(lost.body));
      // The PG booked it (drop = processed, reply lost); paymux holds the amount reserved until it knows.
      assert.equal((await ledgerEntry(paid.pgTxId)).cancelledAmount, 3_000);
      // The simulator's cancel notice (RA/C0) may complete it first; either way the inquiry closes the call.
      await env.sandbox.sandbox.notifier.idle();
      const calls = await env.t.deps.db.select().from(pgCalls).where(eq(pgCalls.operation, 'cancel'));
      const pending = calls.find((c) => c.status === 'PENDING');
      assert.ok(pending, 'the cancel call stays pending until the PG is asked');
      assert.ok(['CANCEL_SUCCEEDED', 'ALREADY_SETTLED'].includes(await inquireCall(env.t.deps, pending.id)));
      const after = await env.t.deps.db.select().from(pgCalls).where(eq(pgCalls.id, pending.id));
      assert.deepEqual([after[0]?.status, after[0]?.outcome], ['SETTLED', 'approved']);
      const payment = (await api('GET', `/payments/${paymentId}`)).body;
      assert.equal(payment.status, 'PARTIAL_CANCELLED', JSON.stringify(payment));
      assert.equal(payment.amount.cancelled, 3_000);
      assert.equal((await ledgerEntry(paid.pgTxId)).cancels.length, 1);
    });
  });

  describe(`bank transfer auto-cancelled by the testbed at night, notice lost (${kind})`, () => {
    let env: PaymentsTestEnv;
    const clock = fixedClock(new Date('2030-03-11T23:10:00+09:00'));
    before(async () => {
      env = await startPaymentsEnv(kind, { clock, sandbox: { clock: () => clock.now(), notifyCancels: false } });
    });
    after(async () => env?.close());

    it('the 23:50 inquiry asks about the transfer as a transfer and ends it CANCELLED', async () => {
      const paymentId = `trans-nightly-${kind}`;
      const opened = await fetch(`${env.url}/checkout/api/v2/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          windowType: 'IFRAME',
          request: { storeId: env.t.demo.storeId, channelKey: channelKeyOf(env.t, 'portone1'), paymentId, orderName: '야간', totalAmount: 7_000, currency: 'KRW', payMethod: 'TRANSFER' },
        }),
      });
      const { txId } = (await opened.json()) as { txId: string };
      assert.match(await payTransferInWindow(env.url, txId), /data-state="PAID"/);
      await env.sandbox.sandbox.notifier.idle();
      assert.equal((await fetch(`${env.sandboxUrl}/__sandbox/nightly-cancel`, { method: 'POST' })).status, 200);
      clock.set(new Date('2030-03-11T23:55:00+09:00'));
      assert.equal(await syncNightlyTestCancels(env.t.deps), 1);
      const payment = (await (await fetch(`${env.url}/payments/${paymentId}`, { headers: { authorization: `PortOne ${env.t.demo.apiSecret}` } })).json()) as Record<string, any>;
      assert.equal(payment.status, 'CANCELLED');
      assert.equal(payment.amount.cancelled, 7_000);
    });
  });
}
