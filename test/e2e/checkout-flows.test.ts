import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Webhook } from '@portone/server-sdk';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';
import type { RunningSandbox } from '../../src/sandbox/index.ts';
import { deliverDueWebhooks } from '../../src/services/webhooks/delivery.ts';
import { billingKeys, pgCalls } from '../../src/store/schema.ts';
import type { TestApp } from '../support/harness.ts';
import { channelKeyOf, startPaymentsEnv, type PaymentsTestEnv } from '../support/payments.ts';
import { startReceiver, type Receiver } from '../integration/webhooks/helpers.ts';

/**
 * The checkout flows through the real @portone/browser-sdk loader (pointed at paymux with
 * __INTERNAL__setPortOneSdkUrl) and through IMP.request_pay, in headless Chromium: card in popup,
 * iframe and redirect, virtual account, transfer, billing key through the window, declines and
 * cancels, amounts refused before the window, V1 imp_uid and notice_url, and webhooks that
 * actually arrive at a merchant's receiver.
 */

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const loaderFile = createRequire(import.meta.url).resolve('@portone/browser-sdk/v2').replace(/v2\.cjs$/, 'v2.js');
const iPhone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';

type Json = Record<string, unknown>;

declare global {
  interface Window {
    pay(request: object): Promise<Json>;
    issueBillingKey(request: object): Promise<Json>;
    payV1(params: object): Promise<Json>;
  }
}

