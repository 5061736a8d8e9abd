import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { migrationsFolder } from '../../src/store/db.ts';
import { createPostgresDatabase } from '../support/database.ts';
import { HttpConsole } from '../support/httpConsole.ts';
import { mainUrlOf, PaymuxProcess, runPaymux } from '../support/processes.ts';

const ports = { PAYMUX_PORT: '0', PAYMUX_V1_PORT: '0', PAYMUX_SANDBOX_PORT: '0' };
const demoKeys = ['apiSecret', 'channels', 'console', 'impKey', 'impSecret', 'merchantCode', 'storeId', 'webhookSecret'];

describe('paymux on the embedded database (npm start)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'paymux-cli-'));
  const env = { ...ports, PAYMUX_DATA_DIR: dataDir, NODE_ENV: 'production' };
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts, seeds and prints the demo credentials once, and keeps them across restarts', async () => {
    const first = new PaymuxProcess(['start'], env);
    try {
      const url = await mainUrlOf(first);
      await first.waitFor(/V1 imp_secret\s+\S+/);
      assert.match(first.output, /console\s+http:\/\/127\.0\.0\.1:\d+\/console\//);
      assert.match(first.output, /V1 API\s+http:\/\/127\.0\.0\.1:\d+\//);
      assert.match(first.output, /API docs\s+http:\/\/127\.0\.0\.1:\d+\/docs/);
      assert.match(first.output, /Hecto simulator\s+http:\/\/127\.0\.0\.1:\d+\//);
      assert.equal((await fetch(`${url}/health`)).status, 200);
      assert.equal(statSync(path.join(dataDir, 'master.key')).mode & 0o777, 0o600);
      const printedSecret = first.output.match(/V2 API secret\s+(\S+)/)![1];

      // While it runs, the CLI can print the credentials again, and a second server is refused.
      const again = await runPaymux(['demo-credentials', '--json'], env);
      assert.equal(again.code, 0, again.output);
      const demo = JSON.parse(again.output);
      assert.deepEqual(Object.keys(demo).sort(), demoKeys);
      assert.equal(demo.apiSecret, printedSecret);
      assert.deepEqual(Object.keys(demo.console).sort(), ['email', 'password']);
      assert.deepEqual(Object.keys(demo.channels[0]).sort(), ['key', 'mid', 'mode', 'name']);
      const login = await fetch(`${url}/login/api-secret`, { method: 'POST', body: JSON.stringify({ apiSecret: demo.apiSecret }) });
      assert.equal(login.status, 200);

      const second = await runPaymux(['start'], env);
      assert.equal(second.code, 1);
      assert.match(second.output, /in use by paymux process \d+/);
    } finally {
      assert.equal(await first.stop(), 0);
    }

    const restarted = new PaymuxProcess(['start'], env);
    try {
      const url = await mainUrlOf(restarted);
      assert.equal((await fetch(`${url}/health`)).status, 200);
      assert.doesNotMatch(restarted.output, /Demo merchant/);
    } finally {
      await restarted.stop();
    }
    const stopped = await runPaymux(['demo-credentials', '--json'], env);
    assert.equal(stopped.code, 0, stopped.output);
    assert.deepEqual(Object.keys(JSON.parse(stopped.output)).sort(), demoKeys);
  });

  it('creates a platform operator while paymux holds the embedded database, through its local control channel only', async () => {
    const running = new PaymuxProcess(['start'], env);
    try {
      const url = await mainUrlOf(running);
      const controlFile = path.join(dataDir, 'control.json');
      assert.equal(statSync(controlFile).mode & 0o777, 0o600, 'only the data dir owner can read the token');
      const control = JSON.parse(readFileSync(controlFile, 'utf8')) as { pid: number; port: number; token: string };
      assert.equal(control.pid, running.child.pid);

      const created = await runPaymux(['create-operator', 'ops@paymux.example'], env);
      assert.equal(created.code, 0, created.output);
      const [, email, password] = created.output.match(/Platform operator created: (\S+) \/ (\S+)/)!;
      assert.equal(email, 'ops@paymux.example');
      const operator = new HttpConsole(url);
      assert.equal((await operator.call('POST', '/console-api/login', { email, password })).status, 200);
      assert.equal((await operator.call('GET', '/console-api/operator/applications')).status, 200, 'the new operator sees the operator area');

      const again = await runPaymux(['create-operator', 'ops@paymux.example'], env);
      assert.equal(again.code, 1);
      assert.match(again.output, /already/i);

      // Without the token (or with a wrong one) the channel refuses, and it listens on loopback only.
      const forged = await fetch(`http://127.0.0.1:${control.port}/operators`, { method: 'POST', headers: { authorization: 'Bearer guessed' }, body: '{"email":"evil@example.com"}' });
      assert.equal(forged.status, 401);
      const bare = await fetch(`http://127.0.0.1:${control.port}/operators`, { method: 'POST', body: '{"email":"evil@example.com"}' });
      assert.equal(bare.status, 401);
      const evil = new HttpConsole(url);
      assert.equal((await evil.call('POST', '/console-api/login', { email: 'evil@example.com', password: 'x' })).status, 401);
    } finally {
      assert.equal(await running.stop(), 0);
    }
    assert.throws(() => statSync(path.join(dataDir, 'control.json')), /ENOENT/, 'the channel is gone with the process');

    // Stopped: the command opens the database itself.
    const offline = await runPaymux(['create-operator', 'ops2@paymux.example'], env);
    assert.equal(offline.code, 0, offline.output);
    assert.match(offline.output, /Platform operator created: ops2@paymux\.example \/ \S+/);
  });

  it('refuses to start with a master key that did not encrypt the database', async () => {
    const wrong = await runPaymux(['start'], { ...env, PAYMUX_MASTER_KEY: randomBytes(32).toString('base64') });
    assert.equal(wrong.code, 1);
    assert.match(wrong.output, /master key does not match this database/);
  });
});

