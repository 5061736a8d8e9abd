import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningSandbox } from '../../src/sandbox/index.ts';
import type { TestApp } from '../support/harness.ts';
import { startPaymentsEnv, type PaymentsTestEnv } from '../support/payments.ts';

/**
 * iamport's 빌링키 발급 결제창 in headless Chromium: IMP.request_pay with customer_uid and amount 0
 * registers the card in the PG's key-only window as that V1 customer, which the V1 REST API then
 * finds (GET /subscribe/customers/{customer_uid}) and charges (POST /subscribe/payments/again).
 * customer_uid with an amount above 0 is refused before any window opens.
 */

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Json = Record<string, unknown>;

declare global {
  interface Window {
    payV1(params: object): Promise<Json>;
  }
}

describe('IMP.request_pay with customer_uid (빌링키 발급 결제창)', () => {
  let t: TestApp;
  let env: PaymentsTestEnv;
  let sandbox: RunningSandbox;
  let paymuxUrl: string;
  let merchant: Server;
  let merchantUrl: string;
  let browser: Browser;

  before(async () => {
    env = await startPaymentsEnv('pglite');
    ({ t, sandbox, url: paymuxUrl } = env);
    merchant = createServer((request, response) => {
      if (request.url !== '/shop-v1') {
        response.writeHead(404);
        return response.end();
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      response.end(
        `<!DOCTYPE html><html lang="ko"><head><meta charset="UTF-8"><title>merchant</title></head><body><h1>상점</h1><script src="${paymuxUrl}/sdk/v1/iamport.js"></script><script>IMP.init(${JSON.stringify(t.demo.merchantCode)});window.payV1=function(p){return new Promise(function(r){IMP.request_pay(p,r);});};document.body.dataset.ready='1';</script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
    merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => merchant?.close(resolve));
    await env?.close();
  });

  let counter = 0;
  const newId = (prefix: string) => `${prefix}-${Date.now()}-${++counter}`;

  async function v1(method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; body: { code: number; message: string | null; response: Json } }> {
    const token = await fetch(`${paymuxUrl}/v1/users/getToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ imp_key: t.demo.impKey, imp_secret: t.demo.impSecret }),
    });
    const accessToken = ((await token.json()) as { response: { access_token: string } }).response.access_token;
    const response = await fetch(`${paymuxUrl}/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${accessToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as { code: number; message: string | null; response: Json } };
  }

  async function shop(): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${merchantUrl}/shop-v1`);
    await page.locator('body[data-ready="1"]').waitFor();
    return { page, context };
  }

  it('amount 0 registers the card as the customer_uid; V1 GET /subscribe/customers finds it and /subscribe/payments/again charges it', async () => {
    const { page, context } = await shop();
    const customerUid = newId('cust');
    const merchantUid = newId('issue');
    const result = page.evaluate((p) => window.payV1(p), {
      pg: 'settle.nxca_ks_gu',
      pay_method: 'card',
      merchant_uid: merchantUid,
      customer_uid: customerUid,
      name: '월간 구독 카드 등록',
      amount: 0,
      buyer_name: '홍길동',
      buyer_email: 'buyer@example.com',
    });
    const frame = page.frameLocator('iframe[name=paymux_checkout_frame]');
    await frame.getByText('월간 구독 카드 등록').first().waitFor();
    assert.equal(await page.locator('[data-paymux-checkout] span').first().textContent(), '카드 등록');
    await frame.getByLabel('카드번호').fill('1111222233334444');
    await frame.getByLabel('유효기간 (MM/YY)').fill('12/39');
    await frame.getByLabel('비밀번호 앞 2자리').fill('12');
    await frame.getByLabel('생년월일').fill('800101');
    await frame.getByRole('button', { name: '카드 등록하기' }).click();
    await frame.getByText('카드가 등록되었습니다').waitFor();
    await frame.getByRole('button', { name: '닫기' }).click();
    const response = await result;
    assert.equal(response.success, true, JSON.stringify(response));
    assert.equal(response.customer_uid, customerUid);
    assert.equal(response.merchant_uid, merchantUid);
    assert.equal(response.imp_uid, null);
    assert.equal(response.error_msg, null);
    await context.close();

    const customer = await v1('GET', `/subscribe/customers/${encodeURIComponent(customerUid)}`);
    assert.equal(customer.status, 200, JSON.stringify(customer.body));
    assert.equal(customer.body.code, 0);
    assert.equal(customer.body.response.customer_uid, customerUid);

    const paidUid = newId('again');
    const again = await v1('POST', '/subscribe/payments/again', { customer_uid: customerUid, merchant_uid: paidUid, amount: 9_900, name: '월간 구독 1회차' });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(again.body.code, 0, JSON.stringify(again.body));
    assert.equal(again.body.response.status, 'paid');
    assert.equal(again.body.response.merchant_uid, paidUid);
    assert.equal(again.body.response.amount, 9_900);
    const found = await v1('GET', `/payments/${encodeURIComponent(String(again.body.response.imp_uid))}`);
    assert.equal(found.body.response.status, 'paid');
  });

  it('customer_uid with an amount above 0, or on a MID without billing, is refused before any window opens', async () => {
    const { page, context } = await shop();
    const customerUid = newId('cust');
    const charged = await page.evaluate((p) => window.payV1(p), {
      pg: 'settle.nxca_ks_gu',
      pay_method: 'card',
      merchant_uid: newId('issue'),
      customer_uid: customerUid,
      name: '등록과 동시 결제',
      amount: 1_000,
    });
    assert.equal(charged.success, false);
    assert.equal(charged.customer_uid, customerUid);
    assert.equal(charged.error_code, 'BadRequest');
    assert.match(String(charged.error_msg), /customer_uid와 함께 0원보다 큰 금액.*POST \/subscribe\/payments\/again/);
    const english = await page.evaluate((p) => window.payV1(p), {
      pg: 'settle.nxca_ks_gu',
      merchant_uid: newId('issue'),
      customer_uid: customerUid,
      name: 'register and charge',
      amount: 1_000,
      language: 'en',
    });
    assert.match(String(english.error_msg), /customer_uid with an amount above 0 .* is not supported/);
    const windowOnly = await page.evaluate((p) => window.payV1(p), { pg: 'settle.portone1', merchant_uid: newId('issue'), customer_uid: customerUid, name: '카드 등록', amount: 0 });
    assert.equal(windowOnly.success, false);
    assert.match(String(windowOnly.error_msg), /빌링키 발급을 지원하지 않습니다/);
    assert.equal(await page.locator('iframe[name=paymux_checkout_frame]').count(), 0);
    assert.equal((await v1('GET', `/subscribe/customers/${encodeURIComponent(customerUid)}`)).status, 404);
    await context.close();
  });
});
