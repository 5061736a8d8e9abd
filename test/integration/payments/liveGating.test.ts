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

      // V1: its envelope, with the same reason.
      const token = ((await (await fetch(`${env.url}/v1/users/getToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ imp_key: env.t.demo.impKey, imp_secret: env.t.demo.impSecret }) })).json()) as { response: { access_token: string } }).response.access_token;
      const v1Refused = await fetch(`${env.url}/v1/subscribe/payments/onetime`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ merchant_uid: `live-v1-${newRowId()}`, amount: 1000, card_number: keyInCard.number, expiry: '2039-12', pg: 'settle.m_live_01' }),
      });
      const v1Body = (await v1Refused.json()) as { code: number; message: string; response: unknown };
      assert.notEqual(v1Body.code, 0);
      assert.equal(v1Body.response, null);
      assert.match(v1Body.message, /카드사 심사가 완료되지 않아/);

      // The checkout: PortOne's code for a state that does not allow it, and a page to show the buyer.
      const checkout = (paymentId: string) =>
        fetch(`${env.url}/checkout/api/v2/payments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            windowType: 'IFRAME',
            request: { storeId: env.t.demo.storeId, channelKey: liveKey, paymentId, orderName: '실 결제창', totalAmount: 1000, currency: 'KRW', payMethod: 'CARD', locale: 'EN_US' },
          }),
        });
      const windowRefused = await checkout(`live-w-${newRowId()}`);
      assert.equal(windowRefused.status, 403);
      const refusal = (await windowRefused.json()) as { code: string; message: string; refusalUrl: string };
      assert.equal(refusal.code, 'InvalidEntityState');
      assert.match(refusal.message, /card-company review is not complete/);
      assert.equal(refusal.refusalUrl, `${env.url}/checkout/refused/card-review?locale=en`);
      const page = await fetch(refusal.refusalUrl);
      assert.equal(page.status, 403);
      assert.match(await page.text(), /card-company review is not complete/);
      assert.match(await (await fetch(`${env.url}/checkout/refused/card-review`)).text(), /카드사 심사가 완료되지 않아 실 결제를 할 수 없습니다/);

      await upsertCardReview(env.t.deps.db, { applicationId, cardCompany: 'KB국민', result: 'APPROVED', decidedOn: '2026-11-20', note: null, recordedBy: null, recordedAt: new Date() });
      await upsertCardReview(env.t.deps.db, { applicationId, cardCompany: '삼성', result: 'REJECTED', decidedOn: '2026-11-20', note: null, recordedBy: null, recordedAt: new Date() });
      const paid = await pay(`live-${newRowId()}`, liveKey);
      assert.equal(paid.status, 200, await paid.clone().text());

      // Approved: the LIVE window opens, offering only the approved card company.
      const opened = await checkout(`live-w-${newRowId()}`);
      assert.equal(opened.status, 200, await opened.clone().text());
      const { windowUrl } = (await opened.json()) as { windowUrl: string };
      const redirect = await (await fetch(windowUrl)).text();
      const form = [...redirect.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, name, value]) => [name!, value!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>')]);
      assert.deepEqual(form.find(([name]) => name === 'cardCd'), ['cardCd', 'KBC']);
      const action = redirect.match(/<form[^>]+action="([^"]+)"/)![1]!;
      const windowPage = await (await fetch(action.replaceAll('&amp;', '&'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })).text();
      // This live MID's window asks for the card itself: it names the companies and refuses the others' cards.
      assert.match(windowPage, /결제 가능 카드사: KB국민</);
      const sid = windowPage.match(/name="sid" value="([^"]+)"/)![1]!;
      const withBcCard = await (
        await fetch(new URL('/card/pay.do', action).href, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ sid, cardNo: keyInCard.number, expiry: '12/39' }).toString(),
        })
      ).text();
      assert.match(withBcCard, /비씨 카드는 이 상점에서 사용할 수 없습니다\./);
      assert.match(withBcCard, /카드 정보를 입력하세요/, 'the buyer can try another card');
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