describe('checkout flows through the real browser SDK loader and IMP.request_pay', () => {
  let t: TestApp;
  let env: PaymentsTestEnv;
  let sandbox: RunningSandbox;
  let paymuxUrl: string;
  let merchant: Server;
  let merchantUrl: string;
  let receiver: Receiver;
  let browser: Browser;

  const shopPage = (body: string): string =>
    `<!DOCTYPE html><html lang="ko"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>merchant</title></head><body><h1>상점</h1>${body}</body></html>`;

  before(async () => {
    env = await startPaymentsEnv('pglite');
    ({ t, sandbox, url: paymuxUrl } = env);
    receiver = await startReceiver();
    merchant = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://merchant');
      const send = (type: string, body: string) => {
        response.writeHead(200, { 'content-type': `${type}; charset=UTF-8` });
        response.end(body);
      };
      if (url.pathname === '/shop-loader') {
        return send(
          'text/html',
          shopPage(`<script type="module">import * as PortOne from '/portone-loader.js';
PortOne.__INTERNAL__setPortOneSdkUrl(${JSON.stringify(`${paymuxUrl}/sdk/v2/browser-sdk.js`)});
window.pay=function(r){return PortOne.requestPayment(r);};
window.issueBillingKey=function(r){return PortOne.requestIssueBillingKey(r);};
document.body.dataset.ready='1';</script>`),
        );
      }
      if (url.pathname === '/portone-loader.js') return send('text/javascript', readFileSync(loaderFile, 'utf8'));
      if (url.pathname === '/shop-v1') {
        return send(
          'text/html',
          shopPage(
            `<script src="${paymuxUrl}/sdk/v1/iamport.js"></script><script>IMP.init(${JSON.stringify(t.demo.merchantCode)});window.payV1=function(p){return new Promise(function(r){IMP.request_pay(p,r);});};document.body.dataset.ready='1';</script>`,
          ),
        );
      }
      if (url.pathname === '/return') return send('text/html', shopPage(`<p id="landed">${url.search.replaceAll('<', '')}</p>`));
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
    merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    mkdirSync('test-results', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => merchant?.close(resolve));
    await receiver?.close();
    await env?.close();
  });

  let counter = 0;
  const newId = (prefix = 'flow') => `${prefix}-${Date.now()}-${++counter}`;
  const auth = () => ({ authorization: `PortOne ${t.demo.apiSecret}` });

  const v2Request = (paymentId: string, extra: object = {}) => ({
    storeId: t.demo.storeId,
    channelKey: channelKeyOf(t, 'portone1'),
    paymentId,
    orderName: '테스트 티셔츠',
    totalAmount: 15_000,
    currency: 'KRW',
    payMethod: 'CARD',
    customer: { fullName: '홍길동', email: 'buyer@example.com' },
    ...extra,
  });

  async function serverPayment(paymentId: string): Promise<Json & { status: string }> {
    const response = await fetch(`${paymuxUrl}/payments/${encodeURIComponent(paymentId)}`, { headers: auth() });
    assert.equal(response.status, 200, `GET /payments/${paymentId}`);
    return (await response.json()) as Json & { status: string };
  }

  async function v1Token(): Promise<string> {
    const response = await fetch(`${paymuxUrl}/v1/users/getToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imp_key: t.demo.impKey, imp_secret: t.demo.impSecret }),
    });
    return ((await response.json()) as { response: { access_token: string } }).response.access_token;
  }

  async function v1Payment(impUid: string): Promise<{ status: number; body: { code: number; response: Json } }> {
    const response = await fetch(`${paymuxUrl}/v1/payments/${encodeURIComponent(impUid)}`, { headers: { authorization: `Bearer ${await v1Token()}` } });
    return { status: response.status, body: (await response.json()) as { code: number; response: Json } };
  }

  async function shop(path: string, options: { viewport?: { width: number; height: number }; userAgent?: string } = {}): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, ...(options.userAgent ? { userAgent: options.userAgent } : {}) });
    const page = await context.newPage();
    await page.goto(`${merchantUrl}${path}`);
    await page.locator('body[data-ready="1"]').waitFor();
    return { page, context };
  }

  const frameOf = (page: Page) => page.frameLocator('iframe[name=paymux_checkout_frame]');

  async function approveAtCardCompany(window: Page | FrameLocator, shot?: { page: Page; name: string }) {
    await window.getByRole('button', { name: 'KB국민', exact: true }).click();
    await window.getByRole('button', { name: '결제하기' }).click();
    await window.getByText('결제가 완료되었습니다').waitFor();
    if (shot) await shot.page.screenshot({ path: `test-results/${shot.name}`, fullPage: true });
    await window.getByRole('button', { name: '닫기' }).click();
  }

  async function fillCard(window: Page | FrameLocator, number: string, withPasswordAndBirth: boolean) {
    await window.getByLabel('카드번호').fill(number);
    await window.getByLabel('유효기간 (MM/YY)').fill('12/39');
    if (withPasswordAndBirth) {
      await window.getByLabel('비밀번호 앞 2자리').fill('12');
      await window.getByLabel('생년월일').fill('800101');
    }
  }

  const received = (path: string) => receiver.received.filter((r) => r.path === path);

  it('loader, popup: card PAID, and the V2 webhook arrives at the merchant signed so that Webhook.verify accepts it', async () => {
    const { page, context } = await shop('/shop-loader');
    const paymentId = newId();
    const popupOpened = page.waitForEvent('popup');
    const result = page.evaluate((r) => window.pay(r), v2Request(paymentId, { windowType: { pc: 'POPUP' }, noticeUrls: [`${receiver.origin}/hook-v2`] }));
    const popup = await popupOpened;
    await approveAtCardCompany(popup);
    const response = await result;
    assert.equal(response.code, undefined, JSON.stringify(response));
    assert.equal((await serverPayment(paymentId)).status, 'PAID');

    await deliverDueWebhooks(t.deps);
    const arrived = [];
    for (const hook of received('/hook-v2')) {
      const webhook = await Webhook.verify(t.demo.webhookSecret, hook.body, hook.headers);
      if ('data' in webhook && 'paymentId' in webhook.data && webhook.data.paymentId === paymentId) arrived.push(webhook.type);
    }
    assert.deepEqual(arrived.sort(), ['Transaction.Paid', 'Transaction.Ready']);
    await context.close();
  });

  it('loader, iframe: card PAID; the layer has a title and no gutters around the window', async () => {
    const { page, context } = await shop('/shop-loader');
    const paymentId = newId();
    const result = page.evaluate((r) => window.pay(r), v2Request(paymentId, { windowType: { pc: 'IFRAME' } }));
    const frame = frameOf(page);
    await frame.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
    assert.equal(await page.locator('[data-paymux-checkout] span').first().textContent(), '결제창');
    // The simulator's page fills the 480px layer: its <main> is as wide as the frame.
    const widths = await page.frames().find((f) => f.name() === 'paymux_checkout_frame')!.evaluate(() => [document.querySelector('main')!.getBoundingClientRect().width, window.innerWidth]);
    assert.equal(widths[0], widths[1]);
    await page.screenshot({ path: 'test-results/flows-iframe-layer-desktop.png' });
    await approveAtCardCompany(frame);
    assert.equal((await result).code, undefined);
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    await context.close();
  });

  it('loader, redirect on a phone: card PAID, lands on redirectUrl with paymentId and txId', async () => {
    const { page, context } = await shop('/shop-loader', { viewport: { width: 390, height: 844 }, userAgent: iPhone });
    const paymentId = newId();
    await page.evaluate((r) => void window.pay(r), v2Request(paymentId, { redirectUrl: `${merchantUrl}/return` }));
    await approveAtCardCompany(page);
    await page.locator('#landed').waitFor();
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('paymentId'), paymentId);
    assert.ok(landed.searchParams.get('txId'));
    assert.equal(landed.searchParams.get('code'), null);
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    await context.close();
  });

  it('loader, redirect: a declining card and a cancel each land on redirectUrl with code and pgCode', async () => {
    const { page, context } = await shop('/shop-loader', { viewport: { width: 390, height: 844 }, userAgent: iPhone });
    const declined = newId();
    await page.evaluate((r) => void window.pay(r), v2Request(declined, { channelKey: channelKeyOf(t, 'nxca_jt_bi'), redirectUrl: `${merchantUrl}/return` }));
    await fillCard(page, '4000000000000002', false);
    await page.getByRole('button', { name: '결제하기' }).click();
    await page.getByText('결제에 실패했습니다').waitFor();
    await page.getByRole('button', { name: '닫기' }).click();
    await page.locator('#landed').waitFor();
    let landed = new URL(page.url());
    assert.equal(landed.searchParams.get('paymentId'), declined);
    assert.equal(landed.searchParams.get('code'), 'FAILURE_TYPE_PG');
    assert.equal(landed.searchParams.get('pgCode'), 'CA31');
    assert.equal((await serverPayment(declined)).status, 'FAILED');

    await page.goto(`${merchantUrl}/shop-loader`);
    await page.locator('body[data-ready="1"]').waitFor();
    const cancelled = newId();
    await page.evaluate((r) => void window.pay(r), v2Request(cancelled, { redirectUrl: `${merchantUrl}/return` }));
    await page.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
    await page.getByRole('button', { name: '닫기' }).click();
    await page.locator('#landed').waitFor();
    landed = new URL(page.url());
    assert.equal(landed.searchParams.get('code'), 'FAILURE_TYPE_PG');
    assert.equal(landed.searchParams.get('pgCode'), '0009');
    assert.equal((await serverPayment(cancelled)).status, 'FAILED');
    await context.close();
  });

  it('loader: a virtual account is issued (account shown on the result page), PAID after the deposit', async () => {
    const { page, context } = await shop('/shop-loader');
    const paymentId = newId();
    const result = page.evaluate(
      (r) => window.pay(r),
      v2Request(paymentId, { payMethod: 'VIRTUAL_ACCOUNT', windowType: { pc: 'IFRAME' }, virtualAccount: { accountExpiry: { validHours: 72 } } }),
    );
    const frame = frameOf(page);
    await frame.locator('#bankCd').selectOption('004');
    await frame.getByRole('button', { name: '가상계좌 발급받기' }).click();
    await frame.getByText('가상계좌가 발급되었습니다').first().waitFor();
    // The simulator's deadline reads as a date, not 14 digits.
    assert.match(await frame.locator('.summary').innerText(), /입금기한 \d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2}/);
    await page.screenshot({ path: 'test-results/flows-va-window-desktop.png' });
    await frame.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.code, undefined, JSON.stringify(response));
    await sandbox.sandbox.notifier.idle();
    const issued = await serverPayment(paymentId);
    assert.equal(issued.status, 'VIRTUAL_ACCOUNT_ISSUED');
    const account = issued.method as { accountNumber: string };
    const deposit = await fetch(`${sandbox.url}/spay/APIVBankTest.do?mchtId=portone1&method=VA&bizType=F1&vAcntNo=${account.accountNumber}&trdAmt=15000`);
    assert.equal(deposit.status, 200);
    await sandbox.sandbox.notifier.idle();
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    await context.close();
  });

  it('loader: a bank transfer through the window is PAID after the verified notice, with the bank', async () => {
    const { page, context } = await shop('/shop-loader');
    const paymentId = newId();
    const result = page.evaluate((r) => window.pay(r), v2Request(paymentId, { payMethod: 'TRANSFER', windowType: { pc: 'IFRAME' } }));
    const frame = frameOf(page);
    await frame.locator('#bankCd').selectOption('088');
    await frame.getByRole('button', { name: '결제하기' }).click();
    await frame.getByText('계좌이체가 완료되었습니다').waitFor();
    await frame.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.code, undefined, JSON.stringify(response));
    await sandbox.sandbox.notifier.idle();
    const payment = await serverPayment(paymentId);
    assert.equal(payment.status, 'PAID');
    assert.deepEqual(payment.method, { type: 'PaymentMethodTransfer', bank: 'SHINHAN' });
    await context.close();
  });

  it('loader: requestIssueBillingKey on nxca_ks_gu issues a sealed billing key that GET /billing-keys finds and the V2 API charges', async () => {
    const { page, context } = await shop('/shop-loader');
    const result = page.evaluate(
      (r) => window.issueBillingKey(r),
      {
        storeId: t.demo.storeId,
        channelKey: channelKeyOf(t, 'nxca_ks_gu'),
        billingKeyMethod: 'CARD',
        issueName: '월간 구독',
        customer: { customerId: 'cust-1', fullName: '홍길동' },
        windowType: { pc: 'IFRAME' },
        noticeUrls: [`${receiver.origin}/hook-billing`],
      },
    );
    const frame = frameOf(page);
    await frame.getByText('정기결제 카드 등록').waitFor();
    await page.screenshot({ path: 'test-results/flows-billing-key-window-desktop.png' });
    await fillCard(frame, '1111222233334444', true);
    await frame.getByRole('button', { name: '카드 등록하기' }).click();
    await frame.getByText('카드가 등록되었습니다').waitFor();
    await frame.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.transactionType, 'ISSUE_BILLING_KEY');
    assert.equal(response.code, undefined, JSON.stringify(response));
    const billingKey = String(response.billingKey);
    assert.match(billingKey, /^billing-key-/);

    const info = await fetch(`${paymuxUrl}/billing-keys/${billingKey}`, { headers: auth() });
    assert.equal(info.status, 200);
    const body = (await info.json()) as { status: string; channels: { key: string }[] };
    assert.equal(body.status, 'ISSUED');
    const [row] = await t.deps.db.select().from(billingKeys).where(eq(billingKeys.id, billingKey));
    assert.ok(row);
    assert.doesNotMatch(row.pgKeyCiphertext, /SBILL_/, 'the PG key is sealed at rest');

    const paymentId = newId('billing');
    const charged = await fetch(`${paymuxUrl}/payments/${paymentId}/billing-key`, {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ billingKey, orderName: '월간 구독 1회차', amount: { total: 9_900 }, currency: 'KRW' }),
    });
    assert.equal(charged.status, 200, await charged.clone().text());
    assert.equal((await serverPayment(paymentId)).status, 'PAID');

    await deliverDueWebhooks(t.deps);
    const types = [];
    for (const hook of received('/hook-billing')) types.push((await Webhook.verify(t.demo.webhookSecret, hook.body, hook.headers)).type);
    assert.deepEqual(types, ['BillingKey.Issued']);
    await context.close();
  });

  it('requestIssueBillingKey: closing the window answers a failure code, and a channel without billing is refused', async () => {
    const { page, context } = await shop('/shop-loader');
    const result = page.evaluate((r) => window.issueBillingKey(r), { storeId: t.demo.storeId, channelKey: channelKeyOf(t, 'nxca_ks_gu'), billingKeyMethod: 'CARD', windowType: { pc: 'IFRAME' } });
    await frameOf(page).getByRole('button', { name: '닫기' }).click();
    const cancelled = await result;
    assert.equal(cancelled.transactionType, 'ISSUE_BILLING_KEY');
    assert.equal(cancelled.code, 'FAILURE_TYPE_PG');
    assert.equal(cancelled.pgCode, '0009');
    assert.equal(cancelled.billingKey, undefined);

    const refused = await page.evaluate((r) => window.issueBillingKey(r), {
      storeId: t.demo.storeId,
      channelKey: channelKeyOf(t, 'portone1'),
      billingKeyMethod: 'CARD',
      windowType: { pc: 'IFRAME' },
      locale: 'EN_US',
    });
    assert.equal(refused.code, 'BadRequest');
    assert.match(String(refused.message), /cannot issue billing keys/);
    await context.close();
  });

  it('amounts the card window refuses (under 1,000 won, above the maximum) are answered before any window opens, in the buyer language', async () => {
    const { page, context } = await shop('/shop-loader');
    let popups = 0;
    page.on('popup', () => popups++);
    const small = newId();
    const ko = await page.evaluate((r) => window.pay(r), v2Request(small, { totalAmount: 500, windowType: { pc: 'IFRAME' } }));
    assert.equal(ko.code, 'BadRequest');
    assert.match(String(ko.message), /1,000원 이상/);
    assert.equal(await page.locator('[data-paymux-checkout]').count(), 0, 'the layer closed with the answer');
    const en = await page.evaluate((r) => window.pay(r), v2Request(newId(), { totalAmount: 100_000_000, windowType: { pc: 'IFRAME' }, locale: 'EN_US' }));
    assert.equal(en.code, 'BadRequest');
    assert.match(String(en.message), /between KRW 1,000 and KRW 99,999,999/);
    const missing = await fetch(`${paymuxUrl}/payments/${small}`, { headers: auth() });
    assert.equal(missing.status, 404, 'nothing was created');
    const calls = await t.deps.db.select().from(pgCalls).where(eq(pgCalls.amount, 500n));
    assert.equal(calls.length, 0);
    assert.equal(popups, 0);
    await context.close();
  });

  it('coming back from the PG window without an ending (Back) is never a dead end: the page cancels and returns to the shop', async () => {
    const { page, context } = await shop('/shop-loader', { viewport: { width: 390, height: 844 }, userAgent: iPhone });
    const paymentId = newId();
    await page.evaluate((r) => void window.pay(r), v2Request(paymentId, { redirectUrl: `${merchantUrl}/return` }));
    await page.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
    await page.goBack();
    await page.locator('#result-state[data-state="INTERRUPTED"]').waitFor();
    await page.screenshot({ path: 'test-results/flows-interrupted-phone.png', fullPage: true });
    await page.getByRole('button', { name: '결제 취소하고 돌아가기' }).click();
    await page.locator('#landed').waitFor();
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('paymentId'), paymentId);
    assert.equal(landed.searchParams.get('code'), 'FAILURE_TYPE_PG');
    assert.equal((await serverPayment(paymentId)).status, 'FAILED');
    await context.close();
  });

  it('validation errors speak the locale of the request (V2 locale, V1 language)', async () => {
    const en = await fetch(`${paymuxUrl}/checkout/api/v2/payments`, {
      method: 'POST',
      body: JSON.stringify({ windowType: 'IFRAME', request: { ...v2Request(newId()), orderName: '', locale: 'EN_US' } }),
    });
    assert.equal(en.status, 400);
    assert.match(((await en.json()) as { message: string }).message, /^The payment request is invalid: request\.orderName/);
    const ko = await fetch(`${paymuxUrl}/checkout/api/v2/payments`, {
      method: 'POST',
      body: JSON.stringify({ windowType: 'IFRAME', request: { ...v2Request(newId()), orderName: '' } }),
    });
    assert.match(((await ko.json()) as { message: string }).message, /^결제 요청이 올바르지 않습니다/);
    const v1 = await fetch(`${paymuxUrl}/checkout/api/v1/payments`, {
      method: 'POST',
      body: JSON.stringify({ windowType: 'IFRAME', merchantCode: t.demo.merchantCode, params: { merchant_uid: newId(), name: 'x', amount: -1, language: 'en' } }),
    });
    assert.match(((await v1.json()) as { message: string }).message, /^The payment request is invalid: params\.amount/);
  });

  it('IMP.request_pay: the callback imp_uid is what V1 GET /payments/{imp_uid} finds (channel pc), and notice_url gets V1 bodies', async () => {
    const { page, context } = await shop('/shop-v1');
    const merchantUid = newId('v1');
    const result = page.evaluate((p) => window.payV1(p), {
      pg: 'settle.portone1',
      pay_method: 'card',
      merchant_uid: merchantUid,
      name: '테스트 티셔츠',
      amount: 15_000,
      notice_url: `${receiver.origin}/hook-v1`,
    });
    await approveAtCardCompany(frameOf(page));
    const response = await result;
    assert.equal(response.success, true, JSON.stringify(response));
    const impUid = String(response.imp_uid);
    const found = await v1Payment(impUid);
    assert.equal(found.status, 200);
    assert.equal(found.body.response.imp_uid, impUid);
    assert.equal(found.body.response.merchant_uid, merchantUid);
    assert.equal(found.body.response.channel, 'pc');
    assert.equal(found.body.response.status, 'paid');

    const v2Outbox = await serverPayment(merchantUid);
    assert.equal(v2Outbox.status, 'PAID');
    await deliverDueWebhooks(t.deps);
    const bodies = received('/hook-v1').map((r) => JSON.parse(r.body) as Json);
    assert.deepEqual(bodies, [{ imp_uid: impUid, merchant_uid: merchantUid, status: 'paid' }]);
    await context.close();
  });

  it('IMP.request_pay popup: card paid', async () => {
    const { page, context } = await shop('/shop-v1');
    const merchantUid = newId('v1');
    const popupOpened = page.waitForEvent('popup');
    const result = page.evaluate((p) => window.payV1(p), { pg: 'settle.portone1', pay_method: 'card', merchant_uid: merchantUid, name: '팝업 결제', amount: 15_000, popup: true });
    await approveAtCardCompany(await popupOpened);
    const response = await result;
    assert.equal(response.success, true, JSON.stringify(response));
    assert.equal((await v1Payment(String(response.imp_uid))).body.response.status, 'paid');
    await context.close();
  });

  it('IMP.request_pay m_redirect_url on a phone: lands with imp_uid, and V1 reports channel mobile', async () => {
    const { page, context } = await shop('/shop-v1', { viewport: { width: 390, height: 844 }, userAgent: iPhone });
    const merchantUid = newId('v1');
    await page.evaluate((p) => void window.payV1(p), {
      pg: 'settle.portone1',
      pay_method: 'card',
      merchant_uid: merchantUid,
      name: '모바일 결제',
      amount: 15_000,
      m_redirect_url: `${merchantUrl}/return`,
    });
    await approveAtCardCompany(page);
    await page.locator('#landed').waitFor();
    const landed = new URL(page.url());
    assert.equal(landed.searchParams.get('merchant_uid'), merchantUid);
    assert.equal(landed.searchParams.get('imp_success'), 'true');
    const found = await v1Payment(landed.searchParams.get('imp_uid') ?? '');
    assert.equal(found.status, 200);
    assert.equal(found.body.response.channel, 'mobile');
    await context.close();
  });

  it('IMP.request_pay vbank: ready with the account, paid after the deposit', async () => {
    const { page, context } = await shop('/shop-v1');
    const merchantUid = newId('v1');
    const result = page.evaluate((p) => window.payV1(p), { pg: 'settle.portone1', pay_method: 'vbank', merchant_uid: merchantUid, name: '가상계좌', amount: 15_000 });
    const frame = frameOf(page);
    await frame.locator('#bankCd').selectOption('004');
    await frame.getByRole('button', { name: '가상계좌 발급받기' }).click();
    await frame.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.success, true, JSON.stringify(response));
    assert.equal(response.status, 'ready');
    assert.equal(response.pay_method, 'vbank');
    assert.match(String(response.vbank_num), /^\d{10,}$/);
    const deposit = await fetch(`${sandbox.url}/spay/APIVBankTest.do?mchtId=portone1&method=VA&bizType=F1&vAcntNo=${String(response.vbank_num)}&trdAmt=15000`);
    assert.equal(deposit.status, 200);
    await sandbox.sandbox.notifier.idle();
    assert.equal((await v1Payment(String(response.imp_uid))).body.response.status, 'paid');
    await context.close();
  });

  it('IMP.request_pay trans: paid, pay_method trans', async () => {
    const { page, context } = await shop('/shop-v1');
    const merchantUid = newId('v1');
    const result = page.evaluate((p) => window.payV1(p), { pg: 'settle.portone1', pay_method: 'trans', merchant_uid: merchantUid, name: '계좌이체', amount: 15_000 });
    const frame = frameOf(page);
    await frame.locator('#bankCd').selectOption('004');
    await frame.getByRole('button', { name: '결제하기' }).click();
    await frame.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.success, true, JSON.stringify(response));
    assert.equal(response.pay_method, 'trans');
    await sandbox.sandbox.notifier.idle();
    const found = await v1Payment(String(response.imp_uid));
    assert.equal(found.body.response.status, 'paid');
    assert.equal(found.body.response.pay_method, 'trans');
    await context.close();
  });

  it('demo shop: methods follow the channel, the tip names what its window asks, and an issued account is shown to the buyer', async () => {
    for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]] as const) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${paymuxUrl}/checkout/demo`);
      await page.locator('#channel').selectOption(channelKeyOf(t, 'nxca_ks_gu'));
      assert.equal(await page.locator('input[value=VIRTUAL_ACCOUNT]').isDisabled(), true, 'nxca_ks_gu cannot issue accounts');
      assert.match(await page.locator('#tip-text').innerText(), /비밀번호 앞 2자리 12, 생년월일 900101/);
      await page.screenshot({ path: `test-results/flows-demo-ksgu-${name}.png`, fullPage: true });
      await page.locator('#channel').selectOption(channelKeyOf(t, 'portone1'));
      await page.locator('input[value=VIRTUAL_ACCOUNT]').check();
      await page.getByRole('button', { name: /결제하기/ }).click();
      const frame = frameOf(page);
      await frame.locator('#bankCd').selectOption('004');
      await frame.getByRole('button', { name: '가상계좌 발급받기' }).click();
      await frame.getByRole('button', { name: '닫기' }).click();
      await page.locator('#outcome-text[data-status="VIRTUAL_ACCOUNT_ISSUED"]').waitFor();
      const account = await page.locator('#outcome-account').innerText();
      assert.match(account, /입금은행\s+KB국민은행/);
      assert.match(account, /계좌번호\s+\d{10,}/);
      assert.ok(await page.locator('#outcome').isVisible());
      await page.screenshot({ path: `test-results/flows-demo-va-${name}.png` });
      const json = JSON.parse((await page.locator('#outcome-json').textContent()) ?? '{}') as { txId: string };
      const view = await browser.newPage({ viewport });
      await view.goto(`${paymuxUrl}/checkout/result/${json.txId}`);
      assert.match(await view.locator('#result').innerText(), /입금기한\s+\d{4}년 \d{1,2}월 \d{1,2}일 \d{2}:\d{2}/);
      await view.screenshot({ path: `test-results/flows-result-va-${name}.png`, fullPage: true });
      await view.close();
      await page.close();
    }
  });
});