describe('paymux on PostgreSQL', { skip: !process.env.DATABASE_URL && 'DATABASE_URL is not set' }, () => {
  const masterKey = randomBytes(32).toString('base64');

  it('requires PAYMUX_MASTER_KEY with DATABASE_URL outside tests', async () => {
    const database = await createPostgresDatabase();
    try {
      const result = await runPaymux(['migrate'], { DATABASE_URL: database.url, NODE_ENV: 'production' });
      assert.equal(result.code, 1);
      assert.match(result.output, /PAYMUX_MASTER_KEY is required with DATABASE_URL/);
    } finally {
      await database.drop();
    }
  });

  it('migrates an old database forward, and migrating twice is harmless', async () => {
    const database = await createPostgresDatabase();
    const oldFolder = mkdtempSync(path.join(tmpdir(), 'paymux-old-migrations-'));
    try {
      // The database as the first release left it: only the first migration.
      cpSync(migrationsFolder, oldFolder, { recursive: true });
      const journalFile = path.join(oldFolder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
      journal.entries = journal.entries.slice(0, 1);
      writeFileSync(journalFile, JSON.stringify(journal));
      const pool = new pg.Pool({ connectionString: database.url });
      await migrate(drizzle({ client: pool }), { migrationsFolder: oldFolder });
      const hasTrigger = async () =>
        (await pool.query(`select 1 from pg_trigger where tgname like 'audit_log%'`)).rowCount! > 0;
      assert.equal(await hasTrigger(), false);

      const env = { DATABASE_URL: database.url, PAYMUX_MASTER_KEY: masterKey, NODE_ENV: 'production' };
      for (let i = 0; i < 2; i++) {
        const result = await runPaymux(['migrate'], env);
        assert.equal(result.code, 0, result.output);
      }
      assert.equal(await hasTrigger(), true);
      await pool.end();
    } finally {
      rmSync(oldFolder, { recursive: true, force: true });
      await database.drop();
    }
  });

  it('runs two API processes and a worker on one database: a secret made through one works on the other', async () => {
    const database = await createPostgresDatabase();
    const env = { ...ports, DATABASE_URL: database.url, PAYMUX_MASTER_KEY: masterKey, NODE_ENV: 'production' };
    const processes = [new PaymuxProcess(['api'], env), new PaymuxProcess(['api'], env), new PaymuxProcess(['worker'], env)];
    try {
      const [urlA, urlB] = await Promise.all([mainUrlOf(processes[0]!), mainUrlOf(processes[1]!)]);
      await processes[2]!.waitFor(/jobs\s+running/);
      assert.notEqual(urlA, urlB);
      const demoOutput = processes.map((p) => p.output).join('\n');
      assert.equal(demoOutput.match(/Demo merchant/g)?.length, 1, 'exactly one process seeds');

      const { output } = await runPaymux(['demo-credentials', '--json'], env);
      const demo = JSON.parse(output);
      const consoleA = new HttpConsole(urlA!);
      assert.equal((await consoleA.call('POST', '/console-api/login', { email: demo.console.email, password: demo.console.password })).status, 200);
      const created = await consoleA.call('POST', `/console-api/stores/${demo.storeId}/api-secrets`, { name: 'made on A' });
      assert.equal(created.status, 201);

      const onB = await fetch(`${urlB}/login/api-secret`, { method: 'POST', body: JSON.stringify({ apiSecret: created.json.secret }) });
      assert.equal(onB.status, 200);
      const { accessToken } = (await onB.json()) as { accessToken: string };
      assert.ok(accessToken);

      // Revoked through B, refused by A at once: nothing is cached per process.
      const consoleB = new HttpConsole(urlB!);
      await consoleB.call('POST', '/console-api/login', { email: demo.console.email, password: demo.console.password });
      assert.equal((await consoleB.call('DELETE', `/console-api/stores/${demo.storeId}/api-secrets/${created.json.id}`)).status, 200);
      const onA = await fetch(`${urlA}/login/api-secret`, { method: 'POST', body: JSON.stringify({ apiSecret: created.json.secret }) });
      assert.equal(onA.status, 401);
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
      await database.drop();
    }
  });

  it('refuses a wrong master key on PostgreSQL too', async () => {
    const database = await createPostgresDatabase();
    try {
      const env = { DATABASE_URL: database.url, NODE_ENV: 'production' };
      assert.equal((await runPaymux(['migrate'], { ...env, PAYMUX_MASTER_KEY: masterKey })).code, 0);
      const wrong = await runPaymux(['migrate'], { ...env, PAYMUX_MASTER_KEY: randomBytes(32).toString('base64') });
      assert.equal(wrong.code, 1);
      assert.match(wrong.output, /master key does not match this database/);
    } finally {
      await database.drop();
    }
  });
});
