import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedDemo } from '../../src/services/tenancy.ts';
import { apiSecrets, auditLog, webhookEndpoints } from '../../src/store/schema.ts';
import { loadDemoCredentials, verifyMasterKey } from '../../src/store/repositories/keyring.ts';
import { MasterKeyError, parseMasterKey, tokenHash } from '../../src/store/secretBox.ts';
import { databaseKinds } from '../support/database.ts';
import { openTestDeps, type TestDeps } from '../support/harness.ts';

for (const kind of databaseKinds) {
  describe(`store on ${kind}`, () => {
    let t: TestDeps;
    before(async () => {
      t = await openTestDeps(kind);
    });
    after(() => t.close());

    it('migrates again harmlessly', async () => {
      await t.deps.store.migrate();
      await t.deps.store.migrate();
      await t.deps.store.ping();
    });

    it('seeds the demo merchant once, with the fixed credential shape', async () => {
      const demo = await seedDemo(t.deps);
      assert.ok(demo);
      assert.deepEqual(Object.keys(demo).sort(), ['apiSecret', 'channels', 'console', 'impKey', 'impSecret', 'merchantCode', 'storeId', 'webhookSecret']);
      assert.match(demo.merchantCode, /^imp\d{8}$/);
      assert.match(demo.storeId, /^store-[0-9a-f-]{36}$/);
      assert.deepEqual(demo.channels.map((c) => c.mid).sort(), ['nxca_jt_bi', 'nxca_ks_gu', 'portone1']);
      assert.ok(demo.channels.every((c) => c.mode === 'TEST' && c.key.startsWith('channel-key-')));
      assert.equal(await seedDemo(t.deps), undefined, 'a second seed must not add another demo merchant');
      const stored = JSON.parse((await loadDemoCredentials(t.deps.db, t.deps.box))!);
      assert.deepEqual(stored, demo);
    });

    it('seeds exactly once when several starts race', async () => {
      const fresh = await openTestDeps(kind);
      try {
        const results = await Promise.all([seedDemo(fresh.deps), seedDemo(fresh.deps), seedDemo(fresh.deps)]);
        assert.equal(results.filter(Boolean).length, 1);
      } finally {
        await fresh.close();
      }
    });

    it('stores API secrets only as hashes and webhook secrets only encrypted', async () => {
      const demo = JSON.parse((await loadDemoCredentials(t.deps.db, t.deps.box))!);
      const secrets = await t.deps.db.select().from(apiSecrets);
      assert.equal(secrets.length, 1);
      assert.equal(secrets[0]!.secretHash, tokenHash(demo.apiSecret));
      assert.ok(!JSON.stringify(secrets).includes(demo.apiSecret));
      const endpoints = await t.deps.db.select().from(webhookEndpoints);
      assert.ok(!JSON.stringify(endpoints).includes(demo.webhookSecret.slice(6)));
      const endpoint = endpoints[0]!;
      assert.equal(endpoint.secretKeyVersion, 1);
      assert.equal(t.deps.box.open({ ciphertext: endpoint.secretCiphertext, keyVersion: endpoint.secretKeyVersion }, endpoint.id), demo.webhookSecret);
    });

    it('keeps the audit log append-only and free of secrets', async () => {
      const rows = await t.deps.db.select().from(auditLog);
      assert.ok(rows.some((r) => r.action === 'demo.seeded'));
      const demo = JSON.parse((await loadDemoCredentials(t.deps.db, t.deps.box))!);
      const text = JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      for (const secret of [demo.apiSecret, demo.impSecret, demo.webhookSecret, demo.console.password]) assert.ok(!text.includes(secret));
      const appendOnly = (error: unknown) => /append-only/.test(String((error as Error).cause ?? error));
      await assert.rejects(t.deps.db.execute(sql`update audit_log set action = 'x'`), appendOnly);
      await assert.rejects(t.deps.db.execute(sql`delete from audit_log`), appendOnly);
    });

    it('refuses a master key that did not encrypt this database', async () => {
      const wrong = parseMasterKey(randomBytes(32).toString('base64'));
      await assert.rejects(verifyMasterKey(t.deps.db, wrong), (error: unknown) => {
        assert.ok(error instanceof MasterKeyError);
        assert.match(error.message, /master key does not match this database/);
        return true;
      });
      await verifyMasterKey(t.deps.db, t.deps.box);
    });
  });
}
