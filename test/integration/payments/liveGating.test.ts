import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newRowId } from '../../../src/domain/ids.ts';
import { insertApplication, upsertCardReview } from '../../../src/store/repositories/applications.ts';
import { databaseKinds } from '../../support/database.ts';
import { ConsoleClient } from '../../support/consoleClient.ts';
import { channelKeyOf, keyInCard, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';

const liveKeys = { licenseKey: 'ST2611221234567890abc', encryptionKey: 'liveEncryptionKey0123456789abcde' };

for (const kind of databaseKinds) {
  describe(`LIVE gating and channel choice on ${kind}`, () => {
    let env: PaymentsTestEnv;
    let owner: ConsoleClient;
    let applicationId: string;
    let liveKey: string;
    before(async () => {
      env = await startPaymentsEnv(kind, { sandbox: { notify: false } });
      owner = new ConsoleClient(env.t.app);
      const session = (await owner.login(env.t.demo.console.email, env.t.demo.console.password)).json();
      applicationId = newRowId();
      const at = new Date();
      await insertApplication(env.t.deps.db, {
        id: applicationId,
        merchantId: session.merchant.id,
        pgProviders: ['SETTLE'],
        paymentMethods: ['CARD'],
        contactEmail: 'c@example.com',
        stage: 'CARD_REVIEW',
        submittedAt: at,
        updatedAt: at,
      });
      // The live MID exists at the (simulated) PG with its own keys.
      const registered = await fetch(`${env.sandboxUrl}/__sandbox/merchants`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mchtId: 'm_live_01', ...liveKeys }),
      });
      assert.ok(registered.ok);
      const created = await owner.request('POST', `/console-api/stores/${env.t.demo.storeId}/channels`, {
        mode: 'LIVE',
        pgProvider: 'SETTLE',
        module: 'HECTO_WINDOW_API',
        attribute: 'PAYMENT',
        taxSetting: 'TAXABLE',
        name: '실 연동',
        mid: 'm_live_01',
        ...liveKeys,
      });
      assert.equal(created.statusCode, 201, created.body);
      liveKey = created.json().key;
    });
    after(() => env.close());

    const pay = (paymentId: string, channelKey: string) =>
      fetch(`${env.url}/payments/${paymentId}/instant`, {
        method: 'POST',
        headers: { authorization: `PortOne ${env.t.demo.apiSecret}` },
        body: JSON.stringify({ channelKey, method: { card: { credential: keyInCard } }, orderName: '실 결제', amount: { total: 1000 }, currency: 'KRW' }),
      });

    it('refuses LIVE payments with 403 until a card company has approved, then pays with the live keys', async () => {
      const refused = await pay(`live-${newRowId()}`, liveKey);
      assert.equal(refused.status, 403);
      const body = (await refused.json()) as { type: string; message: string };
      assert.equal(body.type, 'FORBIDDEN');
      assert.match(body.message, /card-company review/);

      await upsertCardReview(env.t.deps.db, { applicationId, cardCompany: 'KB국민', result: 'APPROVED', decidedOn: '2026-11-20', note: null, recordedBy: null, recordedAt: new Date() });
      const paid = await pay(`live-${newRowId()}`, liveKey);
      assert.equal(paid.status, 200, await paid.clone().text());
    });

    it('does not pay through a disabled channel', async () => {
      const channels = (await owner.request('GET', `/console-api/stores/${env.t.demo.storeId}/channels`)).json().items;
      const jtbi = channels.find((c: { mid: string }) => c.mid === 'nxca_jt_bi');
      await owner.request('PATCH', `/console-api/stores/${env.t.demo.storeId}/channels/${jtbi.id}`, { enabled: false });
      const response = await pay(`test-${newRowId()}`, channelKeyOf(env.t, 'nxca_jt_bi'));
      assert.equal(response.status, 404);
      assert.equal(((await response.json()) as { type: string }).type, 'CHANNEL_NOT_FOUND');
      await owner.request('PATCH', `/console-api/stores/${env.t.demo.storeId}/channels/${jtbi.id}`, { enabled: true });
      assert.equal((await pay(`test-${newRowId()}`, channelKeyOf(env.t, 'nxca_jt_bi'))).status, 200);
    });
  });
}
