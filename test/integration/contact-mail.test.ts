import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startJobs, type Jobs } from '../../src/jobs/index.ts';
import { mailRetryDelaysMs } from '../../src/domain/mailRetries.ts';
import { sendDueContactMails } from '../../src/services/contactMail.ts';
import { createOperator } from '../../src/services/tenancy.ts';
import { ConsoleClient } from '../support/consoleClient.ts';
import { databaseKinds } from '../support/database.ts';
import { fixedClock, startTestApp, type TestApp } from '../support/harness.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';

const pdf = () => ({ fileName: '사업자등록증.pdf', contentBase64: Buffer.from('%PDF-1.4\ncertificate\n%%EOF').toString('base64') });

interface NotificationView {
  subject: string;
  status: string;
  sentAt: string | null;
  error: string | null;
  attemptCount: number;
  nextAttemptAt: string | null;
}

for (const kind of databaseKinds) {
  describe(`contact notifications by SMTP on ${kind}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let merchant: ConsoleClient;
    let operator: ConsoleClient;
    let applicationId: string;
    const clock = fixedClock(new Date('2026-06-02T01:00:00Z'));
    before(async () => {
      smtp = await startSmtpServer();
      t = await startTestApp(kind, { clock });
      t.deps.config.smtpUrl = smtp.url;
      t.deps.config.mailFrom = 'paymux 계약 안내 <contracts@paymux.example>';
      merchant = new ConsoleClient(t.app);
      await merchant.login(t.demo.console.email, t.demo.console.password);
      const created = await createOperator(t.deps, `mail-ops-${kind}@paymux.local`);
      operator = new ConsoleClient(t.app);
      await operator.login(created.email, created.password);
    });
    after(async () => {
      await t?.close();
      await smtp?.close();
    });

    const notifications = async (): Promise<NotificationView[]> => (await merchant.request('GET', '/console-api/application')).json().application.notifications;
    /** The notification of a stage (stage moves may share a millisecond on the test clock). */
    const notificationOf = async (stageKo: string): Promise<NotificationView> => (await notifications()).find((n) => n.subject.includes(`: ${stageKo} /`))!;

    it('sends the submission mail from the job: the contact gets it, in Korean, with the stage in the subject', async () => {
      let jobs: Jobs | undefined;
      try {
        jobs = await startJobs(t.deps, { work: true });
        const submitted = await merchant.request('POST', '/console-api/application', {
          contactEmail: 'contact@shop.example',
          paymentMethods: ['CARD'],
          pgProviders: ['SETTLE'],
          businessRegistration: pdf(),
        });
        assert.equal(submitted.statusCode, 201, submitted.body);
        applicationId = submitted.json().id;
        // The stage change answered before any mail went out: its notification is the outbox row.
        assert.equal(submitted.json().notifications[0].status, 'PENDING');
        const [mail] = await smtp.waitForMails(1);
        assert.deepEqual(mail!.envelopeTo, ['contact@shop.example']);
        assert.equal(mail!.envelopeFrom, 'contracts@paymux.example');
        assert.match(mail!.from, /paymux 계약 안내/);
        assert.equal(mail!.subject, '[paymux] 전자결제 계약 단계: 신청서 제출 / Application submitted');
        assert.match(mail!.text, /^안녕하세요\. paymux 전자결제 계약 안내입니다\./);
        assert.match(mail!.text, /전자결제 계약이 '신청서 제출' 단계로 진행되었습니다\./);
        let view: NotificationView[] = [];
        for (let i = 0; i < 50; i++) {
          view = await notifications();
          if (view[0]!.status === 'SENT') break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(view[0]!.status, 'SENT');
        assert.equal(view[0]!.sentAt, clock.now().toISOString());
        assert.equal(view[0]!.error, null);
      } finally {
        await jobs?.stop();
      }
    });

    it('retries a mail the server refused for now, with the error shown meanwhile, and sends it later', async () => {
      smtp.behaviour = 'tempFail';
      const moved = await operator.request('POST', `/console-api/operator/applications/${applicationId}/advance`, { stage: 'FORWARDED', note: '헥토 계약팀에 전달' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.deepEqual(await sendDueContactMails(t.deps), { sent: 0, retrying: 1, failed: 0 });
      let latest = await notificationOf('헥토파이낸셜 전달');
      assert.equal(latest!.status, 'PENDING');
      assert.equal(latest!.attemptCount, 1);
      assert.match(latest!.error!, /Try again later/);
      assert.equal(latest!.nextAttemptAt, new Date(clock.now().getTime() + mailRetryDelaysMs[0]).toISOString());

      // Not due yet: nothing is sent; once due, it is.
      smtp.behaviour = 'accept';
      assert.deepEqual(await sendDueContactMails(t.deps), { sent: 0, retrying: 0, failed: 0 });
      clock.advance(mailRetryDelaysMs[0]);
      assert.deepEqual(await sendDueContactMails(t.deps), { sent: 1, retrying: 0, failed: 0 });
      latest = await notificationOf('헥토파이낸셜 전달');
      assert.equal(latest!.status, 'SENT');
      assert.equal(latest!.error, null);
      const mail = smtp.received.at(-1)!;
      assert.equal(mail.subject, '[paymux] 전자결제 계약 단계: 헥토파이낸셜 전달 / Forwarded to Hecto Financial');
      assert.match(mail.text, /메모: 헥토 계약팀에 전달/);
    });

    it('gives up at once on a recipient the server refuses, and says why', async () => {
      smtp.behaviour = 'rejectRecipient';
      const count = smtp.received.length;
      const moved = await operator.request('POST', `/console-api/operator/applications/${applicationId}/advance`, { stage: 'CONTRACT_GUIDANCE' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.deepEqual(await sendDueContactMails(t.deps), { sent: 0, retrying: 0, failed: 1 });
      const latest = await notificationOf('계약안내');
      assert.equal(latest!.status, 'FAILED');
      assert.match(latest!.error!, /550.*mailbox unavailable/);
      assert.equal(smtp.received.length, count);
      smtp.behaviour = 'accept';
    });

    it('never holds up a stage change: with the mail server gone the move answers and the mail waits', async () => {
      t.deps.config.smtpUrl = 'smtp://paymux:mail-secret@127.0.0.1:9';
      const started = Date.now();
      const moved = await operator.request('POST', `/console-api/operator/applications/${applicationId}/advance`, { stage: 'CONTRACT_IN_PROGRESS' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.ok(Date.now() - started < 5_000);
      assert.equal((await notificationOf('계약진행')).status, 'PENDING');
      assert.deepEqual(await sendDueContactMails(t.deps), { sent: 0, retrying: 1, failed: 0 });
      assert.match((await notificationOf('계약진행')).error!, /ECONNREFUSED|connect/i);
      t.deps.config.smtpUrl = smtp.url;
    });

    it('only records the notification when no SMTP server is configured', async () => {
      t.deps.config.smtpUrl = undefined;
      for (const kind of ['BUSINESS_REGISTRATION', 'CORPORATE_REGISTRY', 'SEAL_CERTIFICATE', 'BANK_ACCOUNT', 'SIGNED_CONTRACT', 'GUARANTEE_INSURANCE']) {
        assert.equal((await merchant.request('POST', '/console-api/application/documents', { kind, ...pdf() })).statusCode, 200);
      }
      const moved = await operator.request('POST', `/console-api/operator/applications/${applicationId}/advance`, { stage: 'CONTRACT_COMPLETED' });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal((await notificationOf('계약완료')).status, 'RECORDED');
      assert.deepEqual(await sendDueContactMails(t.deps), { sent: 0, retrying: 0, failed: 0 });
      t.deps.config.smtpUrl = smtp.url;
      assert.deepEqual(await sendDueContactMails(t.deps), { sent: 0, retrying: 0, failed: 0 }, 'a recorded notification is not sent later');
    });
  });
}
