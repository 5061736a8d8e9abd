import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { newRowId } from '../../src/domain/ids.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import { auditLog, consoleUsers, v1Credentials, webhookEndpoints } from '../../src/store/schema.ts';
import { insertConsoleUser } from '../../src/store/repositories/tenancy.ts';
import { tokenHash } from '../../src/store/secretBox.ts';
import { databaseKinds } from '../support/database.ts';
import { ConsoleClient } from '../support/consoleClient.ts';
import { fixedClock, startTestApp, type TestApp } from '../support/harness.ts';

const signup = { companyName: '주식회사 예시', businessRegistrationNumber: '220-81-62517', email: 'Owner@Example.com', password: 'correct horse battery' };

for (const kind of databaseKinds) {
  describe(`console API on ${kind}`, () => {
    let t: TestApp;
    const clock = fixedClock(new Date('2026-11-20T03:00:00Z'));
    before(async () => {
      t = await startTestApp(kind, { clock });
    });
    after(() => t.close());

    it('signs up a merchant with its first store and owner, and signs them in', async () => {
      const client = new ConsoleClient(t.app);
      const response = await client.request('POST', '/console-api/signup', signup);
      assert.equal(response.statusCode, 201, response.body);
      const session = response.json();
      assert.equal(session.user.email, 'owner@example.com');
      assert.equal(session.user.role, 'owner');
      assert.match(session.merchant.code, /^imp\d{8}$/);
      assert.equal(session.stores.length, 1);
      assert.match(session.stores[0].id, /^store-/);
      const cookie = response.cookies.find((c) => c.name === 'paymux_session')!;
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, 'Strict');
      assert.equal((await client.request('GET', '/console-api/me')).json().merchant.code, session.merchant.code);
      const [user] = await t.deps.db.select().from(consoleUsers).where(eq(consoleUsers.email, 'owner@example.com'));
      assert.match(user!.passwordHash, /^\$argon2id\$/);
    });

    it('refuses a taken e-mail and bad fields, naming the field', async () => {
      const client = new ConsoleClient(t.app);
      const taken = await client.request('POST', '/console-api/signup', { ...signup, email: 'owner@example.com' });
      assert.equal(taken.statusCode, 409);
      assert.equal(taken.json().error.code, 'EMAIL_TAKEN');
      for (const [field, value] of [
        ['businessRegistrationNumber', '1234567890'],
        ['password', 'short'],
        ['email', 'not-an-email'],
        ['companyName', '   '],
      ] as const) {
        const response = await client.request('POST', '/console-api/signup', { ...signup, email: 'new@example.com', [field]: value });
        assert.equal(response.statusCode, 400, field);
        const { error } = response.json();
        assert.equal(error.code, 'INVALID_INPUT');
        assert.equal(error.field, field);
        assert.ok(error.message.ko && error.message.en);
      }
    });

    it('requires a CSRF token on state-changing calls', async () => {
      const client = new ConsoleClient(t.app);
      const response = await client.request('POST', '/console-api/login', { email: t.demo.console.email, password: t.demo.console.password }, { csrf: false });
      assert.equal(response.statusCode, 403);
      assert.equal(response.json().error.code, 'CSRF');
    });

    it('locks an account after 5 failed logins, even against the right password, for 15 minutes', async () => {
      const client = new ConsoleClient(t.app);
      await client.request('POST', '/console-api/signup', { ...signup, email: 'lock@example.com' });
      for (let i = 0; i < 4; i++) {
        const response = await client.login('lock@example.com', 'wrong password!');
        assert.equal(response.statusCode, 401);
        assert.equal(response.json().error.code, 'INVALID_CREDENTIALS');
      }
      assert.equal((await client.login('lock@example.com', 'wrong password!')).statusCode, 429);
      const locked = await client.login('lock@example.com', signup.password);
      assert.equal(locked.statusCode, 429);
      assert.equal(locked.json().error.code, 'LOCKED');
      clock.advance(16 * 60_000);
      assert.equal((await client.login('lock@example.com', signup.password)).statusCode, 200);
      const actions = (await t.deps.db.select().from(auditLog)).map((r) => r.action);
      assert.ok(actions.includes('console.login_locked'));
    });

    it('answers an unknown e-mail exactly like a wrong password', async () => {
      const client = new ConsoleClient(t.app);
      const unknown = await client.login('nobody@example.com', 'whatever-password');
      const wrong = await client.login(t.demo.console.email, 'whatever-password');
      assert.equal(unknown.statusCode, 401);
      assert.deepEqual(unknown.json(), wrong.json());
    });

    it('logs out: the session cookie stops working', async () => {
      const client = new ConsoleClient(t.app);
      await client.login(t.demo.console.email, t.demo.console.password);
      const token = client.sessionCookie!;
      assert.equal((await client.request('POST', '/console-api/logout')).statusCode, 204);
      const stale = await t.app.inject({ method: 'GET', url: '/console-api/me', cookies: { paymux_session: token } });
      assert.equal(stale.statusCode, 401);
    });

    it('creates, lists (masked) and revokes V2 secrets, shown once', async () => {
      const client = new ConsoleClient(t.app);
      await client.login(t.demo.console.email, t.demo.console.password);
      const base = `/console-api/stores/${t.demo.storeId}/api-secrets`;
      const created = await client.request('POST', base, { name: 'server' });
      assert.equal(created.statusCode, 201);
      const { id, secret, maskedSecret } = created.json();
      assert.match(secret, /^[A-Za-z0-9]{80}$/);
      const list = (await client.request('GET', base)).json().items;
      assert.ok(list.some((s: { id: string; maskedSecret: string }) => s.id === id && s.maskedSecret === maskedSecret));
      assert.ok(!JSON.stringify(list).includes(secret));
      const login = await t.app.inject({ method: 'POST', url: '/login/api-secret', payload: JSON.stringify({ apiSecret: secret }) });
      assert.equal(login.statusCode, 200);
      const revoked = await client.request('DELETE', `${base}/${id}`);
      assert.equal(revoked.statusCode, 200);
      assert.ok(revoked.json().revokedAt);
      assert.equal((await t.app.inject({ method: 'POST', url: '/login/api-secret', payload: JSON.stringify({ apiSecret: secret }) })).statusCode, 401);
      const audit = JSON.stringify(await t.deps.db.select().from(auditLog), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      assert.ok(audit.includes('api_secret.revoked'));
      assert.ok(!audit.includes(secret));
    });

    it('shows the V1 key pair masked and rotates the secret once', async () => {
      const client = new ConsoleClient(t.app);
      await client.login(t.demo.console.email, t.demo.console.password);
      const keys = (await client.request('GET', `/console-api/stores/${t.demo.storeId}/v1-keys`)).json();
      assert.equal(keys.impKey, t.demo.impKey);
      assert.equal(keys.merchantCode, t.demo.merchantCode);
      assert.ok(!keys.maskedImpSecret.includes(t.demo.impSecret));
      const rotated = (await client.request('POST', `/console-api/stores/${t.demo.storeId}/v1-keys/rotate`)).json();
      assert.equal(rotated.impKey, t.demo.impKey);
      assert.notEqual(rotated.impSecret, t.demo.impSecret);
      const [row] = await t.deps.db.select().from(v1Credentials).where(eq(v1Credentials.storeId, t.demo.storeId));
      assert.equal(row!.impSecretHash, tokenHash(rotated.impSecret));
    });

    it('sets the webhook URL and rotates its whsec_ secret, stored encrypted', async () => {
      const client = new ConsoleClient(t.app);
      await client.login(t.demo.console.email, t.demo.console.password);
      const base = `/console-api/stores/${t.demo.storeId}/webhook`;
      const bad = await client.request('PUT', base, { url: 'ftp://example.com/hook' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.field, 'url');
      const set = await client.request('PUT', base, { url: 'https://shop.example.com/portone-webhook' });
      assert.equal(set.json().url, 'https://shop.example.com/portone-webhook');
      const { secret } = (await client.request('POST', `${base}/rotate-secret`)).json();
      assert.match(secret, /^whsec_/);
      const shown = (await client.request('GET', base)).json();
      assert.ok(!JSON.stringify(shown).includes(secret.slice(12)));
      const [endpoint] = await t.deps.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.storeId, t.demo.storeId));
      assert.ok(!endpoint!.secretCiphertext.includes(secret.slice(6)));
      assert.equal(t.deps.box.open({ ciphertext: endpoint!.secretCiphertext, keyVersion: endpoint!.secretKeyVersion }, endpoint!.id), secret);
    });

    it("lets a viewer read but not write, and hides other merchants' stores (404)", async () => {
      const merchantId = (await new ConsoleClient(t.app).login(t.demo.console.email, t.demo.console.password)).json().merchant.id;
      await insertConsoleUser(t.deps.db, { id: newRowId(), merchantId, email: 'viewer@example.com', passwordHash: await hashPassword('viewer-password'), role: 'viewer' });
      const viewer = new ConsoleClient(t.app);
      assert.equal((await viewer.login('viewer@example.com', 'viewer-password')).statusCode, 200);
      assert.equal((await viewer.request('GET', `/console-api/stores/${t.demo.storeId}/api-secrets`)).statusCode, 200);
      const write = await viewer.request('POST', `/console-api/stores/${t.demo.storeId}/api-secrets`, { name: 'nope' });
      assert.equal(write.statusCode, 403);
      assert.equal(write.json().error.code, 'FORBIDDEN');

      const owner = new ConsoleClient(t.app);
      await owner.login('owner@example.com', signup.password);
      for (const path of ['api-secrets', 'channels', 'webhook', 'v1-keys']) {
        const foreign = await owner.request('GET', `/console-api/stores/${t.demo.storeId}/${path}`);
        assert.equal(foreign.statusCode, 404, path);
        const absent = await owner.request('GET', `/console-api/stores/store-00000000-0000-0000-0000-000000000000/${path}`);
        assert.deepEqual(foreign.json(), absent.json());
      }
    });

    it('lists the seeded TEST channels', async () => {
      const client = new ConsoleClient(t.app);
      await client.login(t.demo.console.email, t.demo.console.password);
      const { items } = (await client.request('GET', `/console-api/stores/${t.demo.storeId}/channels`)).json();
      assert.deepEqual(items.map((c: { mid: string }) => c.mid).sort(), ['nxca_jt_bi', 'nxca_ks_gu', 'portone1']);
      assert.ok(items.every((c: { mode: string; pgProvider: string }) => c.mode === 'TEST' && c.pgProvider === 'SETTLE'));
    });
  });
}

describe('console login rate limit', () => {
  it('answers 429 RATE_LIMITED past the per-minute budget of an address', async () => {
    const t = await startTestApp('pglite', { loginAttemptsPerMinute: 3 });
    try {
      const client = new ConsoleClient(t.app);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await client.login(`someone${i}@example.com`, 'wrong-password')).statusCode);
      assert.deepEqual(codes, [401, 401, 401, 429]);
      const limited = await client.login(t.demo.console.email, t.demo.console.password);
      assert.equal(limited.json().error.code, 'RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});
