import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { contractDocuments } from '../../src/domain/contract.ts';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.ts';
import { createOperator } from '../../src/services/tenancy.ts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordDevChecklistFacts } from '../support/checklistFacts.ts';
import { startTestApp, type TestApp } from '../support/harness.ts';

// Debian's Chromium, as in console.test.ts; the flags keep it off the (closed) network.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=ko-KR'];

const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/**
 * 채널 관리, 전자결제 신청 › 계약 and the operator area, end to end in the browser: a new merchant adds
 * its TEST channels, applies, uploads its documents; an operator moves the PG-side stages and
 * records a card review; live gating shows before and after.
 */
describe('channels, PG application and operator area in headless Chromium', () => {
  let t: TestApp;
  let sandbox: RunningSandbox;
  let browser: Browser;
  let baseUrl: string;
  let operator: { email: string; password: string };
  let merchantContext: BrowserContext;
  let merchantPage: Page;
  let operatorContext: BrowserContext;
  let operatorPage: Page;
  let files: string;
  let shop: Server;
  let shopUrl: string;
  const merchant = { companyName: '브라우저 테스트 상점', brn: '220-81-62517', email: 'owner@browser-shop.example', password: 'browser-shop-password' };

  before(async () => {
    sandbox = await startSandbox({ port: 0, notify: false, nightly: false });
    t = await startTestApp('pglite', { hectoUrl: sandbox.url });
    operator = await createOperator(t.deps, 'ops@paymux.local');
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    t.deps.config.publicUrl = baseUrl;
    // The merchant's own site, paying through the V2 browser SDK of this paymux.
    shop = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
      response.end(`<!DOCTYPE html><html lang="ko"><head><meta charset="UTF-8"><title>상점</title><script src="${baseUrl}/sdk/v2/browser-sdk.js"></script></head><body><h1>상점</h1><script>window.pay=function(r){return PortOne.requestPayment(r);};</script></body></html>`);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`;
    // The LIVE MID exists at the (simulated) PG with its own keys.
    await fetch(`${sandbox.url}/__sandbox/merchants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mchtId: 'm_live_01', licenseKey: 'ST2611221234567890abc', encryptionKey: 'liveEncryptionKey0123456789abcde' }),
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
    mkdirSync('test-results', { recursive: true });
    files = mkdtempSync(path.join(tmpdir(), 'paymux-e2e-'));
  });
  after(async () => {
    await browser?.close();
    shop?.close();
    await t?.close();
    await sandbox?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  const pdf = (name: string) => {
    const file = path.join(files, name);
    writeFileSync(file, `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${name}\n%%EOF\n`);
    return file;
  };

  const section = (page: Page, name: string) => page.getByTestId('shell').getByRole('link', { name, exact: true }).click();
  const channelCard = (page: Page, mid: string) => page.getByTestId(`channel-${mid}`);

  it('signs a new merchant up', async () => {
    merchantContext = await browser.newContext({ viewport: desktop });
    merchantPage = await merchantContext.newPage();
    await merchantPage.goto(`${baseUrl}/console/signup`);
    await merchantPage.getByLabel('회사명').fill(merchant.companyName);
    await merchantPage.getByLabel('사업자등록번호').fill(merchant.brn);
    await merchantPage.getByLabel('이메일').fill(merchant.email);
    await merchantPage.getByLabel('비밀번호', { exact: true }).fill(merchant.password);
    await merchantPage.getByLabel('비밀번호 확인').fill(merchant.password);
    await merchantPage.getByRole('button', { name: '회원가입' }).click();
    await merchantPage.getByTestId('shell').waitFor();
    assert.equal(await merchantPage.getByTestId('shell').getByRole('link', { name: '운영자', exact: true }).count(), 0, 'no operator area for merchants');
  });

  it('refuses a channel name with "!" beside the field, then adds the three TEST channels through the form', async () => {
    const page = merchantPage;
    await section(page, '채널 관리');
    await page.getByText('채널이 없습니다').waitFor();
    await page.getByRole('button', { name: '+ 채널 추가' }).click();
    const form = page.getByTestId('add-channel-form');
    // The fields exactly as the setup page names them, each findable by its label.
    assert.equal(await form.getByLabel('테스트 연동').isChecked(), true);
    // Radio groups are named by their visible label, so getByLabel finds the group itself.
    assert.equal(await form.getByLabel('연동 모드', { exact: true }).getAttribute('role'), 'radiogroup');
    assert.equal(await form.getByLabel('PG상점아이디 (MID)', { exact: true }).getAttribute('role'), 'radiogroup');
    assert.equal(await form.getByLabel('연동 모드', { exact: true }).getByRole('radio').count(), 2);
    assert.equal(await form.getByLabel('결제대행사').inputValue(), 'SETTLE');
    assert.match((await form.getByLabel('결제대행사').textContent()) ?? '', /헥토파이낸셜/);
    assert.match((await form.getByLabel('결제모듈').textContent()) ?? '', /결제창 일반결제 및 API 수기\/정기결제/);
    assert.match((await form.getByLabel('채널 속성').textContent()) ?? '', /결제/);
    assert.match((await form.getByLabel('과세설정').textContent()) ?? '', /과세.*면세.*복합과세/);
    await form.getByText('카드번호, 유효기간, 비밀번호 앞 2자리, 생년월일').waitFor();
    await page.getByText('헥토파이낸셜 테스트 모드는 실제로 출금되지만 매일 23:00~23:50 사이에 자동 취소됩니다.').waitFor();

    await form.getByLabel('채널 이름').fill('테스트 채널!');
    await form.getByRole('button', { name: '저장' }).click();
    const nameError = page.locator('#add-name-error');
    await nameError.waitFor();
    assert.match((await nameError.textContent()) ?? '', /문자\(한글·영문 등\), 숫자, 공백, 밑줄\(_\)과 하이픈\(-\)만.*사용할 수 없는 문자: !/);
    assert.equal(await form.getByLabel('채널 이름').getAttribute('aria-invalid'), 'true');
    await page.screenshot({ path: 'test-results/console-channel-add-form.png', fullPage: true });

    const channels = [
      { mid: 'portone1', name: '결제창 테스트' },
      { mid: 'nxca_ks_gu', name: '카유비생 테스트' },
      { mid: 'nxca_jt_bi', name: '카유 테스트' },
    ];
    for (const [index, channel] of channels.entries()) {
      if (index > 0) await page.getByRole('button', { name: '+ 채널 추가' }).click();
      await form.getByLabel('채널 이름').fill(channel.name);
      await form.getByLabel(channel.mid).check();
      await form.getByLabel('과세설정').selectOption('TAXABLE');
      await form.getByRole('button', { name: '저장' }).click();
      await page.getByText(`채널 "${channel.name}"을(를) 추가했습니다.`).waitFor();
      const card = channelCard(page, channel.mid);
      await card.getByRole('heading', { name: channel.name }).waitFor();
      assert.match((await card.textContent()) ?? '', /테스트.*사용 중.*헥토파이낸셜/);
    }
    assert.equal(await page.locator('article.card').count(), 3);
  });

  it('checks the connection, sets a default, edits a channel and shows the deposit-notice e-mail', async () => {
    const page = merchantPage;
    const portone1 = channelCard(page, 'portone1');
    await portone1.getByRole('button', { name: '연결 확인' }).click();
    const result = portone1.getByTestId('connection-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /PG가 MID와 키를 확인했습니다/);

    await portone1.getByRole('button', { name: '결제창 테스트: 가상계좌 기본 채널로' }).click();
    await portone1.getByTestId('default-methods').getByText('가상계좌').waitFor();

    const jtbi = channelCard(page, 'nxca_jt_bi');
    await jtbi.getByRole('button', { name: '수정' }).click();
    await jtbi.getByLabel('채널 이름').fill('카유 보조');
    await jtbi.getByLabel('과세설정').selectOption('TAX_FREE');
    await jtbi.getByLabel('사용', { exact: true }).uncheck();
    await jtbi.getByRole('button', { name: '저장' }).click();
    await page.getByText('채널 "카유 보조"을(를) 저장했습니다.').waitFor();
    // The message can come before the list is read again: wait for the card to show the change.
    await jtbi.filter({ hasText: /카유 보조.*사용 중지.*면세/ }).waitFor();
    assert.match((await jtbi.textContent()) ?? '', /카유 보조.*사용 중지.*면세/);

    // The deposit-notice request mail is for the contracted MID: a TEST channel says so instead.
    assert.equal(await portone1.getByRole('button', { name: '가상계좌 입금통보 설정' }).count(), 0);
    assert.match((await portone1.getByTestId('va-notice-test').textContent()) ?? '', /테스트 MID는 헥토파이낸셜에 요청할 필요가 없습니다/);
  });

  let liveChannelKey = '';
  /**
   * A LIVE card payment from the merchant's site in the iframe layer: what the window shows, then
   * (closed by its own button) what the SDK answered. `approved` waits for the card window instead.
   */
  const payLive = async (locale: 'ko' | 'en', approved = false) => {
    const page = await browser.newPage({ viewport: desktop });
    await page.goto(shopUrl);
    const storeId = await storeIdOf(merchantPage);
    const result = page.evaluate(
      (request) => (window as unknown as { pay: (r: object) => Promise<{ code?: string; message: string }> }).pay(request),
      { storeId, channelKey: liveChannelKey, paymentId: `live-${Date.now()}-${locale}`, orderName: '실 결제 테스트', totalAmount: 1000, currency: 'KRW', payMethod: 'CARD', locale: locale === 'en' ? 'EN_US' : 'KO_KR', windowType: { pc: 'IFRAME' } },
    );
    const frame = page.frameLocator('iframe[name=paymux_checkout_frame]');
    if (approved) {
      await frame.getByTestId('card-companies').waitFor();
      const shown = (await frame.locator('main').textContent()) ?? '';
      await page.screenshot({ path: 'test-results/checkout-live-after-approval.png' });
      result.catch(() => {}); // the buyer leaves the window open; the page goes away unanswered
      await page.close();
      return { shown, response: { message: '' } as { code?: string; message: string } };
    }
    const refusal = frame.getByTestId('refusal');
    await refusal.waitFor();
    const shown = (await refusal.textContent()) ?? '';
    await page.screenshot({ path: `test-results/checkout-live-refused-${locale}.png` });
    await frame.getByRole('button', { name: locale === 'en' ? 'Close' : '닫기' }).click();
    const response = await result;
    assert.equal(await page.locator('iframe[name=paymux_checkout_frame]').count(), 0, 'the layer closes');
    await page.close();
    return { shown, response };
  };

  const storeIdOf = async (page: Page) => {
    const session = await page.request.get(`${baseUrl}/console-api/me`);
    return ((await session.json()) as { stores: { id: string }[] }).stores[0]!.id;
  };

  const addLiveChannel = async (page: Page) => {
    await page.getByRole('button', { name: '+ 채널 추가' }).click();
    const form = page.getByTestId('add-channel-form');
    await form.getByLabel('실 연동').check();
    await form.getByLabel('채널 이름').fill('실 연동 채널');
    await form.getByLabel('PG상점아이디 (MID)').fill('m_live_01');
    await form.getByLabel('라이센스키 (전문 해쉬 키)').fill('ST2611221234567890abc');
    await form.getByLabel('암호화 키').fill('liveEncryptionKey0123456789abcde');
    assert.equal(await form.getByLabel('암호화 키').getAttribute('type'), 'password');
    await form.getByRole('button', { name: '저장' }).click();
    return form;
  };

  it('refuses a LIVE channel before 계약완료, with the message beside 연동 모드', async () => {
    const page = merchantPage;
    const form = await addLiveChannel(page);
    const refusal = page.locator('#add-mode-error');
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /실 연동 채널은 결제대행사 계약이 완료\(계약완료\)된 뒤에 추가할 수 있습니다/);
    await page.screenshot({ path: 'test-results/console-channel-live-refused.png', fullPage: true });
    await form.getByRole('button', { name: '취소' }).click();
    await page.screenshot({ path: 'test-results/console-channels.png', fullPage: true });
  });

  it('submits the application with the business registration certificate, then uploads the contract documents', async () => {
    const page = merchantPage;
    await section(page, '전자결제 신청');
    const form = page.getByTestId('application-form');
    await form.waitFor();
    await form.getByText('선택된 파일 없음').waitFor();
    assert.equal(await form.getByText('Choose File').count(), 0);
    assert.equal(await form.getByLabel('결제수단', { exact: true }).getAttribute('role'), 'group');
    assert.equal(await form.getByLabel('결제대행사', { exact: true }).getAttribute('role'), 'group');
    await form.getByLabel('사업자등록증').setInputFiles(pdf('사업자등록증.pdf'));
    await form.getByText('사업자등록증.pdf').waitFor();
    assert.equal(await form.getByLabel('신용카드').isChecked(), true);
    await form.getByLabel('가상계좌').check();
    assert.equal(await form.getByLabel('헥토파이낸셜').isChecked(), true);
    await form.getByLabel('담당자 이메일').fill('contact@browser-shop.example');
    await page.screenshot({ path: 'test-results/console-application-form.png', fullPage: true });
    await form.getByRole('button', { name: '신청서 제출' }).click();

    const contract = page.getByTestId('contract');
    await contract.waitFor();
    assert.equal(await page.getByTestId('current-stage').textContent(), '신청서 제출');
    const timeline = page.getByRole('list', { name: '계약 진행 단계' });
    assert.deepEqual(
      (await timeline.locator('li.stage strong').allTextContents()),
      ['신청서 제출', '헥토파이낸셜 전달', '계약안내', '계약진행', '계약완료', '테스트 채널 설정', '개발진행', '카드사 심사', '운영'],
    );
    assert.match((await timeline.locator('li[data-stage="CONTRACT_GUIDANCE"]').textContent()) ?? '', /예상 \d{4}-\d{2}-\d{2}/);
    assert.match((await timeline.locator('li[data-stage="SUBMITTED"]').textContent()) ?? '', /진행 중\d{4}-\d{2}-\d{2}부터/);
    await page.getByText('카드사 심사가 완료되지 않아 실 결제를 할 수 없습니다').waitFor();
    await page.getByText('실 연동 채널은 계약완료 후에 추가할 수 있습니다.').waitFor();
    assert.match((await page.getByTestId('notifications').textContent()) ?? '', /전자결제 계약 단계: 신청서 제출/);

    // The certificate is already there; the other required documents are uploaded one by one.
    const certificate = page.locator('li.doc[data-kind="BUSINESS_REGISTRATION"]');
    assert.match((await certificate.textContent()) ?? '', /제출됨.*사업자등록증\.pdf/);
    for (const doc of contractDocuments.filter((d) => d.required && d.kind !== 'BUSINESS_REGISTRATION')) {
      await page.getByLabel(`파일 올리기: ${doc.ko}`).setInputFiles(pdf(`${doc.kind}.pdf`));
      await page.getByText(`'${doc.ko}' 파일을 올렸습니다.`).waitFor();
      await page.locator(`li.doc[data-kind="${doc.kind}"]`).getByRole('link', { name: `${doc.kind}.pdf` }).waitFor();
    }
    const download = await page.request.get(
      `${baseUrl}${await certificate.getByRole('link', { name: '사업자등록증.pdf' }).getAttribute('href')}`,
    );
    assert.equal(download.status(), 200);
    assert.match(await download.text(), /^%PDF-1\.4/);
  });

  const signInOperator = async () => {
    operatorContext = await browser.newContext({ viewport: desktop });
    operatorPage = await operatorContext.newPage();
    await operatorPage.goto(`${baseUrl}/console/`);
    await operatorPage.getByLabel('이메일').fill(operator.email);
    await operatorPage.getByLabel('비밀번호').fill(operator.password);
    await operatorPage.getByRole('button', { name: '로그인' }).click();
    await operatorPage.getByRole('heading', { name: '운영자 · 전자결제 신청' }).waitFor();
  };

  it('lets the operator move the application to 계약완료, a note on the way', async () => {
    await signInOperator();
    const page = operatorPage;
    const nav = page.getByTestId('shell').getByRole('navigation');
    assert.deepEqual(await nav.getByRole('link').allTextContents(), ['운영자'], 'an operator has no merchant pages');
    const card = page.locator('article.card', { hasText: merchant.companyName });
    assert.match((await card.textContent()) ?? '', /신청서 제출.*contact@browser-shop\.example/);
    assert.ok(await card.getByRole('link', { name: '사업자등록증.pdf' }).count());

    for (const [stage, note] of [
      ['헥토파이낸셜 전달', '헥토파이낸셜 계약부서에 전달'],
      ['계약안내', ''],
      ['계약진행', ''],
      ['계약완료', '보증보험 확인'],
    ] as const) {
      if (note) await card.getByLabel('단계 메모').fill(note);
      await card.getByRole('button', { name: `'${stage}' 단계로 진행` }).click();
      await card.getByText(`'${stage}' 단계로 진행했습니다.`).waitFor();
      assert.equal(await card.getByTestId('application-stage').textContent(), stage);
    }
    await card.getByText("다음 단계 '테스트 채널 설정'은(는) 가맹점이 진행합니다.").waitFor();
    assert.match((await card.locator('li[data-stage="FORWARDED"]').textContent()) ?? '', /메모: 헥토파이낸셜 계약부서에 전달/);
    await page.screenshot({ path: 'test-results/console-operator.png', fullPage: true });
  });

  it('allows the LIVE channel once the contract is completed; the merchant moves its own stages', async () => {
    const page = merchantPage;
    await section(page, '채널 관리');
    await channelCard(page, 'portone1').waitFor();
    await addLiveChannel(page);
    await page.getByText('채널 "실 연동 채널"을(를) 추가했습니다.').waitFor();
    const live = channelCard(page, 'm_live_01');
    const text = (await live.textContent()) ?? '';
    assert.match(text, /실연동/);
    assert.ok(!text.includes('ST2611221234567890abc') && !text.includes('liveEncryptionKey0123456789abcde'), 'keys are never shown in full');

    // The deposit-notice request mail, for the contracted (LIVE) MID.
    await live.getByRole('button', { name: '가상계좌 입금통보 설정' }).click();
    const notice = live.getByTestId('va-notice');
    await notice.waitFor();
    const mail = (await notice.textContent()) ?? '';
    assert.match(mail, /settle_pgdev@hecto\.co\.kr/);
    assert.match(mail, new RegExp(`상호명: ${merchant.companyName}`));
    assert.match(mail, /상점아이디\(MID\): m_live_01/);
    assert.match(mail, /\/settle_payments\/notice_vbank/);
    assert.match(mail, /헥토파이낸셜 상점아이디: imp_[a-z0-9]{4}/);
    const mailto = await notice.getByRole('link', { name: '메일 보내기' }).getAttribute('href');
    assert.ok(mailto?.startsWith('mailto:settle_pgdev@hecto.co.kr?subject='), mailto ?? '');
    const channelList = await page.request.get(`${baseUrl}/console-api/stores/${await storeIdOf(page)}/channels`);
    liveChannelKey = ((await channelList.json()) as { items: { mid: string; key: string }[] }).items.find((c) => c.mid === 'm_live_01')!.key;

    // Before any card company approved, the buyer is told so in the window, and the SDK answers a clear code.
    const refused = await payLive('ko');
    assert.equal(refused.response.code, 'InvalidEntityState');
    assert.match(refused.response.message, /카드사 심사가 완료되지 않아 실 결제를 할 수 없습니다/);
    assert.match(refused.shown, /카드사 심사가 완료되지 않아 실 결제를 할 수 없습니다/);
    const refusedEn = await payLive('en');
    assert.match(refusedEn.shown, /card-company review is not complete/);

    await section(page, '전자결제 신청');
    await page.getByTestId('contract').waitFor();
    assert.equal(await page.getByTestId('current-stage').textContent(), '계약완료');
    await page.getByText('계약이 완료되어 실 연동 채널을 추가할 수 있습니다.').waitFor();
    for (const [button, stage] of [
      ['테스트 채널 설정 완료', '테스트 채널 설정'],
      ['개발 시작', '개발진행'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await page.getByText(`'${stage}' 단계로 진행했습니다.`).waitFor();
      assert.equal(await page.getByTestId('current-stage').textContent(), stage);
    }
    // The card review waits for the 개발진행 checklist, and says what is missing.
    await page.getByRole('button', { name: '카드사 심사 요청' }).click();
    await page.getByText('카드사 심사를 요청하기 전에 개발진행 체크리스트를 완료해 주세요. 아직 없는 항목: 결제창 테스트 결제 완료, 테스트 결제 취소 성공, 웹훅 2xx 응답.').waitFor();
    await page.screenshot({ path: 'test-results/console-contract-review-refused.png', fullPage: true });
    await recordDevChecklistFacts(t.deps, await storeIdOf(page), { window: true, cancel: true, webhookStatus: 200 });
    await page.getByRole('button', { name: '카드사 심사 요청' }).click();
    await page.getByText(`'카드사 심사' 단계로 진행했습니다.`).waitFor();
    assert.equal(await page.getByTestId('current-stage').textContent(), '카드사 심사');
    assert.match((await page.locator('li[data-stage="LIVE"]').textContent()) ?? '', /예상 \d{4}-\d{2}-\d{2}/, 'every stage has its expected date');
    await page.getByText(/심사 완료 예상 \d{4}-\d{2}-\d{2}/).waitFor();
    assert.match((await page.locator('li[data-stage="CONTRACT_COMPLETED"]').textContent()) ?? '', /완료\d{4}-\d{2}-\d{2} 완료/);
    await page.getByText('카드사 심사가 완료되지 않아 실 결제를 할 수 없습니다').waitFor();
    await page.getByText('아직 기록된 카드사 심사 결과가 없습니다.').waitFor();
    await page.screenshot({ path: 'test-results/console-contract-review.png', fullPage: true });
  });

  it('records card reviews in the operator area; the merchant then sees the approved card companies', async () => {
    const page = operatorPage;
    await page.reload();
    const card = page.locator('article.card', { hasText: merchant.companyName });
    const review = card.getByTestId('card-review-form');
    await review.waitFor();
    await review.getByLabel('카드사', { exact: true }).selectOption('삼성');
    await review.getByLabel('결과').selectOption({ label: '거절' });
    await review.getByLabel('심사일').fill('2026-10-02');
    await review.getByLabel('심사 메모').fill('사이트 보완 필요');
    await review.getByRole('button', { name: '기록' }).click();
    await review.getByText('삼성 심사 결과를 기록했습니다.').waitFor();

    const merchantView = merchantPage;
    await merchantView.reload();
    await merchantView.getByTestId('contract').waitFor();
    assert.match((await merchantView.getByTestId('card-reviews').textContent()) ?? '', /삼성거절2026-10-02사이트 보완 필요/);
    await merchantView.getByText('카드사 심사가 완료되지 않아 실 결제를 할 수 없습니다').waitFor();

    await review.getByLabel('카드사', { exact: true }).selectOption('KB국민');
    await review.getByLabel('결과').selectOption({ label: '승인' });
    await review.getByLabel('심사일').fill('2026-10-05');
    await review.getByRole('button', { name: '기록' }).click();
    await review.getByText('KB국민 심사 결과를 기록했습니다.').waitFor();
    assert.match((await card.getByTestId('card-reviews').textContent()) ?? '', /KB국민승인2026-10-05/);
    await page.screenshot({ path: 'test-results/console-operator-review.png', fullPage: true });

    const approvedWindow = await payLive('ko', true);
    assert.match(approvedWindow.shown, /결제 가능 카드사: KB국민/);

    await merchantView.reload();
    await merchantView.getByText('실 결제 가능 카드사: KB국민').waitFor();
    assert.equal(await merchantView.getByText('카드사 심사가 완료되지 않아 실 결제를 할 수 없습니다').count(), 0);
    await merchantView.screenshot({ path: 'test-results/console-contract.png', fullPage: true });

    await merchantView.getByRole('button', { name: 'English' }).click();
    await merchantView.getByText('Live payments possible with: KB Kookmin').waitFor();
    await merchantView.screenshot({ path: 'test-results/console-contract-en.png', fullPage: true });
    await merchantView.getByRole('button', { name: '한국어' }).click();
  });

  /** The page fits the screen's width; otherwise names what sticks out. */
  const noSidewaysScroll = async (page: Page, what: string) => {
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      return [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)}px)`);
    });
    assert.deepEqual(wide, [], `${what} scrolls sideways at 390px`);
  };

  it('shows the next step on 홈 from the contract stage', async () => {
    const page = merchantPage;
    await section(page, '홈');
    const hint = page.getByTestId('home-next');
    await hint.waitFor();
    assert.equal(await hint.getAttribute('data-stage'), 'CARD_REVIEW');
    assert.match((await hint.textContent()) ?? '', /카드사 심사 중입니다 \(보통 2주, \d{4}-\d{2}-\d{2} 예정\)/);
    await page.screenshot({ path: 'test-results/console-home.png', fullPage: true });
  });

  it('folds the menu behind a button on a phone, every page reachable within the screen', async () => {
    const page = await merchantContext.newPage();
    await page.setViewportSize(phone);
    await page.goto(`${baseUrl}/console/channels`);
    const toggle = page.getByTestId('menu-toggle');
    await toggle.waitFor();
    assert.match((await toggle.textContent()) ?? '', /메뉴.*채널 관리/);
    const nav = page.getByRole('navigation', { name: '콘솔 메뉴' });
    assert.equal(await nav.isVisible(), false);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const links = nav.getByRole('link');
    assert.equal(await links.count(), 7);
    for (const link of await links.all()) {
      const box = (await link.boundingBox())!;
      assert.ok(box.x >= 0 && box.x + box.width <= phone.width, `${await link.textContent()} lies within the screen`);
    }
    await page.screenshot({ path: 'test-results/console-menu-phone.png' });
    await nav.getByRole('link', { name: '결제 내역' }).click();
    await page.getByRole('heading', { level: 1, name: '결제 내역' }).waitFor();
    assert.equal(await nav.isVisible(), false, 'choosing a page folds the menu');
    await page.close();
  });

  it('fits a phone screen (390 px): contract, channels, add form, operator area', async () => {
    const pages = [
      { context: merchantContext, go: 'application', shot: 'console-contract-phone.png' },
      { context: merchantContext, go: 'channels', shot: 'console-channels-phone.png', addForm: 'console-channel-add-form-phone.png' },
      { context: operatorContext, go: 'operator', shot: 'console-operator-phone.png' },
      { context: merchantContext, go: 'home', shot: 'console-home-phone.png', ready: '[data-testid="home-next"]' },
      { context: merchantContext, go: 'payments', shot: 'console-payments-phone.png', ready: '#payments-channel' },
    ];
    for (const { context, go, shot, addForm, ready } of pages as { context: BrowserContext; go: string; shot: string; addForm?: string; ready?: string }[]) {
      const page = await context.newPage();
      await page.setViewportSize(phone);
      await page.goto(`${baseUrl}/console/${go}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator(ready ?? 'main.content article, main.content [data-testid="contract"]').first().waitFor();
      await page.screenshot({ path: `test-results/${shot}`, fullPage: true });
      await noSidewaysScroll(page, go);
      if (addForm) {
        await page.getByRole('button', { name: '+ 채널 추가' }).click();
        await page.getByTestId('add-channel-form').waitFor();
        await page.screenshot({ path: `test-results/${addForm}`, fullPage: true });
        await noSidewaysScroll(page, 'the add form');
      }
      await page.close();
    }
  });
});
