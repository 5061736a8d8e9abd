/**
 * Reliability across real `paymux` processes on one PostgreSQL, paying through one simulator:
 * no double charge under 50 concurrent charges of one payment id split over two API processes,
 * and recovery after a process is killed (SIGKILL) between the PG's approval and the commit.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/index.ts';
import type { DemoCredentials } from '../../../src/services/tenancy.ts';
import { createPostgresDatabase } from '../../support/database.ts';
import { fullCard, keyInCard, sandboxLedger } from '../../support/payments.ts';
import { mainUrlOf, PaymuxProcess, runPaymux } from '../../support/processes.ts';
import { startReceiver, type Receiver } from '../webhooks/helpers.ts';

const skip = !process.env.DATABASE_URL && 'DATABASE_URL is not set (these tests run paymux processes on one PostgreSQL)';
const masterKey = randomBytes(32).toString('base64');

type Json = Record<string, any>;

/** Polls `probe` until it answers something, or fails after `timeoutMs`. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function v2(url: string, secret: string) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `PortOne ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
}

const channelKey = (demo: DemoCredentials, mid: string) => {
  const channel = demo.channels.find((c) => c.mid === mid);
  if (!channel) throw new Error(`no demo channel ${mid}`);
  return channel.key;
};

/** One fresh database and simulator; the processes each test starts are stopped after. */
function cluster() {
  const state = {
    sandbox: undefined as RunningSandbox | undefined,
    database: undefined as { url: string; drop(): Promise<void> } | undefined,
    processes: [] as PaymuxProcess[],
  };
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: state.database!.url,
    PAYMUX_MASTER_KEY: masterKey,
    NODE_ENV: 'production',
    PAYMUX_PORT: '0',
    PAYMUX_V1_PORT: '0',
    PAYMUX_SANDBOX: 'off',
    PAYMUX_HECTO_API_URL: state.sandbox!.url,
    PAYMUX_HECTO_WINDOW_URL: state.sandbox!.url,
    ...extra,
  });
  return {
    state,
    env,
    async open() {
      state.sandbox = await startSandbox({ port: 0, nightly: false });
      state.database = await createPostgresDatabase();
      // Migrate and seed once, so the processes under test start on a ready database.
      const migrated = await runPaymux(['migrate'], env());
      assert.equal(migrated.code, 0, migrated.output);
    },
    spawn(role: 'api' | 'worker', extra: Record<string, string> = {}) {
      const process = new PaymuxProcess([role], env(extra));
      state.processes.push(process);
      return process;
    },
    async demo(): Promise<DemoCredentials> {
      const { code, output } = await runPaymux(['demo-credentials', '--json'], env());
      assert.equal(code, 0, output);
      return JSON.parse(output) as DemoCredentials;
    },
    async close() {
      await Promise.all(state.processes.map((p) => p.stop()));
      await state.sandbox?.close();
      await state.database?.drop();
    },
  };
}

async function assertOneApproval(results: { status: number; body: Json }[], sandboxUrl: string, amount: number, payment: Json) {
  const succeeded = results.filter((r) => r.status === 200);
  assert.equal(succeeded.length, 1, `exactly one charge succeeds: ${JSON.stringify(results.map((r) => r.status))}`);
  for (const refused of results.filter((r) => r.status !== 200)) {
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.ok(['ALREADY_PAID', 'ALREADY_PAID_OR_WAITING'].includes(refused.body.type), JSON.stringify(refused.body));
    assert.equal(typeof refused.body.message, 'string');
  }
  assert.equal(payment.status, 'PAID');
  assert.equal(payment.amount.paid, amount);
  // The amount is unique to this payment in this simulator: every approval of it is in this list.
  const atPg = (await sandboxLedger(sandboxUrl)).filter((tx) => (tx as { amount?: number }).amount === amount);
  assert.equal(atPg.length, 1, `one approval at the PG: ${JSON.stringify(atPg)}`);
  assert.equal(atPg[0]!.trdNo, payment.pgTxId);
  assert.equal(atPg[0]!.status, 'APPROVED');
  assert.equal(atPg[0]!.trdNo, succeeded[0]!.body.payment.pgTxId);
}

