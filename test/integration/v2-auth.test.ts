import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signUp } from '../../src/services/tenancy.ts';
import { databaseKinds } from '../support/database.ts';
import { ConsoleClient } from '../support/consoleClient.ts';
import { fixedClock, startTestApp, type TestApp } from '../support/harness.ts';
import { v2TestRoutes } from '../support/v2TestRoutes.ts';

for (const kind of databaseKinds) {
  describe(`V2 authentication on ${kind}`, () => {
    let t: TestApp;
    const clock = fixedClock(new Date('2026-11-20T03:00:00Z'));
    before(async () => {
      t = await startTestApp(kind, { clock, v2Routes: [v2TestRoutes] });
    });
    after(() => t.close());

    const channelKey = () => t.demo.channels[0]!.key;
    const get = (url: string, authorization?: string) =>
      t.app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
    const post = (url: string, payload: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload, headers });

    it('accepts "PortOne <secret>"', async () => {
      const response = await get(`/__test/channels/${channelKey()}`, `PortOne ${t.demo.apiSecret}`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().key, channelKey());
    });

    it('answers 401 UNAUTHORIZED JSON for a missing, malformed or wrong credential', async () => {
      for (const authorization of [undefined, 'Basic abc', `PortOne ${t.demo.apiSecret}x`, 'Bearer not-a-token', 'PortOne']) {
        const response = await get(`/__test/channels/${channelKey()}`, authorization);
        assert.equal(response.statusCode, 401, String(authorization));
        const body = response.json();
        assert.equal(body.type, 'UNAUTHORIZED');
        assert.equal(typeof body.message, 'string');
      }
    });

    it('issues Bearer tokens for an API secret and refreshes them, newest refresh token only', async () => {
      const login = await post('/login/api-secret', JSON.stringify({ apiSecret: t.demo.apiSecret }), { 'content-type': 'text/plain;charset=UTF-8' });
      assert.equal(login.statusCode, 200);
      const first = login.json();
      assert.ok(first.accessToken && first.refreshToken);
      assert.equal((await get(`/__test/channels/${channelKey()}`, `Bearer ${first.accessToken}`)).statusCode, 200);

      const refreshed = await post('/token/refresh', JSON.stringify({ refreshToken: first.refreshToken }));
      assert.equal(refreshed.statusCode, 200);
      const second = refreshed.json();
      assert.equal((await get(`/__test/channels/${channelKey()}`, `Bearer ${second.accessToken}`)).statusCode, 200);

      const reused = await post('/token/refresh', JSON.stringify({ refreshToken: first.refreshToken }));
      assert.equal(reused.statusCode, 401);
      assert.equal(reused.json().type, 'UNAUTHORIZED');

      // A new login also retires the refresh token issued before it.
      await post('/login/api-secret', JSON.stringify({ apiSecret: t.demo.apiSecret }));
      assert.equal((await post('/token/refresh', JSON.stringify({ refreshToken: second.refreshToken }))).statusCode, 401);
    });

    it('lets access tokens expire after 30 minutes', async () => {
      const { accessToken } = (await post('/login/api-secret', JSON.stringify({ apiSecret: t.demo.apiSecret }))).json();
      clock.advance(29 * 60_000);
      assert.equal((await get(`/__test/channels/${channelKey()}`, `Bearer ${accessToken}`)).statusCode, 200);
      clock.advance(2 * 60_000);
      const expired = await get(`/__test/channels/${channelKey()}`, `Bearer ${accessToken}`);
      assert.equal(expired.statusCode, 401);
      assert.match(expired.json().message, /expired/);
    });

    it('stops a revoked secret and its tokens at once', async () => {
      const console = new ConsoleClient(t.app);
      assert.equal((await console.login(t.demo.console.email, t.demo.console.password)).statusCode, 200);
      const created = (await console.request('POST', `/console-api/stores/${t.demo.storeId}/api-secrets`, { name: 'to revoke' })).json();
      const { accessToken, refreshToken } = (await post('/login/api-secret', JSON.stringify({ apiSecret: created.secret }))).json();
      const before = await get(`/__test/channels/${channelKey()}`, `Bearer ${accessToken}`);
      assert.equal(before.statusCode, 200, before.body);

      const revoked = await console.request('DELETE', `/console-api/stores/${t.demo.storeId}/api-secrets/${created.id}`);
      assert.equal(revoked.statusCode, 200);
      assert.equal((await get(`/__test/channels/${channelKey()}`, `PortOne ${created.secret}`)).statusCode, 401);
      assert.equal((await get(`/__test/channels/${channelKey()}`, `Bearer ${accessToken}`)).statusCode, 401);
      assert.equal((await post('/token/refresh', JSON.stringify({ refreshToken }))).statusCode, 401);
      assert.equal((await post('/login/api-secret', JSON.stringify({ apiSecret: created.secret }))).statusCode, 401);
    });

    it("answers 404 for another store's resources, as if absent", async () => {
      const other = await signUp(
        t.deps,
        { companyName: '다른 상점', businessRegistrationNumber: '2208162517', email: 'other@example.com', password: 'another-password' },
        { type: 'system' },
      );
      const console = new ConsoleClient(t.app);
      await console.login('other@example.com', 'another-password');
      const { secret } = (await console.request('POST', `/console-api/stores/${other.storeId}/api-secrets`, { name: 'other' })).json();
      const response = await get(`/__test/channels/${channelKey()}`, `PortOne ${secret}`);
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().type, 'NOT_FOUND');
      const own = await get('/__test/channels/no-such-channel', `PortOne ${t.demo.apiSecret}`);
      assert.deepEqual(own.json(), response.json(), 'absent and foreign must be indistinguishable');
    });
  });
}
