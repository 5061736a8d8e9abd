import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/harness.ts';

// Debian's Chromium, as the machine's README entry says; flags keep it off the (closed) network.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('console in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  before(async () => {
    t = await startTestApp('pglite');
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    mkdirSync('test-results', { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('logs in with the demo credentials and shows the shell with its navigation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl}/console/`);
    await page.getByTestId('login-form').waitFor();
    await page.getByLabel('이메일').fill(t.demo.console.email);
    await page.getByLabel('비밀번호').fill(t.demo.console.password);
    await page.getByRole('button', { name: '로그인' }).click();
    const shell = page.getByTestId('shell');
    await shell.waitFor();
    for (const item of ['홈', '전자결제 신청', '채널 관리', '결제 내역', '빌링키', '웹훅', 'API 키']) {
      assert.equal(await shell.getByRole('navigation').getByRole('link', { name: item, exact: true }).count(), 1, item);
    }
    await page.getByText(t.demo.merchantCode).first().waitFor();
    await page.screenshot({ path: 'test-results/console-home.png' });

    // The session survives a reload (HttpOnly cookie, not page state).
    await page.reload();
    await page.getByTestId('shell').waitFor();
    await page.close();
  });

  it('creates a V2 secret on the API keys page, shows it once, and it works against the API', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl}/console/`);
    await page.getByLabel('이메일').fill(t.demo.console.email);
    await page.getByLabel('비밀번호').fill(t.demo.console.password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('shell').getByRole('link', { name: 'API 키', exact: true }).click();
    await page.getByLabel('이름').fill('e2e server');
    await page.getByRole('button', { name: '생성' }).click();
    const revealed = page.getByTestId('revealed-secret');
    await revealed.waitFor();
    const secret = (await revealed.textContent())!.trim();
    assert.match(secret, /^[A-Za-z0-9]{80}$/);
    await page.screenshot({ path: 'test-results/console-api-keys.png' });
    const login = await fetch(`${baseUrl}/login/api-secret`, { method: 'POST', body: JSON.stringify({ apiSecret: secret }) });
    assert.equal(login.status, 200);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('shell').getByRole('link', { name: 'API keys', exact: true }).waitFor();
    await page.screenshot({ path: 'test-results/console-api-keys-en.png' });
    await page.close();
  });

  it('logs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/console/`);
    await page.getByLabel('이메일').fill(t.demo.console.email);
    await page.getByLabel('비밀번호').fill(t.demo.console.password);
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByTestId('shell').waitFor();
    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.getByTestId('login-form').waitFor();
    await page.reload();
    await page.getByTestId('login-form').waitFor();
    await page.close();
  });
});
