// When a contact notification that could not be sent is tried again, and when paymux gives up.

/** Waits after the 1st, 2nd, … failed attempt: a mail server that is down for a while is waited for. */
export const mailRetryDelaysMs = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 3 * 60 * 60_000, 6 * 60 * 60_000] as const;

export type MailRetryDecision = { giveUp: true } | { giveUp: false; nextAttemptAt: Date };

/**
 * After a failed attempt at `now`: again later, or give up once every wait has been used (about
 * ten hours in all). A permanent refusal (the server's 5xx answer, e.g. an unknown recipient) is
 * not retried: sending the same mail again cannot change it.
 */
export function afterFailedMail(failedAttempts: number, now: Date, permanent: boolean): MailRetryDecision {
  const wait = mailRetryDelaysMs[failedAttempts - 1];
  if (permanent || wait === undefined) return { giveUp: true };
  return { giveUp: false, nextAttemptAt: new Date(now.getTime() + wait) };
}
