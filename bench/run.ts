// Load benchmarks of the foundation's hot paths, with autocannon against a real listening server.
// Usage: npm run bench [-- pglite|postgres]   (postgres needs DATABASE_URL)
// Prints a Markdown table to paste into bench/RESULTS.md with the machine and the date.
import autocannon from 'autocannon';
import os from 'node:os';
import { startTestApp } from '../test/support/harness.ts';
import { v2TestRoutes } from '../test/support/v2TestRoutes.ts';
import type { DatabaseKind } from '../test/support/database.ts';

const kinds = (process.argv.slice(2).length ? process.argv.slice(2) : process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']) as DatabaseKind[];
const duration = Number(process.env.BENCH_SECONDS ?? 10);

interface Row {
  kind: string;
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(url: string, name: string, options: Partial<autocannon.Options>): Promise<Omit<Row, 'kind'>> {
  const result = await autocannon({ url, connections: 20, duration, ...options });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { name, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}

const rows: Row[] = [];
for (const kind of kinds) {
  const t = await startTestApp(kind, { v2Routes: [v2TestRoutes] });
  const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  const channel = t.demo.channels[0]!.key;
  const loginBody = JSON.stringify({ apiSecret: t.demo.apiSecret });
  const { accessToken } = (await (await fetch(`${base}/login/api-secret`, { method: 'POST', body: loginBody })).json()) as { accessToken: string };
  const cases: [string, string, Partial<autocannon.Options>][] = [
    ['GET /health (database ping)', '/health', {}],
    ['V2 request, PortOne <secret> auth + store-scoped read', `/__test/channels/${channel}`, { headers: { authorization: `PortOne ${t.demo.apiSecret}` } }],
    ['V2 request, Bearer token auth + store-scoped read', `/__test/channels/${channel}`, { headers: { authorization: `Bearer ${accessToken}` } }],
    ['POST /login/api-secret (token pair)', '/login/api-secret', { method: 'POST', body: loginBody }],
  ];
  for (const [name, path, options] of cases) {
    rows.push({ kind, ...(await measure(`${base}${path}`, name, options)) });
  }
  await t.close();
}

console.log(`\n${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${os.cpus()[0]?.model} · Node ${process.version} · ${duration} s per case, 20 connections\n`);
console.log('| database | case | req/s | p50 ms | p99 ms | non-2xx/errors |');
console.log('|---|---|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.kind} | ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} |`);