describe('no double charge across two paymux api processes on one PostgreSQL', { skip }, () => {
  const c = cluster();
  let demo: DemoCredentials;
  let apis: ReturnType<typeof v2>[];

  before(async () => {
    await c.open();
    const [a, b] = [c.spawn('api'), c.spawn('api')];
    const urls = await Promise.all([mainUrlOf(a), mainUrlOf(b)]);
    assert.notEqual(urls[0], urls[1]);
    demo = await c.demo();
    apis = urls.map((url) => v2(url, demo.apiSecret));
  });
  after(() => c.close());

  it('50 concurrent payInstantly of one paymentId: one approval at the PG, the others 409', async () => {
    const paymentId = `race-instant-${randomBytes(4).toString('hex')}`;
    const amount = 7701;
    const body = { channelKey: channelKey(demo, 'nxca_jt_bi'), method: { card: { credential: keyInCard } }, orderName: '동시 결제', amount: { total: amount }, currency: 'KRW' };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => apis[i % 2]!('POST', `/payments/${paymentId}/instant`, body)));
    const payment = (await apis[0]!('GET', `/payments/${paymentId}`)).body;
    await assertOneApproval(results, c.state.sandbox!.url, amount, payment);
    assert.equal((await apis[1]!('GET', `/payments/${paymentId}`)).body.status, 'PAID', 'both processes see the same payment');
  });

  it('50 concurrent payWithBillingKey of one paymentId: one approval at the PG, the others 409', async () => {
    const issued = await apis[1]!('POST', '/billing-keys', { channelKey: channelKey(demo, 'nxca_ks_gu'), method: { card: { credential: fullCard } } });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    const billingKey = issued.body.billingKeyInfo.billingKey as string;
    const paymentId = `race-billing-${randomBytes(4).toString('hex')}`;
    const amount = 9902;
    const body = { billingKey, orderName: '동시 정기결제', amount: { total: amount }, currency: 'KRW' };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => apis[i % 2]!('POST', `/payments/${paymentId}/billing-key`, body)));
    const payment = (await apis[1]!('GET', `/payments/${paymentId}`)).body;
    await assertOneApproval(results, c.state.sandbox!.url, amount, payment);
    assert.equal(payment.billingKey, billingKey);
  });
});

