import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { newRowId } from '../../src/domain/ids.ts';
import { isAfterNightlyTestCancel } from '../../src/domain/kstDay.ts';
import { deliverDueWebhooks } from '../../src/services/webhooks/delivery.ts';
import { insertApplication } from '../../src/store/repositories/applications.ts';
import { setStoreWebhookUrl, startReceiver, type Receiver } from '../integration/webhooks/helpers.ts';
import { channelKeyOf, fullCard, keyInCard, startPaymentsEnv, type PaymentsTestEnv } from '../support/payments.ts';

// Debian's Chromium, as in console.test.ts; the flags keep it off the (closed) network.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/**
 * 결제 내역, a payment's detail with its timeline and a partial cancel, 홈, 빌링키, the webhook
 * delivery log and the 개발진행 checklist, in the browser, on payments made through the V2 API.
 */
describe('console payments pages in headless Chromium', () => {
  let env: PaymentsTestEnv;
  let receiver: Receiver;
  let browser: Browser;
  let desktopPage: Page;
  const paymentId = 'e2e-order-0001';

  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${env.url}${path}`, {
      method: 'POST',
      headers: { authorization: `PortOne ${env.t.demo.apiSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return (await response.json()) as Record<string, any>;
  };
  const pay = (id: string, orderName: string, total: number) =>
    api(`/payments/${id}/instant`, { channelKey: channelKeyOf(env.t, 'nxca_jt_bi'), method: { card: { credential: keyInCard } }, orderName, amount: { total }, currency: 'KRW' });

  before(async () => {
    env = await startPaymentsEnv('pglite');
    // The store's webhook endpoint refuses at first, so 홈 has a failed webhook to show.
    receiver = await startReceiver(() => ({ status: 500 }));
    await setStoreWebhookUrl(env.t.deps, env.t.demo.storeId, `${receiver.origin}/hook`);
    await pay(paymentId, '브라우저 테스트 주문', 15000);
    await pay('e2e-order-0002', '두 번째 주문', 3000);
    await api('/billing-keys', { channelKey: channelKeyOf(env.t, 'nxca_ks_gu'), method: { card: { credential: fullCard } }, customer: { id: 'customer-e2e' } });
    await deliverDueWebhooks(env.t.deps);
    receiver.answer = () => ({ status: 200 });
    // The demo merchant is at 개발진행, so the contract page shows its checklist.
    const merchantId = (await env.t.deps.db.query.stores.findFirst())!.merchantId;
    const at = new Date();
    await insertApplication(env.t.deps.db, { id: newRowId(), merchantId, pgProviders: ['SETTLE'], paymentMethods: ['CARD'], contactEmail: 'dev@example.com', stage: 'DEVELOPMENT', submittedAt: at, updatedAt: at });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    mkdirSync('test-results', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await receiver?.close();
    await env?.close();
  });

  const signIn = async (viewport: { width: number; height: number }) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${env.url}/console/`);
    await page.getByTestId('login-form').waitFor();
    await page.getByLabel('이메일').fill(env.t.demo.console.email);
    await page.getByLabel('비밀번호').fill(env.t.demo.console.password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('shell').waitFor();
    return page;
  };
  const section = async (page: Page, name: string) => {
    // On a phone the menu is folded behind its button.
    const toggle = page.getByTestId('menu-toggle');
    if (await toggle.isVisible()) await toggle.click();
    await page.getByTestId('shell').getByRole('navigation').getByRole('link', { name, exact: true }).click();
  };
  const autoCancelText = () => (isAfterNightlyTestCancel(new Date()) ? /자동 취소 대상/ : /오늘 23:00~23:50 사이 자동 취소 예정/);

  it('lists the test payment in 결제 내역 with when it is auto-cancelled, and finds it by search', async () => {
    const page = (desktopPage = await signIn(desktop));
    await section(page, '결제 내역');
    const row = page.getByTestId(`payment-${paymentId}`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /브라우저 테스트 주문.*15,000원.*결제완료/);
    assert.match((await row.getByTestId('auto-cancel').textContent()) ?? '', autoCancelText());
    assert.equal(await page.locator('[data-testid^="payment-e2e-"]').count(), 2);

    // Every filter is found by its label.
    for (const label of ['상태', '연동 모드', '채널', '시작일', '종료일', '검색']) assert.equal(await page.getByLabel(label, { exact: true }).count(), 1, label);
    await page.getByLabel('검색', { exact: true }).fill('브라우저');
    await page.getByRole('button', { name: '조회' }).click();
    await page.getByTestId('payment-count').getByText('총 1건').waitFor();
    assert.equal(await page.locator('[data-testid^="payment-e2e-"]').count(), 1);
    await page.getByLabel('연동 모드').selectOption('LIVE');
    await page.getByRole('button', { name: '조회' }).click();
    await page.getByText('조건에 맞는 결제가 없습니다.').waitFor();
    await page.getByRole('button', { name: '초기화' }).click();
    await page.getByTestId('payment-count').getByText('총 2건').waitFor();
    await page.screenshot({ path: 'test-results/console-payments-list.png', fullPage: true });
  });

  it("opens the payment's detail with its timeline and cancels part of it with a reason", async () => {
    const page = desktopPage;
    await page.getByRole('link', { name: paymentId }).click();
    await page.getByTestId('payment-id').getByText(paymentId).waitFor();
    assert.match((await page.getByTestId('auto-cancel-callout').textContent()) ?? '', autoCancelText());
    const timeline = page.getByTestId('payment-timeline');
    await timeline.getByText('PG 호출: 카드 수기결제 승인').waitFor();
    await timeline.getByText('웹훅 Transaction.Paid').waitFor();
    assert.match((await timeline.textContent()) ?? '', /HTTP 500/);
    assert.doesNotMatch((await page.content()) ?? '', new RegExp(keyInCard.number));

    const form = page.getByTestId('cancel-form');
    await form.getByLabel('부분 취소').check();
    await form.getByLabel('취소 금액').fill('5000');
    await form.getByRole('button', { name: '취소 요청' }).click();
    await page.locator('#cancel-reason-error').getByText('취소 사유를 입력해 주세요.').waitFor();
    await form.getByLabel('취소 사유').fill('사이즈 교환');
    page.once('dialog', (dialog) => void dialog.accept());
    await form.getByRole('button', { name: '취소 요청' }).click();
    await page.getByRole('status').getByText('5,000원 취소되었습니다.').waitFor();
    assert.equal(await page.getByTestId('cancelled-amount').textContent(), '5,000원');
    assert.equal(await page.getByTestId('cancellable-amount').textContent(), '10,000원');
    assert.match((await page.getByTestId('cancellations').textContent()) ?? '', /5,000원.*사이즈 교환.*취소 완료.*가맹점/);
    await page.getByText('부분취소', { exact: true }).first().waitFor();
    await timeline.getByText('PG 호출: 결제 취소').waitFor();
    await page.screenshot({ path: 'test-results/console-payment-detail.png', fullPage: true });
  });

  it('sums up on 홈: contract stage, channels, today’s test payments and the failed webhooks', async () => {
    const page = desktopPage;
    await section(page, '홈');
    const summary = page.getByTestId('home-summary');
    await summary.getByText('개발진행').waitFor();
    await summary.getByText('테스트 3개 · 실연동 0개').waitFor();
    await page.getByTestId('home-today').getByText('2건 · 18,000원').waitFor();
    assert.match((await page.getByTestId('home-today').textContent()) ?? '', /취소 5,000원/);
    const failed = (await page.getByTestId('home-failed-webhooks').textContent()) ?? '';
    assert.match(failed, /실패한 웹훅 \(최근 24시간\)\s*\d+건/);
    assert.doesNotMatch(failed, /\b0건/);
    const today = page.getByTestId('today-test-payments');
    assert.match((await today.textContent()) ?? '', /브라우저 테스트 주문/);
    assert.match((await today.textContent()) ?? '', autoCancelText());
    await page.screenshot({ path: 'test-results/console-home-summary.png', fullPage: true });
  });

  it('shows the webhook delivery log and resends a failed delivery', async () => {
    const page = desktopPage;
    await section(page, '웹훅');
    const log = page.getByTestId('delivery-log');
    await log.waitFor();
    assert.match((await log.textContent()) ?? '', /Transaction\.Paid.*재시도 대기.*HTTP 500/);
    const before = await log.locator('tbody tr').count();
    await log.getByRole('button', { name: 'Transaction.Paid 웹훅 재전송' }).first().click();
    await page.getByText('다시 보낼 웹훅을 등록했습니다. 곧 전송됩니다.').waitFor();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="delivery-log"] tbody tr').length === count + 1, before);
    await page.screenshot({ path: 'test-results/console-webhook-log.png', fullPage: true });
  });

  it('lists the billing key with its masked card', async () => {
    const page = desktopPage;
    await section(page, '빌링키');
    const list = page.getByTestId('billing-key-list');
    await list.waitFor();
    assert.match((await list.textContent()) ?? '', /111122\*+4444.*발급됨.*customer-e2e/);
    await page.screenshot({ path: 'test-results/console-billing-keys.png', fullPage: true });
  });

  it('ticks the 개발진행 checklist from what happened', async () => {
    const page = desktopPage;
    await section(page, '전자결제 신청');
    const checklist = page.getByTestId('dev-checklist');
    await checklist.waitFor();
    assert.equal(await checklist.getByTestId('check-testChannel').getAttribute('data-done'), 'true');
    assert.equal(await checklist.getByTestId('check-testCancel').getAttribute('data-done'), 'true');
    assert.equal(await checklist.getByTestId('check-windowPayment').getAttribute('data-done'), 'false');
    assert.match((await checklist.getByTestId('check-testCancel').textContent()) ?? '', new RegExp(paymentId));
    await checklist.screenshot({ path: 'test-results/console-dev-checklist.png' });
  });

  it('works on a phone-sized screen', async () => {
    const page = await signIn(phone);
    await page.screenshot({ path: 'test-results/console-home-summary-phone.png', fullPage: true });
    await section(page, '결제 내역');
    const row = page.getByTestId(`payment-${paymentId}`);
    await row.waitFor();
    await page.screenshot({ path: 'test-results/console-payments-list-phone.png', fullPage: true });
    const fits = async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.equal(await fits(), true, 'no sideways scrolling on the list');
    await row.getByRole('link', { name: paymentId }).click();
    await page.getByTestId('payment-timeline').waitFor();
    assert.equal(await fits(), true, 'no sideways scrolling on the detail');
    await page.screenshot({ path: 'test-results/console-payment-detail-phone.png', fullPage: true });
    await section(page, '웹훅');
    await page.getByTestId('delivery-log').waitFor();
    assert.equal(await fits(), true, 'no sideways scrolling on the delivery log');
    await page.screenshot({ path: 'test-results/console-webhook-log-phone.png', fullPage: true });
    await page.context().close();
  });
});
