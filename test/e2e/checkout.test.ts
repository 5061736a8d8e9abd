import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { chromium, type Browser, type Page } from 'playwright-core';
import { HECTO_TEST_LICENSE_KEY, toFormBody } from '../../src/pg/hecto/codec/index.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';
import { buildNotification } from '../../src/sandbox/notifications.ts';
import { pgCalls, webhookOutbox } from '../../src/store/schema.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';
import { channelKeyOf } from '../support/payments.ts';

/**
 * Checkout through the browser SDKs in headless Chromium: a merchant page on its own origin loads
 * paymux's /sdk/v2/browser-sdk.js (or /sdk/v1/iamport.js), the buyer pays in the Hecto simulator's
 * window, and the merchant's server then checks GET /payments/{paymentId} and the webhook outbox.
 */

// Debian's Chromium; the flags keep it off the (closed) network (as in console.test.ts).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** PortOne's npm loader, when installed (or named by PORTONE_BROWSER_SDK_ESM): its ESM build. */
function portoneLoaderFile(): string | undefined {
  if (process.env.PORTONE_BROWSER_SDK_ESM && existsSync(process.env.PORTONE_BROWSER_SDK_ESM)) return process.env.PORTONE_BROWSER_SDK_ESM;
  try {
    return createRequire(import.meta.url).resolve('@portone/browser-sdk/v2').replace(/v2\.cjs$/, 'v2.js');
  } catch {
    return undefined;
  }
}

interface PaymentResponse {
  transactionType: string;
  txId: string;
  paymentId: string;
  code?: string;
  message?: string;
  pgCode?: string;
  pgMessage?: string;
}

declare global {
  interface Window {
    pay(request: object): Promise<PaymentResponse>;
    payV1(params: object): Promise<Record<string, unknown>>;
  }
}