describe('kill -9 between the PG approval and the commit: the recovery sweep settles it', { skip }, () => {
  const c = cluster();
  let demo: DemoCredentials;
  let receiver: Receiver;
  // A short PG time-out, so a crashed call is old enough for the sweep within seconds.
  const timeouts = { PAYMUX_HECTO_TIMEOUT_MS: '2000' };

  before(async () => {
    await c.open();
    receiver = await startReceiver();
  });
  after(async () => {
    await c.close();
    await receiver?.close();
  });

  /** Starts an API process that kills itself (SIGKILL) after its next PG call, and charges through it. */
  async function chargeThroughCrashingProcess(path: string, body: unknown): Promise<void> {
    const crashing = c.spawn('api', { NODE_ENV: 'test', PAYMUX_TEST_CRASH_AFTER_PG_CALL: '1', ...timeouts });
    const url = await mainUrlOf(crashing);
    demo ??= await c.demo();
    await assert.rejects(fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `PortOne ${demo.apiSecret}` }, body: JSON.stringify(body) }));
    await crashing.exited;
    assert.equal(crashing.child.signalCode, 'SIGKILL');
  }

  it('pending payments left by crashed processes become PAID with their webhook; the ledger and paymux agree on every payment', async () => {
    const api = c.spawn('api', timeouts);
    const apiUrl = await mainUrlOf(api);
    demo = await c.demo();
    const call = v2(apiUrl, demo.apiSecret);
    const noticeUrls = [`${receiver.origin}/notice`];

    // Payments settled normally, before the crashes: paid, declined, paid with a billing key.
    const normal = await call('POST', '/payments/ok-1/instant', { channelKey: channelKey(demo, 'nxca_jt_bi'), method: { card: { credential: keyInCard } }, orderName: '정상', amount: { total: 1100 }, currency: 'KRW' });
    assert.equal(normal.status, 200, JSON.stringify(normal.body));
    const declined = await call('POST', '/payments/declined-1/instant', {
      channelKey: channelKey(demo, 'nxca_jt_bi'),
      method: { card: { credential: { ...keyInCard, number: '4000000000000002' } } },
      orderName: '거절',
      amount: { total: 1200 },
      currency: 'KRW',
    });
    assert.equal(declined.status, 502);
    const issued = await call('POST', '/billing-keys', { channelKey: channelKey(demo, 'nxca_ks_gu'), method: { card: { credential: fullCard } } });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    const billingKey = issued.body.billingKeyInfo.billingKey as string;

    // Two processes die right after the PG approved, before anything is committed.
    await chargeThroughCrashingProcess('/payments/crash-keyin/instant', {
      channelKey: channelKey(demo, 'nxca_jt_bi'),
      method: { card: { credential: keyInCard } },
      orderName: '크래시 수기',
      amount: { total: 3100 },
      currency: 'KRW',
      noticeUrls,
    });
    await chargeThroughCrashingProcess('/payments/crash-billing/billing-key', { billingKey, orderName: '크래시 정기', amount: { total: 3200 }, currency: 'KRW', noticeUrls });
    for (const paymentId of ['crash-keyin', 'crash-billing']) {
      assert.equal((await call('GET', `/payments/${paymentId}`)).body.status, 'PAY_PENDING', `${paymentId} is pending after the crash`);
    }

    // The worker's sweep asks the PG and settles both; the worker also delivers their webhooks.
    const worker = c.spawn('worker', timeouts);
    await worker.waitFor(/jobs\s+running/);
    for (const paymentId of ['crash-keyin', 'crash-billing']) {
      const paid = await until(`${paymentId} PAID`, async () => {
        const payment = (await call('GET', `/payments/${paymentId}`)).body;
        return payment.status === 'PAID' ? payment : undefined;
      });
      assert.ok(paid.pgTxId, 'the PG transaction id comes from the inquiry');
    }
    const delivered = await until('both webhooks delivered', async () => {
      const bodies = receiver.received.filter((r) => r.path === '/notice').map((r) => JSON.parse(r.body) as Json);
      return bodies.length >= 2 ? bodies : undefined;
    });
    assert.deepEqual(delivered.map((b) => `${b.type} ${b.data.paymentId}`).sort(), ['Transaction.Paid crash-billing', 'Transaction.Paid crash-keyin']);

    const client = new pg.Client({ connectionString: c.state.database!.url });
    await client.connect();
    try {
      const outbox = await client.query<{ payment_id: string; event_type: string }>(
        `select payment_id, event_type from webhook_outbox where payment_id in ('crash-keyin', 'crash-billing') order by payment_id`,
      );
      assert.deepEqual(outbox.rows.map((r) => `${r.payment_id} ${r.event_type}`), ['crash-billing Transaction.Paid', 'crash-keyin Transaction.Paid']);
      const pending = await client.query(`select id from pg_calls where status = 'PENDING'`);
      assert.equal(pending.rowCount, 0, 'no PG call is left pending');
    } finally {
      await client.end();
    }

    // Every payment: the PG's ledger and paymux agree on status and amount.
    const ledger = await sandboxLedger(c.state.sandbox!.url);
    const payments = (await call('GET', `/payments?requestBody=${encodeURIComponent(JSON.stringify({ page: { size: 100 } }))}`)).body.items as Json[];
    assert.deepEqual(payments.map((p) => p.id).sort(), ['crash-billing', 'crash-keyin', 'declined-1', 'ok-1']);
    for (const payment of payments) {
      const atPg = ledger.filter((tx) => tx.trdNo === payment.pgTxId && payment.pgTxId);
      if (payment.status === 'FAILED') {
        assert.equal(atPg.length, 0, `${payment.id}: nothing approved at the PG`);
        continue;
      }
      assert.equal(payment.status, 'PAID', payment.id);
      assert.equal(atPg.length, 1, `${payment.id}: one PG transaction`);
      assert.equal(atPg[0]!.status, 'APPROVED');
      assert.equal((atPg[0] as { amount?: number }).amount, payment.amount.total);
      assert.equal(payment.amount.paid, payment.amount.total);
    }
    const approvedAtPg = ledger.filter((tx) => tx.status === 'APPROVED').map((tx) => tx.trdNo).sort();
    assert.deepEqual(approvedAtPg, payments.filter((p) => p.status === 'PAID').map((p) => p.pgTxId as string).sort(), 'no approval at the PG that paymux does not know');
  });
});
