import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { newRowId } from '../../src/domain/ids.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.ts';
import { insertApplication } from '../../src/store/repositories/applications.ts';
import { auditLog, channels } from '../../src/store/schema.ts';
import { databaseKinds } from '../support/database.ts';
import { ConsoleClient } from '../support/consoleClient.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

const liveKeys = { licenseKey: 'ST2611221234567890abc', encryptionKey: 'liveEncryptionKey0123456789abcde' };

for (const kind of databaseKinds) {
  describe(`channel management (console API) on ${kind}`, () => {
    let sandbox: RunningSandbox;
    let t: TestApp;
    let owner: ConsoleClient;
    let base: string;
    before(async () => {
      sandbox = await startSandbox({ port: 0, notify: false, nightly: false });
      t = await startTestApp(kind, { hectoUrl: sandbox.url });
      owner = new ConsoleClient(t.app);
      const session = (await owner.login(t.demo.console.email, t.demo.console.password)).json();
      base = `/console-api/stores/${t.demo.storeId}/channels`;
      // LIVE channels need a completed contract (the workflow itself is tested in console-applications).
      const at = new Date();
      await insertApplication(t.deps.db, {
        id: newRowId(),
        merchantId: session.merchant.id,
        pgProviders: ['SETTLE'],
        paymentMethods: ['CARD'],
        contactEmail: 'contact@example.com',
        stage: 'CONTRACT_COMPLETED',
        submittedAt: at,
        updatedAt: at,
      });
    });
    after(async () => {
      await t.close();
      await sandbox.close();
    });

    const testChannel = { mode: 'TEST', pgProvider: 'SETTLE', module: 'HECTO_WINDOW_API', attribute: 'PAYMENT', taxSetting: 'TAXABLE' };

    it('refuses a name with other characters, saying which are allowed', async () => {
      const response = await owner.request('POST', base, { ...testChannel, name: '헥토 테스트!', mid: 'nxca_jt_bi' });
      assert.equal(response.statusCode, 400);
      const { error } = response.json();
      assert.equal(error.field, 'name');
      assert.match(error.message.ko, /밑줄\(_\)과 하이픈\(-\)만/);
      assert.match(error.message.ko, /!/);
    });

    it('adds TEST channels only with a published test MID', async () => {
      const bad = await owner.request('POST', base, { ...testChannel, name: 'test', mid: 'my_mid' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.field, 'mid');
      const created = await owner.request('POST', base, { ...testChannel, name: '카유 테스트_2', mid: 'nxca_jt_bi' });
      assert.equal(created.statusCode, 201, created.body);
      const channel = created.json();
      assert.match(channel.key, /^channel-key-/);
      assert.equal(channel.mode, 'TEST');
      assert.match(channel.midDescription.ko, /카드번호, 유효기간/);
      assert.match(channel.hectoNoticeId, /^imp_[a-z0-9]{4}$/);
      assert.equal(channel.maskedLicenseKey, null);
    });

    it('stores LIVE keys encrypted, shows them masked, never in full', async () => {
      const shortKey = await owner.request('POST', base, { ...testChannel, mode: 'LIVE', name: 'live', mid: 'm_live_01', licenseKey: liveKeys.licenseKey, encryptionKey: 'too-short' });
      assert.equal(shortKey.json().error.field, 'encryptionKey');
      const created = await owner.request('POST', base, { ...testChannel, mode: 'LIVE', name: '실 연동', mid: 'm_live_01', ...liveKeys });
      assert.equal(created.statusCode, 201, created.body);
      const body = created.body;
      assert.ok(!body.includes(liveKeys.licenseKey) && !body.includes(liveKeys.encryptionKey));
      assert.match(created.json().maskedEncryptionKey, /^liv…cde$/);
      const [row] = await t.deps.db.select().from(channels).where(eq(channels.id, created.json().id));
      assert.ok(row!.licenseKeyCiphertext && !row!.licenseKeyCiphertext.includes(liveKeys.licenseKey));
      const list = (await owner.request('GET', base)).body;
      assert.ok(!list.includes(liveKeys.licenseKey) && !list.includes(liveKeys.encryptionKey));
      const audit = JSON.stringify(await t.deps.db.select().from(auditLog), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      assert.ok(audit.includes('channel.created'));
      assert.ok(!audit.includes(liveKeys.licenseKey) && !audit.includes(liveKeys.encryptionKey));
    });

    it('checks the connection: test keys accepted, unknown live keys refused by the PG, registered ones accepted', async () => {
      const items = (await owner.request('GET', base)).json().items;
      const test = items.find((c: { mid: string }) => c.mid === 'portone1');
      const accepted = await owner.request('POST', `${base}/${test.id}/check-connection`);
      assert.equal(accepted.json().result, 'ACCEPTED', accepted.body);

      const live = items.find((c: { mid: string }) => c.mid === 'm_live_01');
      const refused = await owner.request('POST', `${base}/${live.id}/check-connection`);
      assert.equal(refused.json().result, 'REJECTED', refused.body);

      const registered = await fetch(`${sandbox.url}/__sandbox/merchants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mchtId: 'm_live_01', ...liveKeys }),
      });
      assert.ok(registered.ok, await registered.text());
      const nowAccepted = await owner.request('POST', `${base}/${live.id}/check-connection`);
      assert.equal(nowAccepted.json().result, 'ACCEPTED', nowAccepted.body);
    });

    it('edits, disables, sets a per-method default and soft-deletes, auditing each change', async () => {
      const items = (await owner.request('GET', base)).json().items;
      const jtbi = items.find((c: { name: string }) => c.name === '카유 테스트_2');
      const renamed = await owner.request('PATCH', `${base}/${jtbi.id}`, { name: '카유 기본', enabled: false });
      assert.equal(renamed.json().name, '카유 기본');
      assert.equal(renamed.json().enabled, false);
      const keysOnTest = await owner.request('PATCH', `${base}/${jtbi.id}`, { licenseKey: 'x' });
      assert.equal(keysOnTest.statusCode, 400);

      const defaults = await owner.request('POST', `${base}/${jtbi.id}/default`, { method: 'CARD' });
      const after = defaults.json().items;
      assert.deepEqual(after.find((c: { id: string }) => c.id === jtbi.id).defaultMethods, ['CARD']);
      const portone1 = after.find((c: { mid: string }) => c.mid === 'portone1');
      assert.deepEqual(portone1.defaultMethods, ['VIRTUAL_ACCOUNT', 'TRANSFER'], 'only one default per method');
      const unsupported = await owner.request('POST', `${base}/${jtbi.id}/default`, { method: 'VIRTUAL_ACCOUNT' });
      assert.equal(unsupported.statusCode, 400);

      assert.equal((await owner.request('DELETE', `${base}/${jtbi.id}`)).statusCode, 204);
      const remaining = (await owner.request('GET', base)).json().items;
      assert.ok(!remaining.some((c: { id: string }) => c.id === jtbi.id));
      const [row] = await t.deps.db.select().from(channels).where(eq(channels.id, jtbi.id));
      assert.ok(row!.deletedAt, 'deleted softly: the row stays for its payments');
      const actions = (await t.deps.db.select().from(auditLog)).map((r) => r.action);
      for (const action of ['channel.updated', 'channel.default_set', 'channel.deleted']) assert.ok(actions.includes(action), action);

      // 결제 내역 can still filter by the deleted channel: it is offered, marked deleted, after the live ones.
      const filter = (await owner.request('GET', `/console-api/stores/${t.demo.storeId}/payment-channels`)).json().items;
      const deleted = filter.find((c: { id: string }) => c.id === jtbi.id);
      assert.deepEqual(deleted, { id: jtbi.id, name: '카유 기본', mode: 'TEST', deleted: true });
      assert.equal(filter.at(-1).id, jtbi.id);
      assert.ok(filter.filter((c: { deleted: boolean }) => !c.deleted).length >= 2);
      assert.equal((await owner.request('GET', `/console-api/stores/${t.demo.storeId}/payments?channelId=${jtbi.id}`)).statusCode, 200);
    });

    it('prepares the deposit-notice request e-mail for Hecto', async () => {
      const items = (await owner.request('GET', base)).json().items;
      const live = items.find((c: { mid: string }) => c.mid === 'm_live_01');
      const notice = (await owner.request('GET', `${base}/${live.id}/va-notice-request`)).json();
      assert.equal(notice.to, 'settle_pgdev@hecto.co.kr');
      assert.equal(notice.noticeUrl, `${t.deps.config.publicUrl}/settle_payments/notice_vbank`);
      assert.match(notice.body, /상호명: 페이먹스 데모 상점/);
      assert.match(notice.body, /상점아이디\(MID\): m_live_01/);
      assert.match(notice.body, new RegExp(`헥토파이낸셜 상점아이디: ${live.hectoNoticeId}`));
      assert.ok(notice.mailto.startsWith('mailto:settle_pgdev@hecto.co.kr?subject='));

      // Only for the contracted MID: a TEST channel is told why there is nothing to ask for.
      const portone1 = items.find((c: { mid: string }) => c.mid === 'portone1');
      const onTest = await owner.request('GET', `${base}/${portone1.id}/va-notice-request`);
      assert.equal(onTest.statusCode, 409);
      assert.match(onTest.json().error.message.ko, /테스트 채널은 입금통보 URL을 요청하지 않습니다/);
    });

    it('keeps viewers and other merchants out', async () => {
      const other = new ConsoleClient(t.app);
      await other.request('POST', '/console-api/signup', { companyName: '남의 상점', businessRegistrationNumber: '2208162517', email: `x-${kind}@example.com`, password: 'other-password' });
      const foreign = await other.request('POST', base, { ...testChannel, name: 'x', mid: 'nxca_jt_bi' });
      assert.equal(foreign.statusCode, 404);
    });
  });
}
