// Load benchmarks of the payment API (issue 4), autocannon on loopback against real listening
// servers: keyed-in payments through the Hecto simulator (a new paymentId per request), and
// GET /payments/{id}; on PGlite and on PostgreSQL; with a bare Fastify hello-world in the same run
// as the ceiling of this machine.
// Usage: NODE_ENV=test node --import tsx bench/payments.ts [pglite|postgres ...]   (postgres needs DATABASE_URL)
// Env: BENCH_SECONDS (10), BENCH_CONNECTIONS (20), BENCH_SANDBOX=inline (the simulator in this
// process instead of its own, as the first runs had it).
// Besides req/s and latency it prints the CPU each request cost this process (paymux and the load
// generator), the simulator and the local PostgreSQL server: on a machine this size CPU is the limit.
// Prints a Markdown table to paste into bench/RESULTS.md with the machine and the date.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startTestApp } from '../test/support/harness.ts';
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
  /** CPU per request, µs: this process (paymux and the load generator), the simulator process, the PostgreSQL server's processes. */
  nodeCpu: number;
  simCpu: number | undefined;
  pgCpu: number | undefined;
}

/** CPU before a case, of this process, the simulator process and PostgreSQL. */
function cpuNow() {
  return { node: process.cpuUsage(), sim: simulator?.cpuMicros(), pg: postgresCpuMicros() };
}

function cpuPerRequest(kind: string, before: ReturnType<typeof cpuNow>, requests: number) {
  const node = process.cpuUsage(before.node);
  const sim = simulator?.cpuMicros();
  const pg = postgresCpuMicros();
  const n = Math.max(1, requests);
  return {
    nodeCpu: Math.round((node.user + node.system) / n),
    simCpu: sim !== undefined && before.sim !== undefined ? Math.round((sim - before.sim) / n) : undefined,
    pgCpu: kind === 'postgres' && pg !== undefined && before.pg !== undefined ? Math.round((pg - before.pg) / n) : undefined,
  };
}

/** CPU seconds × 1e6 used so far by the local PostgreSQL server's processes (Linux /proc), or undefined. */
function postgresCpuMicros(): number | undefined {
  try {
    const tick = 1e6 / 100; // USER_HZ
    let total = 0;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    }
    return total;
  } catch {
    return undefined;
  }
}

async function measure(kind: string, name: string, options: autocannon.Options): Promise<Row> {
  const before = cpuNow();
  const result = await autocannon({ connections, duration, ...options });
  const bad = result.non2xx + result.errors + result.timeouts;
  return {
    kind,
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad,
    ...cpuPerRequest(kind, before, result.requests.total),
  };
}

/**
 * Latency at a given load, open loop: requests start at evenly spaced times whatever the earlier
 * ones are doing, and each latency counts from the time its request was due (so a stall is not
 * hidden by the requests it delayed). autocannon's `overallRate` cannot measure this: each of its
 * connections sends back to back until it has made its share of the second, then waits for the
 * next second, so "half the load" arrives as a burst at full speed and then nothing.
 */
async function measurePaced(kind: string, name: string, rate: number, send: (i: number) => Promise<Response>): Promise<Row> {
  const interval = 1000 / rate;
  const total = Math.round(rate * duration);
  const latencies: number[] = [];
  let bad = 0;
  const before = cpuNow();
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(i).then(
        async (response) => {
          await response.arrayBuffer();
          if (response.status !== 200) bad++;
          latencies.push(performance.now() - due);
        },
        () => {
          bad++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - start) / 1000;
  const cpu = cpuPerRequest(kind, before, total);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    kind,
    name,
    rps: Math.round(latencies.length / elapsed),
    p50: at(0.5),
    p99: at(0.99),
    bad,
    ...cpu,
  };
}

const rows: Row[] = [];

const simulator = process.env.BENCH_SANDBOX === 'inline' ? undefined : await startSandboxProcess();

// The ceiling: what this machine's Node and Fastify answer with nothing behind them.
const hello = Fastify();
hello.get('/', async () => ({ hello: 'world' }));
const helloUrl = await hello.listen({ host: '127.0.0.1', port: 0 });
const ceiling = await measure('—', 'bare Fastify hello-world (ceiling)', { url: helloUrl });
rows.push(ceiling);
await hello.close();

/** The simulator in a child process; its CPU per request is read from /proc like PostgreSQL's. */
async function startSandboxProcess(): Promise<{ url: string; cpuMicros: () => number | undefined; close: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./sandboxProcess.ts', import.meta.url))], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'test' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the simulator process exited (${code})`)));
  });
  const cpuMicros = () => {
    try {
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10_000;
    } catch {
      return undefined;
    }
  };
  return { url, cpuMicros, close: () => child.kill('SIGTERM') };
}


/** paymux on a real port, paying through the simulator process. */
async function startPaymentsEnvWith(kind: DatabaseKind, hectoUrl: string) {
  const t = await startTestApp(kind, { poolSize: 10, hectoUrl });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  t.deps.config.publicUrl = url; // the simulator's notices come back here
  return { t, url, close: () => t.close() };
}

for (const kind of kinds) {
  // paymux's own PostgreSQL pool size (10), not the tests' smaller one.
  const env = simulator ? await startPaymentsEnvWith(kind, simulator.url) : await startPaymentsEnv(kind, { poolSize: 10 });

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
  rows.push(
    await measurePaced(kind, `POST /payments/{id}/instant at ${half}/s (half of max, evenly paced)`, half, (i) =>
      fetch(`${env.url}/payments/bench-${run}-paced-${i}/instant`, { method: 'POST', headers: { authorization }, body: payBody }),
    ),
  );
  await env.close();
}

const ratio = (r: Row) => (r === ceiling ? '1.00' : (r.rps / ceiling.rps).toFixed(2));
console.log(
  `\n${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${os.cpus()[0]?.model} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${duration} s per case, ${connections} connections\n`,
);
console.log(`simulator: ${simulator ? 'its own process' : 'in the benchmark process'}`);
console.log('| database | case | req/s | p50 ms | p99 ms | non-2xx/errors | ratio to ceiling | CPU µs/req: paymux+load · simulator · postgres |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.kind} | ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.bad} | ${ratio(r)} | ${r.nodeCpu} · ${r.simCpu ?? '—'} · ${r.pgCpu ?? '—'} |`);
simulator?.close();
