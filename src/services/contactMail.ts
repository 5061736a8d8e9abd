import nodemailer, { type Transporter } from 'nodemailer';
import { afterFailedMail } from '../domain/mailRetries.ts';
import { claimDueContactNotifications, recordContactMailAttempt, type ContactNotificationRow, type MailAttemptOutcome } from '../store/repositories/applications.ts';
import type { Deps } from './deps.ts';

// Contact notifications by SMTP: the stage change writes the row (PENDING when SMTP is configured)
// in its own transaction; this sends due rows outside any transaction, from the contact-mail job,
// and records SENT, or the error with a retry, or FAILED. A stage change never waits for a mail.

export const contactMailQueue = 'contact-mail';

/** A claimed row is hidden from other senders this long: well over one sending's time-outs. */
const claimLeaseMs = 3 * 60_000;
const errorChars = 500;

const transports = new Map<string, Transporter>();

/** One pooled SMTP connection per configured URL (`smtp://user:pass@host:port`, `smtps://…`). */
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({ url, pool: true, maxConnections: 2, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
    transports.set(url, transport);
  }
  return transport;
}

/** Closes the SMTP connections (at shutdown). */
export function closeMailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}

interface SmtpError extends Error {
  responseCode?: number;
  command?: string;
  code?: string;
  rejectedErrors?: SmtpError[];
}

/**
 * A refusal that sending again cannot change: the server refused the recipient for good (5xx to
 * RCPT TO, e.g. 550 no such mailbox), or nodemailer found the address itself unusable. A 4xx is
 * "try later"; a refused login (535) may be fixed by the operator, so it is retried too.
 */
function isPermanent(error: SmtpError): boolean {
  const refusals = [error, ...(error.rejectedErrors ?? [])];
  if (error.code === 'EENVELOPE' && error.command === 'API') return true;
  return refusals.some((e) => e.command === 'RCPT TO' && (e.responseCode ?? 0) >= 500);
}

async function sendOne(deps: Deps, smtpUrl: string, row: ContactNotificationRow): Promise<MailAttemptOutcome> {
  try {
    await transportFor(smtpUrl).sendMail({ from: deps.config.mailFrom, to: row.toEmail, subject: row.subject, text: row.body });
    return { status: 'SENT', at: deps.clock.now() };
  } catch (caught) {
    const error = caught as SmtpError;
    const message = (error.message || String(caught)).slice(0, errorChars);
    const decision = afterFailedMail(row.attemptCount + 1, deps.clock.now(), isPermanent(error));
    deps.log.warn({ notificationId: row.id, responseCode: error.responseCode, attempt: row.attemptCount + 1, giveUp: decision.giveUp }, 'contact mail not sent');
    return decision.giveUp ? { status: 'FAILED', error: message } : { status: 'PENDING', nextAttemptAt: decision.nextAttemptAt, error: message };
  }
}

export interface MailPassReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** One pass: sends every due notification (none without SMTP configured). */
export async function sendDueContactMails(deps: Deps, options: { limit?: number } = {}): Promise<MailPassReport> {
  const report: MailPassReport = { sent: 0, retrying: 0, failed: 0 };
  const smtpUrl = deps.config.smtpUrl;
  if (!smtpUrl) return report;
  for (;;) {
    const now = deps.clock.now();
    const leaseUntil = new Date(now.getTime() + claimLeaseMs);
    const rows = await claimDueContactNotifications(deps.db, { now, leaseUntil, limit: options.limit ?? 20 });
    if (rows.length === 0) return report;
    for (const row of rows) {
      const outcome = await sendOne(deps, smtpUrl, row);
      if (await recordContactMailAttempt(deps.db, { id: row.id, leaseUntil }, outcome)) {
        if (outcome.status === 'SENT') report.sent++;
        else if (outcome.status === 'PENDING') report.retrying++;
        else report.failed++;
      }
    }
  }
}

/** After a stage change commits: asks the job to send now rather than at its next minute. Never throws. */
export async function kickContactMail(deps: Deps): Promise<void> {
  if (!deps.config.smtpUrl || !deps.queue) return;
  try {
    await deps.queue.send(contactMailQueue, {}, { singletonKey: contactMailQueue });
  } catch (error) {
    deps.log.warn({ err: error }, 'could not queue the contact mail job; its schedule sends the mail');
  }
}
