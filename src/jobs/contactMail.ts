import type { PgBoss } from 'pg-boss';
import { closeMailTransports, contactMailQueue, sendDueContactMails } from '../services/contactMail.ts';
import type { Deps } from '../services/deps.ts';

/**
 * The contact-mail worker: a pass every minute (pg-boss cron, in one of the workers), and one
 * whenever a stage change asks for it. A pass sends every due notification; a failed mail stays
 * due again at its own retry time, so one slow or broken mail server never loses a notification.
 */
export async function registerContactMail(boss: PgBoss, deps: Deps): Promise<{ stop(): Promise<void> }> {
  await boss.createQueue(contactMailQueue);
  await boss.schedule(contactMailQueue, '* * * * *');
  await boss.work(contactMailQueue, async () => {
    const report = await sendDueContactMails(deps);
    if (report.sent + report.retrying + report.failed > 0) deps.log.info(report, 'contact mail pass');
  });
  return { stop: async () => closeMailTransports() };
}
