/**
 * 결제창 빌링키 발급 when the PG's notice comes late: the buyer's return finds no notice, so the
 * attempt is PENDING (never guessed a failure) and the buyer's response says so; the notice, when
 * it lands, stores the key sealed with BillingKey.Issued. Hecto has no inquiry that returns a
 * billKey (APITrdcheck, spec §38.7), so the notice is the only word that settles it. Notices are
 * held back in the simulator and released, through its HTTP switches.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { billingKeys, webhookOutbox } from '../../../src/store/schema.ts';
import { databaseKinds } from '../../support/database.ts';
import { channelKeyOf, startPaymentsEnv, type PaymentsTestEnv } from '../../support/payments.ts';
import { formOf, openPgWindow, postForm, registerCardInWindow } from '../../support/windowHttp.ts';

const card = { cardNo: '1111222233334444', expiry: '12/39', cardPwd: '12', idntNo: '800101' };

for (const kind of databaseKinds) {
  describe(`billing key through the window, notice late (${kind})`, () => {
    let env: PaymentsTestEnv;
    const sandboxSwitch = async (path: 'hold' | 'release') => {
      const response = await fetch(`${env.sandboxUrl}/__sandbox/notifications/${path}`, { method: 'POST' });
      assert.equal(response.status, 200);
      return (await response.json()) as { held: boolean; released?: number };
    };
    const openAttempt = async (customerId: string) => {
      const response = await fetch(`${env.url}/checkout/api/v2/billing-keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          windowType: 'IFRAME',
          request: { storeId: env.t.demo.storeId, channelKey: channelKeyOf(env.t, 'nxca_ks_gu'), customer: { customerId }, issueName: '정기구독', noticeUrls: ['http://127.0.0.1:9/hook'] },
        }),
      });
      assert.equal(response.status, 200, await response.clone().text());
      return ((await response.json()) as { txId: string }).txId;
    };
    const abandon = async (txId: string) => {
      const response = await fetch(`${env.url}/checkout/api/payments/${txId}/abandon`, { method: 'POST', body: '' });
      return ((await response.json()) as { response: { code?: string; billingKey?: string; message?: string } }).response;
    };
    const keyOfCustomer = async (customerId: string) => {
      const rows = await env.t.deps.db.select().from(billingKeys).where(eq(billingKeys.storeId, env.t.demo.storeId));
      return rows.filter((r) => r.customer?.id === customerId);
    };
    const issuedWebhooks = async (billingKey: string) =>
      (await env.t.deps.db.select().from(webhookOutbox).where(and(eq(webhookOutbox.storeId, env.t.demo.storeId), eq(webhookOutbox.eventType, 'BillingKey.Issued')))).filter((r) =>
        r.body.includes(billingKey),
      );

    before(async () => {
      env = await startPaymentsEnv(kind);
    });
    after(async () => {
      env?.sandbox.sandbox.notifier.release();
      await env?.close();
    });

    it('returns PENDING (not a failure) without the notice; the late notice stores the key sealed and announces it', async () => {
      assert.deepEqual(await sandboxSwitch('hold'), { held: true });
      const txId = await openAttempt('late-cust');
      const page = await registerCardInWindow(env.url, txId, card);
      assert.match(page, /data-state="PENDING"/);
      assert.match(page, /카드를 다시 등록하지 않으셔도 됩니다/);

      // The SDK's answer (here through the popup-closed path): pending, no key, and nothing declined.
      const pending = await abandon(txId);
      assert.equal(pending.code, 'BILLING_KEY_ISSUE_PENDING');
      assert.equal(pending.billingKey, undefined);
      assert.match(String(pending.message), /다시 등록하지/);
      // A second return (the buyer reloads nextUrl) changes nothing either.
      const result = await (await fetch(`${env.url}/checkout/result/${txId}`)).text();
      assert.match(result, /data-state="PENDING"/);
      assert.equal((await keyOfCustomer('late-cust')).length, 0);

      assert.equal((await sandboxSwitch('release')).released, 1);
      await env.sandbox.sandbox.notifier.idle();
      const [stored] = await keyOfCustomer('late-cust');
      assert.ok(stored, 'the late notice registered the key');
      assert.equal(stored.status, 'ISSUED');
      // Sealed at rest: the PG's SBILL_ key is not in the row in clear.
      assert.doesNotMatch(JSON.stringify(stored), /SBILL_/);
      assert.equal((await issuedWebhooks(stored.id)).length, 1);
      const after = await abandon(txId);
      assert.deepEqual([after.code, after.billingKey], [undefined, stored.id]);
      const found = await fetch(`${env.url}/billing-keys/${stored.id}`, { headers: { authorization: `PortOne ${env.t.demo.apiSecret}` } });
      assert.equal(found.status, 200);
      assert.equal(((await found.json()) as { status: string }).status, 'ISSUED');

      // Hecto resends a notice until answered OK: a repeat is recorded once and registers nothing twice.
      const delivered = env.sandbox.sandbox.notifier.deliveries().at(-1)!;
      const repeat = await postForm(delivered.url, { ...delivered.fields });
      assert.equal(repeat.trim(), 'OK');
      assert.equal((await keyOfCustomer('late-cust')).length, 1);
      assert.equal((await issuedWebhooks(stored.id)).length, 1);
    });

    it("a verified notice of an issued key wins over the buyer's side: the popup closed before nextUrl, the key is still stored", async () => {
      await sandboxSwitch('hold');
      const txId = await openAttempt('closed-cust');
      // The buyer registers the card in the PG's window, then closes the popup instead of pressing 닫기.
      const { html, pgOrigin } = await openPgWindow(env.url, txId);
      const cardForm = formOf(html, /\/card\/pay\.do$/);
      const done = await postForm(`${pgOrigin}${cardForm.action}`, { ...cardForm.fields, ...card });
      assert.match(done, /\/checkout\/return\//);
      const closed = await abandon(txId);
      assert.equal(closed.code, 'FAILURE_TYPE_PG');

      await sandboxSwitch('release');
      await env.sandbox.sandbox.notifier.idle();
      const [stored] = await keyOfCustomer('closed-cust');
      assert.ok(stored, "the PG's word registered the key the PG issued");
      assert.equal((await issuedWebhooks(stored.id)).length, 1);
      const now = await abandon(txId);
      assert.equal(now.billingKey, stored.id);
    });

    it('with the notice in time the buyer gets the key at once (no pending)', async () => {
      const txId = await openAttempt('prompt-cust');
      const page = await registerCardInWindow(env.url, txId, card);
      assert.match(page, /data-state="ISSUED"/);
      const [stored] = await keyOfCustomer('prompt-cust');
      assert.ok(stored);
    });
  });
}