describe('checkout with the browser SDKs in headless Chromium', () => {
  let t: TestApp;
  let sandbox: RunningSandbox;
  let paymuxUrl: string;
  let merchant: Server;
  let merchantUrl: string;
  let browser: Browser;
  const loaderFile = portoneLoaderFile();

  const shopPage = (head: string, body: string): string =>
    `<!DOCTYPE html><html lang="ko"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>merchant</title>${head}</head><body><h1>상점</h1>${body}</body></html>`;

  before(async () => {
    sandbox = await startSandbox({ port: 0, nightly: false });
    t = await startTestApp('pglite', { hectoUrl: sandbox.url });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    paymuxUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    t.deps.config.publicUrl = paymuxUrl;
    merchant = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://merchant');
      const send = (type: string, body: string) => {
        response.writeHead(200, { 'content-type': `${type}; charset=UTF-8` });
        response.end(body);
      };
      if (url.pathname === '/shop-v2') {
        return send('text/html', shopPage(`<script src="${paymuxUrl}/sdk/v2/browser-sdk.js"></script>`, '<script>window.pay=function(r){return PortOne.requestPayment(r);};</script>'));
      }
      if (url.pathname === '/shop-loader' && loaderFile) {
        return send(
          'text/html',
          shopPage(
            '',
            `<script type="module">import * as PortOne from '/portone-loader.js';
PortOne.__INTERNAL__setPortOneSdkUrl(${JSON.stringify(`${paymuxUrl}/sdk/v2/browser-sdk.js`)});
window.pay=function(r){return PortOne.requestPayment(r);};document.body.dataset.ready='1';</script>`,
          ),
        );
      }
      if (url.pathname === '/portone-loader.js' && loaderFile) return send('text/javascript', readFileSync(loaderFile, 'utf8'));
      if (url.pathname === '/shop-v1') {
        return send(
          'text/html',
          shopPage(
            `<script src="${paymuxUrl}/sdk/v1/iamport.js"></script>`,
            `<script>IMP.init(${JSON.stringify(t.demo.merchantCode)});window.payV1=function(p){return new Promise(function(r){IMP.request_pay(p,r);});};</script>`,
          ),
        );
      }
      if (url.pathname === '/return') return send('text/html', shopPage('', `<p id="landed">${url.search.replaceAll('<', '')}</p>`));
      response.writeHead(200);
      response.end('OK');
    });
    await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
    merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    mkdirSync('test-results', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => merchant?.close(resolve));
    await t?.close();
    await sandbox?.close();
  });

  let counter = 0;
  const newPaymentId = () => `checkout-${Date.now()}-${++counter}`;
  const portone1 = () => channelKeyOf(t, 'portone1');

  const v2Request = (paymentId: string, extra: object = {}) => ({
    storeId: t.demo.storeId,
    channelKey: portone1(),
    paymentId,
    orderName: '테스트 티셔츠',
    totalAmount: 15_000,
    currency: 'KRW',
    payMethod: 'CARD',
    customer: { fullName: '홍길동', email: 'buyer@example.com' },
    noticeUrls: [`${merchantUrl}/webhook`],
    ...extra,
  });

  /** What the merchant's server sees: GET /payments/{paymentId} with its API secret. */
  async function serverPayment(paymentId: string): Promise<{ status: string; [key: string]: unknown }> {
    const response = await fetch(`${paymuxUrl}/payments/${encodeURIComponent(paymentId)}`, { headers: { authorization: `PortOne ${t.demo.apiSecret}` } });
    assert.equal(response.status, 200);
    return (await response.json()) as { status: string };
  }

  const outboxTypes = async (paymentId: string) =>
    (await t.deps.db.select().from(webhookOutbox).where(eq(webhookOutbox.paymentId, paymentId))).map((row) => row.eventType).sort();

  async function merchantPage(path: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${merchantUrl}${path}`);
    return page;
  }

  /** The simulator's authenticated card window: choose the card company, approve, close the result. */
  async function approveAtCardCompany(window: Page | ReturnType<Page['frameLocator']>, screenshots?: Page, name?: string) {
    await window.getByRole('button', { name: 'KB국민', exact: true }).click();
    await window.getByRole('button', { name: '결제하기' }).click();
    await window.getByText('결제가 완료되었습니다').waitFor();
    if (screenshots && name) await screenshots.screenshot({ path: `test-results/${name}`, fullPage: true });
    await window.getByRole('button', { name: '닫기' }).click();
  }

  it('pays by card through portone1 in a popup; the server sees PAID and a Transaction.Paid webhook', async () => {
    const page = await merchantPage('/shop-v2');
    const paymentId = newPaymentId();
    const popupOpened = page.waitForEvent('popup');
    const result = page.evaluate((request) => window.pay(request), v2Request(paymentId, { windowType: { pc: 'POPUP' } }));
    const popup = await popupOpened;
    await popup.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
    await popup.setViewportSize({ width: 480, height: 760 });
    await popup.screenshot({ path: 'test-results/checkout-window-desktop.png', fullPage: true });
    await approveAtCardCompany(popup);
    const response = await result;
    assert.equal(response.code, undefined, JSON.stringify(response));
    assert.equal(response.paymentId, paymentId);
    assert.equal(response.transactionType, 'PAYMENT');
    assert.ok(response.txId);
    const payment = await serverPayment(paymentId);
    assert.equal(payment.status, 'PAID');
    assert.equal(payment.transactionId, response.txId);
    assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.Ready']);
    await page.close();
  });

  it('pays by card in the iframe layer, which closes when the result arrives', async () => {
    const page = await merchantPage('/shop-v2');
    const paymentId = newPaymentId();
    const result = page.evaluate((request) => window.pay(request), v2Request(paymentId, { windowType: { pc: 'IFRAME' } }));
    const frame = page.frameLocator('iframe[name=paymux_checkout_frame]');
    await frame.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
    await page.screenshot({ path: 'test-results/checkout-iframe-desktop.png' });
    await approveAtCardCompany(frame);
    const response = await result;
    assert.equal(response.code, undefined, JSON.stringify(response));
    assert.equal(await page.locator('[data-paymux-checkout]').count(), 0, 'the layer is gone');
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    assert.ok((await outboxTypes(paymentId)).includes('Transaction.Paid'));
    await page.close();
  });

  it('pays by card by redirection on a phone and lands on redirectUrl with paymentId and txId', async () => {
    const page = await merchantPage('/shop-v2', { width: 390, height: 844 });
    const paymentId = newPaymentId();
    await page.evaluate((request) => {
      void window.pay(request);
    }, v2Request(paymentId, { windowType: { pc: 'REDIRECTION', mobile: 'REDIRECTION' }, redirectUrl: `${merchantUrl}/return` }));
    await page.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
    await page.screenshot({ path: 'test-results/checkout-window-phone.png', fullPage: true });
    await approveAtCardCompany(page);
    await page.locator('#landed').waitFor();
    const landed = new URL(page.url());
    assert.equal(landed.pathname, '/return');
    assert.equal(landed.searchParams.get('paymentId'), paymentId);
    assert.ok(landed.searchParams.get('txId'));
    assert.equal(landed.searchParams.get('code'), null);
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    await page.close();
  });

  it('works through the real @portone/browser-sdk loader pointed at paymux', { skip: loaderFile ? false : '@portone/browser-sdk is not installed' }, async () => {
    const page = await merchantPage('/shop-loader');
    await page.locator('body[data-ready="1"]').waitFor();
    const paymentId = newPaymentId();
    const result = page.evaluate((request) => window.pay(request), v2Request(paymentId, { windowType: { pc: 'IFRAME' } }));
    await approveAtCardCompany(page.frameLocator('iframe[name=paymux_checkout_frame]'));
    const response = await result;
    assert.equal(response.code, undefined, JSON.stringify(response));
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    await page.close();
  });

  it('issues a virtual account through the window: VIRTUAL_ACCOUNT_ISSUED with the account shown, PAID after the deposit', async () => {
    const page = await merchantPage('/shop-v2');
    const paymentId = newPaymentId();
    const result = page.evaluate(
      (request) => window.pay(request),
      v2Request(paymentId, { payMethod: 'VIRTUAL_ACCOUNT', windowType: { pc: 'IFRAME' }, virtualAccount: { accountExpiry: { validHours: 72 } } }),
    );
    const frame = page.frameLocator('iframe[name=paymux_checkout_frame]');
    await frame.locator('#bankCd').selectOption('004');
    await frame.getByRole('button', { name: '가상계좌 발급받기' }).click();
    await frame.getByText('가상계좌가 발급되었습니다').first().waitFor();
    await frame.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.code, undefined, JSON.stringify(response));
    await sandbox.sandbox.notifier.idle();
    const issued = await serverPayment(paymentId);
    assert.equal(issued.status, 'VIRTUAL_ACCOUNT_ISSUED');
    const method = issued.method as { type: string; accountNumber: string; bank: string };
    assert.match(method.accountNumber, /^\d{10,}$/);

    // The buyer's result page shows the account.
    for (const [name, viewport] of [['desktop', { width: 1280, height: 860 }], ['phone', { width: 390, height: 844 }]] as const) {
      const view = await browser.newPage({ viewport });
      await view.goto(`${paymuxUrl}/checkout/result/${response.txId}`);
      await view.getByText(method.accountNumber).waitFor();
      await view.screenshot({ path: `test-results/checkout-result-va-${name}.png`, fullPage: true });
      await view.close();
    }

    const deposit = await fetch(`${sandbox.url}/spay/APIVBankTest.do?mchtId=portone1&method=VA&bizType=F1&vAcntNo=${method.accountNumber}&trdAmt=15000`);
    assert.equal(deposit.status, 200);
    await sandbox.sandbox.notifier.idle();
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.Ready', 'Transaction.VirtualAccountIssued']);
    await page.close();
  });

  it('pays with IMP.request_pay (pg "settle.portone1") and answers V1 success', async () => {
    const page = await merchantPage('/shop-v1');
    const merchantUid = newPaymentId();
    const result = page.evaluate(
      (params) => window.payV1(params),
      { pg: 'settle.portone1', pay_method: 'card', merchant_uid: merchantUid, name: '테스트 티셔츠', amount: 15_000, buyer_name: '홍길동', buyer_email: 'buyer@example.com' },
    );
    await approveAtCardCompany(page.frameLocator('iframe[name=paymux_checkout_frame]'));
    const response = await result;
    assert.equal(response.success, true, JSON.stringify(response));
    assert.equal(response.merchant_uid, merchantUid);
    // One imp_uid everywhere: the V1 REST API's (the payment's transaction id).
    assert.equal(response.imp_uid, (await serverPayment(merchantUid)).transactionId);
    assert.equal(response.status, 'paid');
    assert.equal(response.paid_amount, 15_000);
    assert.equal((await serverPayment(merchantUid)).status, 'PAID');
    await page.close();
  });

  it('refuses a tampered amount before any window opens', async () => {
    const paymentId = newPaymentId();
    const pre = await fetch(`${paymuxUrl}/payments/${paymentId}/pre-register`, {
      method: 'POST',
      headers: { authorization: `PortOne ${t.demo.apiSecret}` },
      body: JSON.stringify({ totalAmount: 15_000, currency: 'KRW' }),
    });
    assert.equal(pre.status, 200);
    const page = await merchantPage('/shop-v2');
    let popups = 0;
    page.on('popup', () => popups++);
    const response = await page.evaluate((request) => window.pay(request), v2Request(paymentId, { totalAmount: 150, windowType: { pc: 'POPUP' } }));
    assert.equal(response.code, 'AmountNotEqualToPredefined');
    assert.match(response.message ?? '', /사전 등록된 금액/);
    const payment = await serverPayment(paymentId);
    assert.equal(payment.status, 'READY');
    assert.equal((payment.amount as { total: number }).total, 15_000);
    const windows = await t.deps.db.select().from(pgCalls).where(eq(pgCalls.operation, 'paymentWindow'));
    assert.equal(windows.filter((c) => c.amount === 150n).length, 0, 'no window attempt was opened');
    assert.ok(popups <= 1);
    await page.close();

    // The same order with the registered amount goes through.
    const retry = await merchantPage('/shop-v2');
    const result = retry.evaluate((request) => window.pay(request), v2Request(paymentId, { windowType: { pc: 'IFRAME' } }));
    await approveAtCardCompany(retry.frameLocator('iframe[name=paymux_checkout_frame]'));
    assert.equal((await result).code, undefined);
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    await retry.close();
  });

  it("closing the window (its 닫기) answers PortOne's cancellation and marks the payment FAILED", async () => {
    const page = await merchantPage('/shop-v2');
    const paymentId = newPaymentId();
    const result = page.evaluate((request) => window.pay(request), v2Request(paymentId, { windowType: { pc: 'IFRAME' } }));
    const frame = page.frameLocator('iframe[name=paymux_checkout_frame]');
    await frame.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
    await frame.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.code, 'FAILURE_TYPE_PG');
    assert.equal(response.pgCode, '0009');
    assert.match(response.message ?? '', /취소/);
    const payment = await serverPayment(paymentId);
    assert.equal(payment.status, 'FAILED');
    assert.ok((await outboxTypes(paymentId)).includes('Transaction.Failed'));
    await page.close();
  });

  it('closing the popup itself is a cancellation too', async () => {
    const page = await merchantPage('/shop-v2');
    const paymentId = newPaymentId();
    const popupOpened = page.waitForEvent('popup');
    const result = page.evaluate((request) => window.pay(request), v2Request(paymentId, { windowType: { pc: 'POPUP' } }));
    const popup = await popupOpened;
    await popup.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
    await popup.close();
    const response = await result;
    assert.equal(response.code, 'FAILURE_TYPE_PG');
    assert.equal((await serverPayment(paymentId)).status, 'FAILED');
    await page.close();
  });

  it('a declining test card ends FAILED with the PG code, in English by locale', async () => {
    const page = await merchantPage('/shop-v2');
    const paymentId = newPaymentId();
    const result = page.evaluate(
      (request) => window.pay(request),
      v2Request(paymentId, { channelKey: channelKeyOf(t, 'nxca_jt_bi'), windowType: { pc: 'POPUP' }, locale: 'EN_US' }),
    );
    const popup = await page.waitForEvent('popup');
    await popup.getByLabel('카드번호').fill('4000000000000002');
    await popup.getByLabel('유효기간 (MM/YY)').fill('12/39');
    await popup.getByRole('button', { name: '결제하기' }).click();
    await popup.getByText('결제에 실패했습니다').waitFor();
    await popup.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.code, 'FAILURE_TYPE_PG');
    assert.equal(response.pgCode, 'CA31');
    const payment = await serverPayment(paymentId);
    assert.equal(payment.status, 'FAILED');
    assert.equal((payment.failure as { pgCode: string }).pgCode, 'CA31');
    for (const [name, viewport] of [['desktop', { width: 1280, height: 860 }], ['phone', { width: 390, height: 844 }]] as const) {
      const view = await browser.newPage({ viewport });
      await view.goto(`${paymuxUrl}/checkout/result/${response.txId}`);
      await view.getByText('Payment failed').waitFor();
      await view.screenshot({ path: `test-results/checkout-result-declined-en-${name}.png`, fullPage: true });
      await view.close();
    }
    await page.close();
  });

  it('nextUrl before the notification: paymux inquires before answering, and the late notice changes nothing twice', async () => {
    const settings = sandbox.sandbox.context.settings;
    settings.notify = false;
    let txId: string;
    const paymentId = newPaymentId();
    try {
      const page = await merchantPage('/shop-v2');
      const result = page.evaluate((request) => window.pay(request), v2Request(paymentId, { windowType: { pc: 'IFRAME' } }));
      await approveAtCardCompany(page.frameLocator('iframe[name=paymux_checkout_frame]'));
      const response = await result;
      assert.equal(response.code, undefined);
      txId = response.txId;
      await page.close();
    } finally {
      settings.notify = true;
    }
    // No notice came; the inquiry alone settled it.
    assert.equal((await serverPayment(paymentId)).status, 'PAID');
    const [call] = await t.deps.db.select().from(pgCalls).where(and(eq(pgCalls.id, txId), eq(pgCalls.operation, 'paymentWindow')));
    assert.ok(call);
    const transaction = sandbox.sandbox.ledger.findByOrder('portone1', call.requestId);
    assert.ok(transaction);
    const notice = buildNotification(transaction, { kind: 'APPROVED', at: new Date() }, HECTO_TEST_LICENSE_KEY);
    const answer = await fetch(`${paymuxUrl}/pg/hecto/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: toFormBody(notice),
    });
    assert.equal(await answer.text(), 'OK');
    const payment = await serverPayment(paymentId);
    assert.equal(payment.status, 'PAID');
    assert.equal((payment.method as { type: string }).type, 'PaymentMethodCard', 'the notice brought the card details');
    assert.deepEqual(await outboxTypes(paymentId), ['Transaction.Paid', 'Transaction.Ready']);
  });

  it('a forged nextUrl success without a payment at the PG does not mark the payment paid', async () => {
    const opened = await fetch(`${paymuxUrl}/checkout/api/v2/payments`, {
      method: 'POST',
      body: JSON.stringify({ windowType: 'IFRAME', request: v2Request(newPaymentId()) }),
    });
    const { txId, paymentId } = (await opened.json()) as { txId: string; paymentId: string };
    const forged = await fetch(`${paymuxUrl}/checkout/return/${txId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outStatCd=0021&outRsltCd=0000&mchtId=portone1&trdNo=STFP_FAKE',
    });
    assert.equal(forged.status, 200);
    assert.match(await forged.text(), /결제 결과를 확인하고 있습니다/);
    assert.equal((await serverPayment(paymentId)).status, 'READY');
  });

  it('answers bad checkout requests with PortOne codes and Korean pages, never a stack trace', async () => {
    const unknownStore = await fetch(`${paymuxUrl}/checkout/api/v2/payments`, {
      method: 'POST',
      body: JSON.stringify({ windowType: 'IFRAME', request: { ...v2Request(newPaymentId()), storeId: 'store-nope' } }),
    });
    assert.equal(unknownStore.status, 404);
    assert.equal(((await unknownStore.json()) as { code: string }).code, 'StoreNotFound');
    const notJson = await fetch(`${paymuxUrl}/checkout/api/v2/payments`, { method: 'POST', body: '{' });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { code: string }).code, 'BadRequest');
    const gone = await fetch(`${paymuxUrl}/checkout/window/00000000-0000-0000-0000-000000000000`);
    assert.equal(gone.status, 404);
    const text = await gone.text();
    assert.match(text, /결제 정보를 찾을 수 없거나/);
    assert.doesNotMatch(text, /at .*\.ts:\d+/);
  });

  it('the demo shop pays with the test card on desktop and phone', async () => {
    for (const [name, viewport] of [['desktop', { width: 1280, height: 860 }], ['phone', { width: 390, height: 844 }]] as const) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${paymuxUrl}/checkout/demo`);
      await page.getByRole('button', { name: /결제하기/ }).waitFor();
      await page.screenshot({ path: `test-results/checkout-demo-${name}.png`, fullPage: true });
      await page.getByRole('button', { name: /결제하기/ }).click();
      const frame = page.frameLocator('iframe[name=paymux_checkout_frame]');
      await frame.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
      await page.screenshot({ path: `test-results/checkout-demo-window-${name}.png` });
      await approveAtCardCompany(frame);
      await page.locator('#outcome-text[data-status="PAID"]').waitFor();
      await page.screenshot({ path: `test-results/checkout-demo-paid-${name}.png`, fullPage: true });
      await page.close();
    }
  });
});
