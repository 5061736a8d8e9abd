import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import type { PaymentWindowForm, PgChannelCredentials, PgNotification } from '../../src/pg/contract.ts';
import { HectoConnector } from '../../src/pg/hecto/index.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.ts';

// Debian's Chromium; the flags keep it off the (closed) network.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const escapeHtml = (value: string): string =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** A page that auto-submits the connector's form to the window, as a merchant's checkout would. */
const checkoutPage = (form: PaymentWindowForm): string => `<!DOCTYPE html><html lang="ko"><head><meta charset="UTF-8"><title>checkout</title></head>
<body><form id="pay" method="${form.method}" action="${escapeHtml(form.action)}">${Object.entries(form.fields)
  .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
  .join('')}</form><script>document.getElementById('pay').submit();</script></body></html>`;

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
  });

describe('Hecto payment window in headless Chromium', () => {
  const channel: PgChannelCredentials = { mode: 'TEST', mid: 'portone1' };
  let sandbox: RunningSandbox;
  let connector: HectoConnector;
  let merchant: Server;
  let merchantUrl: string;
  let browser: Browser;
  const forms = new Map<string, PaymentWindowForm>();
  const notices: PgNotification[] = [];
  const noticeWaiters: ((notice: PgNotification) => void)[] = [];
  const returns: { path: string; fields: URLSearchParams }[] = [];

  before(async () => {
    sandbox = await startSandbox({ port: 0, nightly: false });
    connector = new HectoConnector({ apiBaseUrl: sandbox.url, windowBaseUrl: sandbox.url });
    merchant = createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', 'http://merchant');
      if (request.method === 'GET' && url.pathname.startsWith('/checkout/')) {
        const form = forms.get(url.pathname.slice('/checkout/'.length));
        response.writeHead(form ? 200 : 404, { 'content-type': 'text/html; charset=UTF-8' });
        response.end(form ? checkoutPage(form) : 'no such order');
        return;
      }
      const body = await readBody(request);
      if (url.pathname === '/noti') {
        // Verify before acting, and answer Hecto's OK only then.
        const parsed = connector.parseNotification(channel, body);
        if (parsed.ok) {
          notices.push(parsed.notification);
          for (const waiter of noticeWaiters.splice(0)) waiter(parsed.notification);
        }
        response.end(parsed.ok ? connector.notificationAnswer.accepted : connector.notificationAnswer.rejected);
        return;
      }
      returns.push({ path: url.pathname, fields: new URLSearchParams(body) });
      response.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      response.end(`<!DOCTYPE html><html lang="ko"><body><h1 id="arrived">${escapeHtml(url.pathname)}</h1></body></html>`);
    });
    await new Promise<void>((resolve) => merchant.listen(0, '127.0.0.1', resolve));
    merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
  });
  after(async () => {
    await browser?.close();
    await sandbox?.close();
    await new Promise((resolve) => merchant?.close(resolve));
  });

  function order(amount: bigint): PaymentWindowForm {
    const form = connector.buildPaymentWindow(channel, {
      paymentMethod: 'CARD',
      amount,
      orderName: '테스트 상품',
      merchantName: '페이먹스 상점',
      notificationUrl: `${merchantUrl}/noti`,
      returnUrl: `${merchantUrl}/return`,
      cancelUrl: `${merchantUrl}/cancel`,
      customer: { name: '홍길동', id: 'buyer-1', email: 'buyer@example.com' },
    });
    forms.set(form.requestId, form);
    return form;
  }

  const noticeFor = (requestId: string): Promise<PgNotification> => {
    const seen = notices.find((n) => n.requestId === requestId);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const wait = (notice: PgNotification): void => {
        if (notice.requestId === requestId) resolve(notice);
        else noticeWaiters.push(wait);
      };
      noticeWaiters.push(wait);
    });
  };

  it('pays through the card-company screen: the verified notice reaches notiUrl and the browser lands on nextUrl', async () => {
    const form = order(15_000n);
    assert.equal(form.action, `${sandbox.url}/card/main.do`);
    assert.notEqual(form.fields.trdAmt, '15000', 'the amount travels encrypted');
    mkdirSync('test-results', { recursive: true });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${merchantUrl}/checkout/${form.requestId}`);
      await page.getByRole('button', { name: 'KB국민', exact: true }).waitFor();
      await page.screenshot({ path: 'test-results/hecto-window-card-companies.png', fullPage: true });
      await page.getByRole('button', { name: 'KB국민', exact: true }).click();
      await page.getByRole('button', { name: '결제하기' }).waitFor();
      await page.screenshot({ path: 'test-results/hecto-window-approval.png', fullPage: true });
      await page.getByRole('button', { name: '결제하기' }).click();
      await page.getByText('결제가 완료되었습니다').waitFor();
      await page.screenshot({ path: 'test-results/hecto-window-done.png', fullPage: true });
      const notice = await noticeFor(form.requestId);
      await page.getByRole('button', { name: '닫기' }).click();
      await page.locator('#arrived').waitFor();

      assert.equal(new URL(page.url()).pathname, '/return');
      assert.equal(notice.kind, 'PAID');
      assert.equal(notice.amount, 15_000n);
      assert.equal(notice.card?.issuerCode, 'KBC');
      const result = returns.find((r) => r.fields.get('mchtTrdNo') === form.requestId);
      assert.equal(result?.path, '/return');
      assert.equal(result?.fields.get('outStatCd'), '0021');
      assert.equal(result?.fields.get('trdNo'), notice.pgTxId);

      // The return post proves nothing (it has no hash); the inquiry confirms the payment.
      const state = await connector.inquire(channel, {
        paymentMethod: 'CARD',
        originalRequestId: form.requestId,
        originalRequestedAt: new Date(),
        originalAmount: 15_000n,
      });
      assert.equal(state.outcome === 'approved' && state.state, 'PAID');
    } finally {
      await page.close();
    }
  });

  it('closing the window before paying goes to cancUrl and books nothing', async () => {
    const form = order(9_000n);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${merchantUrl}/checkout/${form.requestId}`);
      await page.getByRole('button', { name: '닫기' }).click();
      await page.locator('#arrived').waitFor();
      assert.equal(new URL(page.url()).pathname, '/cancel');
      const result = returns.find((r) => r.fields.get('mchtTrdNo') === form.requestId);
      assert.equal(result?.fields.get('outRsltCd'), '0009');
      const state = await connector.inquire(channel, {
        paymentMethod: 'CARD',
        originalRequestId: form.requestId,
        originalRequestedAt: new Date(),
        originalAmount: 9_000n,
      });
      assert.equal(state.outcome === 'approved' && state.state, 'NOT_FOUND');
    } finally {
      await page.close();
    }
  });
});
