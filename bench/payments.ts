// Load benchmarks of the payment API (issue 4), autocannon on loopback against real listening
// servers: keyed-in payments through the Hecto simulator (a new paymentId per request), and
// GET /payments/{id}; on PGlite and on PostgreSQL; with a bare Fastify hello-world in the same run
// as the ceiling of this machine.
// Usage: NODE_ENV=test node --import tsx bench/payments.ts [pglite|postgres ...]   (postgres needs DATABASE_URL)
// Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (20).
// Prints a Markdown table to paste into bench/RESULTS.md with the machine and the date.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import os from 'node:os';
import type { DatabaseKind } from '../test/support/database.ts';
import { channelKeyOf, keyInCard, startPaymentsEnv } from '../test/support/payments.ts';

const kinds = (process.argv.slice(2).length ? process.argv.slice(2) : process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']) as DatabaseKind[];
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Row {
  kind: string;
  name: string;
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

async function measure(kind: string, name: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ connections, duration, ...options });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { kind, name, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, bad };
}

const rows: Row[] = [];

// The ceiling: what this machine's Node and Fastify answer with nothing behind them.
const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));
const helloUrl = await hello.listen({ host: '127.0.0.1', port: 0 });
const ceiling = await measure('—', 'bare Fastify hello-world (ceiling)', { url: helloUrl });
rows.push(ceiling);
await hello.close();

for (const kind of kinds) {
  // paymux's own PostgreSQL pool size (10), not the tests' smaller one.
  const env = await startPaymentsEnv(kind, { poolSize: 10 });
  const authorization = `PortOne ${env.t.demo.apiSecret}`;
  const channelKey = channelKeyOf(env.t, 'nxca_jt_bi');
  const payBody = JSON.stringify({ channelKey, method: { card: { credential: keyInCard } }, orderName: '벤치마크', amount: { total: 1000 }, currency: 'KRW' });
  const run = `${kind}-${Date.now()}`;
  let sequence = 0;
  const keyedIn = (): autocannon.Options => ({
    url: env.url,
    headers: { authorization, 'content-type': 'application/json' },
    requests: [{ method: 'POST', body: payBody, setupRequest: (request) => ({ ...request, path: `/payments/bench-${run}-${sequence++}/instant` }) }],
  });

  const paid = await fetch(`${env.url}/payments/bench-${run}-get/instant`, { method: 'POST', headers: { authorization }, body: payBody });
  if (paid.status !== 200) throw new Error(`could not pay the payment to read: ${paid.status} ${await paid.text()}`);

  rows.push(await measure(kind, 'GET /payments/{id}', { url: `${env.url}/payments/bench-${run}-get`, headers: { authorization } }));
  const max = await measure(kind, 'POST /payments/{id}/instant (keyed-in, max)', keyedIn());
  rows.push(max);
  const half = Math.max(1, Math.round(max.rps / 2));
  rows.push(await measure(kind, `POST /payments/{id}/instant at ${half}/s (half of max)`, { ...keyedIn(), overallRate: half }));
  await env.close();
}

const ratio = (r: Row) => (r === ceiling ? '1.00' : (r.rps / ceiling.rps).toFixed(2));
console.log(
  `\n${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${os.cpus()[0]?.model} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${duration} s per case, ${connections} connections\n`,
);
console.log('| database | case | req/s | p50 ms | p99 ms | non-2xx/errors | ratio to ceiling |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.kind} | ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.bad} | ${ratio(r)} |`);
