import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOperator } from '../../src/services/tenancy.ts';
import { recordDevChecklistFacts } from '../support/checklistFacts.ts';
import { databaseKinds } from '../support/database.ts';
import { ConsoleClient } from '../support/consoleClient.ts';
import { fixedClock, startTestApp, type TestApp } from '../support/harness.ts';

const pdf = (text = 'certificate') => ({ fileName: '사업자등록증.pdf', contentBase64: Buffer.from(`%PDF-1.4\n${text}\n%%EOF`).toString('base64') });
const png = () => ({ fileName: 'scan.png', contentBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64') });

for (const kind of databaseKinds) {
  describe(`PG application and contract workflow on ${kind}`, () => {
    let t: TestApp;
    let merchant: ConsoleClient;
    let operator: ConsoleClient;
    // Friday 2026-09-18, 10:00 KST: the 추석 holidays follow the next week.
    const clock = fixedClock(new Date('2026-09-18T01:00:00Z'));
    before(async () => {
      t = await startTestApp(kind, { clock });
      merchant = new ConsoleClient(t.app);
      await merchant.login(t.demo.console.email, t.demo.console.password);
      const created = await createOperator(t.deps, 'ops@paymux.local');
      operator = new ConsoleClient(t.app);
      assert.equal((await operator.login(created.email, created.password)).statusCode, 200);
    });
    after(() => t.close());

    const submission = { contactEmail: 'contact@shop.example', paymentMethods: ['CARD', 'VIRTUAL_ACCOUNT'], pgProviders: ['SETTLE'], businessRegistration: pdf() };

    it('checks an upload by its content and size, not its name', async () => {
      const fake = await merchant.request('POST', '/console-api/application', {
        ...submission,
        businessRegistration: { fileName: 'evil.pdf', contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64') },
      });
      assert.equal(fake.statusCode, 400);
      assert.equal(fake.json().error.field, 'businessRegistration');
      assert.match(fake.json().error.message.ko, /PDF, PNG, JPEG/);
      const huge = await merchant.request('POST', '/console-api/application', {
        ...submission,
        businessRegistration: { fileName: 'big.pdf', contentBase64: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]).toString('base64') },
      });
      assert.equal(huge.statusCode, 400);
      assert.match(huge.json().error.message.en, /10 MB/);
    });

    it('submits the application: 신청서 제출, with expected dates in business days', async () => {
      const response = await merchant.request('POST', '/console-api/application', submission);
      assert.equal(response.statusCode, 201, response.body);
      const application = response.json();
      assert.equal(application.stage, 'SUBMITTED');
      assert.equal(application.stageLabel.ko, '신청서 제출');
      assert.equal(application.expectedDates.FORWARDED, '2026-09-18');
      assert.equal(application.expectedDates.CONTRACT_GUIDANCE, '2026-09-23');
      assert.equal(application.documents.find((d: { kind: string }) => d.kind === 'BUSINESS_REGISTRATION').uploaded, true);
      assert.equal(application.notifications.length, 1);
      assert.equal(application.notifications[0].toEmail, 'contact@shop.example');
      const again = await merchant.request('POST', '/console-api/application', submission);
      assert.equal(again.statusCode, 409);
    });

    it('lets only the operator move PG-side stages, one at a time, and hides the operator area from merchants', async () => {
      assert.equal((await merchant.request('GET', '/console-api/operator/applications')).statusCode, 404);
      const mine = await merchant.request('POST', '/console-api/application/advance', { stage: 'FORWARDED' });
      assert.equal(mine.statusCode, 403);
      const { items } = (await operator.request('GET', '/console-api/operator/applications')).json();
      const id = items[0].id;
      const skip = await operator.request('POST', `/console-api/operator/applications/${id}/advance`, { stage: 'CONTRACT_GUIDANCE' });
      assert.equal(skip.statusCode, 409);
      assert.match(skip.json().error.message.ko, /헥토파이낸셜 전달/);
      for (const stage of ['FORWARDED', 'CONTRACT_GUIDANCE', 'CONTRACT_IN_PROGRESS']) {
        clock.advance(2 * 3600_000); // sessions last 12 hours
        const moved = await operator.request('POST', `/console-api/operator/applications/${id}/advance`, { stage, note: `${stage} note` });
        assert.equal(moved.statusCode, 200, moved.body);
      }
      const blocked = await operator.request('POST', `/console-api/operator/applications/${id}/advance`, { stage: 'CONTRACT_COMPLETED' });
      assert.equal(blocked.statusCode, 409);
      assert.match(blocked.json().error.message.ko, /계약 구비서류 5건/);
    });

    it('takes the contract documents, then completes the contract; LIVE channels only from then on', async () => {
      const liveChannel = {
        mode: 'LIVE',
        pgProvider: 'SETTLE',
        module: 'HECTO_WINDOW_API',
        attribute: 'PAYMENT',
        taxSetting: 'TAXABLE',
        name: '실 연동',
        mid: 'm_live_01',
        licenseKey: 'ST2611221234567890abc',
        encryptionKey: 'liveEncryptionKey0123456789abcde',
      };
      const early = await merchant.request('POST', `/console-api/stores/${t.demo.storeId}/channels`, liveChannel);
      assert.equal(early.statusCode, 409);
      assert.match(early.json().error.message.ko, /계약완료/);

      for (const kind of ['CORPORATE_REGISTRY', 'SEAL_CERTIFICATE', 'BANK_ACCOUNT', 'SIGNED_CONTRACT', 'GUARANTEE_INSURANCE']) {
        const uploaded = await merchant.request('POST', '/console-api/application/documents', { kind, ...png() });
        assert.equal(uploaded.statusCode, 200, uploaded.body);
      }
      const { items } = (await operator.request('GET', '/console-api/operator/applications')).json();
      const completed = await operator.request('POST', `/console-api/operator/applications/${items[0].id}/advance`, { stage: 'CONTRACT_COMPLETED' });
      assert.equal(completed.statusCode, 200, completed.body);
      const live = await merchant.request('POST', `/console-api/stores/${t.demo.storeId}/channels`, liveChannel);
      assert.equal(live.statusCode, 201, live.body);

      const file = completed.json().documents.find((d: { kind: string }) => d.kind === 'BUSINESS_REGISTRATION').files[0];
      const download = await merchant.request('GET', `/console-api/applications/${items[0].id}/files/${file.id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.match(download.body, /^%PDF-/);
      const stranger = new ConsoleClient(t.app);
      await stranger.request('POST', '/console-api/signup', { companyName: '남', businessRegistrationNumber: '2208162517', email: `s-${kind}@example.com`, password: 'stranger-password' });
      assert.equal((await stranger.request('GET', `/console-api/applications/${items[0].id}/files/${file.id}`)).statusCode, 404);
    });

    it('refuses the card-company review until the 개발진행 checklist is complete, saying what is missing', async () => {
      for (const stage of ['TEST_CHANNEL_SETUP', 'DEVELOPMENT']) {
        const moved = await merchant.request('POST', '/console-api/application/advance', { stage });
        assert.equal(moved.statusCode, 200, moved.body);
      }
      const requestReview = () => merchant.request('POST', '/console-api/application/advance', { stage: 'CARD_REVIEW' });
      const first = await requestReview();
      assert.equal(first.statusCode, 409);
      assert.equal(first.json().error.message.ko, '카드사 심사를 요청하기 전에 개발진행 체크리스트를 완료해 주세요. 아직 없는 항목: 결제창 테스트 결제 완료, 테스트 결제 취소 성공, 웹훅 2xx 응답.');

      // The facts as the payments and webhook services record them, one at a time.
      const { storeId } = t.demo;
      await recordDevChecklistFacts(t.deps, storeId, { window: true });
      const second = await requestReview();
      assert.equal(second.statusCode, 409);
      assert.match(second.json().error.message.ko, /아직 없는 항목: 테스트 결제 취소 성공, 웹훅 2xx 응답\.$/);
      await recordDevChecklistFacts(t.deps, storeId, { cancel: true, webhookStatus: 500 });
      const third = await requestReview();
      assert.match(third.json().error.message.ko, /아직 없는 항목: 웹훅 2xx 응답\.$/, 'a 500 answer does not count');
      await recordDevChecklistFacts(t.deps, storeId, { webhookStatus: 204 });
      const requested = await requestReview();
      assert.equal(requested.statusCode, 200, requested.body);
    });

    it('runs the card review per company, and goes live after an approval', async () => {
      const { items } = (await operator.request('GET', '/console-api/operator/applications')).json();
      const id = items[0].id;
      assert.ok(items[0].expectedDates.CARD_REVIEW_END);
      const tooEarly = await operator.request('POST', `/console-api/operator/applications/${id}/advance`, { stage: 'LIVE' });
      assert.equal(tooEarly.statusCode, 409);
      const rejected = await operator.request('POST', `/console-api/operator/applications/${id}/card-reviews`, { cardCompany: '삼성', result: 'REJECTED', decidedOn: '2026-10-02', note: '사이트 보완 필요' });
      assert.equal(rejected.statusCode, 200);
      assert.equal((await operator.request('POST', `/console-api/operator/applications/${id}/advance`, { stage: 'LIVE' })).statusCode, 409);
      const approved = await operator.request('POST', `/console-api/operator/applications/${id}/card-reviews`, { cardCompany: 'KB국민', result: 'APPROVED', decidedOn: '2026-10-05' });
      assert.deepEqual(approved.json().cardReviews.map((r: { cardCompany: string; result: string }) => `${r.cardCompany}:${r.result}`).sort(), ['KB국민:APPROVED', '삼성:REJECTED']);
      const live = await operator.request('POST', `/console-api/operator/applications/${id}/advance`, { stage: 'LIVE' });
      assert.equal(live.statusCode, 200, live.body);
      const view = (await merchant.request('GET', '/console-api/application')).json().application;
      assert.equal(view.stage, 'LIVE');
      const stages = view.timeline.filter((e: { kind: string }) => e.kind === 'STAGE').map((e: { stage: string }) => e.stage);
      assert.deepEqual(stages, ['SUBMITTED', 'FORWARDED', 'CONTRACT_GUIDANCE', 'CONTRACT_IN_PROGRESS', 'CONTRACT_COMPLETED', 'TEST_CHANNEL_SETUP', 'DEVELOPMENT', 'CARD_REVIEW', 'LIVE']);
      assert.equal(view.notifications.length, 9, 'the contact hears of every stage');
      assert.ok(view.timeline.some((e: { kind: string; note: string }) => e.kind === 'CARD_REVIEW' && /삼성: 거절/.test(e.note)));
    });
  });
}
