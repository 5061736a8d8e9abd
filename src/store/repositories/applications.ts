import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { applicationEvents, applicationFiles, cardReviews, contactNotifications, pgApplications } from '../schema.ts';

export type ApplicationRow = typeof pgApplications.$inferSelect;
export type ApplicationEventRow = typeof applicationEvents.$inferSelect;
export type CardReviewRow = typeof cardReviews.$inferSelect;
export type ContactNotificationRow = typeof contactNotifications.$inferSelect;
export type ApplicationFileInfo = Omit<typeof applicationFiles.$inferSelect, 'content'>;

export async function insertApplication(db: Executor, row: ApplicationRow): Promise<void> {
  await db.insert(pgApplications).values(row);
}

export async function findApplicationOfMerchant(db: Executor, merchantId: string): Promise<ApplicationRow | undefined> {
  const rows = await db.select().from(pgApplications).where(eq(pgApplications.merchantId, merchantId));
  return rows[0];
}

export async function findApplication(db: Executor, id: string): Promise<ApplicationRow | undefined> {
  const rows = await db.select().from(pgApplications).where(eq(pgApplications.id, id));
  return rows[0];
}

/** Locks the application row for a stage move (concurrent moves cannot both pass the check). */
export async function lockApplication(db: Executor, id: string): Promise<ApplicationRow | undefined> {
  const rows = await db.select().from(pgApplications).where(eq(pgApplications.id, id)).for('update');
  return rows[0];
}

export async function listApplications(db: Executor): Promise<ApplicationRow[]> {
  return db.select().from(pgApplications).orderBy(desc(pgApplications.submittedAt));
}

export async function setApplicationStage(db: Executor, id: string, stage: string, at: Date): Promise<void> {
  await db.update(pgApplications).set({ stage, updatedAt: at }).where(eq(pgApplications.id, id));
}

export async function insertApplicationFile(db: Executor, row: typeof applicationFiles.$inferInsert): Promise<void> {
  await db.insert(applicationFiles).values(row);
}

export async function listApplicationFiles(db: Executor, applicationId: string): Promise<ApplicationFileInfo[]> {
  return db
    .select({
      id: applicationFiles.id,
      applicationId: applicationFiles.applicationId,
      kind: applicationFiles.kind,
      fileName: applicationFiles.fileName,
      contentType: applicationFiles.contentType,
      sizeBytes: applicationFiles.sizeBytes,
      uploadedBy: applicationFiles.uploadedBy,
      uploadedAt: applicationFiles.uploadedAt,
    })
    .from(applicationFiles)
    .where(eq(applicationFiles.applicationId, applicationId))
    .orderBy(asc(applicationFiles.uploadedAt));
}

export async function findApplicationFile(db: Executor, applicationId: string, fileId: string) {
  const rows = await db
    .select()
    .from(applicationFiles)
    .where(and(eq(applicationFiles.applicationId, applicationId), eq(applicationFiles.id, fileId)));
  return rows[0];
}

export async function insertApplicationEvent(db: Executor, row: typeof applicationEvents.$inferInsert): Promise<void> {
  await db.insert(applicationEvents).values(row);
}

export async function listApplicationEvents(db: Executor, applicationId: string): Promise<ApplicationEventRow[]> {
  return db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, applicationId)).orderBy(asc(applicationEvents.id));
}

export async function upsertCardReview(db: Executor, row: CardReviewRow): Promise<void> {
  await db
    .insert(cardReviews)
    .values(row)
    .onConflictDoUpdate({
      target: [cardReviews.applicationId, cardReviews.cardCompany],
      set: { result: row.result, decidedOn: row.decidedOn, note: row.note, recordedBy: row.recordedBy, recordedAt: row.recordedAt },
    });
}

export async function listCardReviews(db: Executor, applicationId: string): Promise<CardReviewRow[]> {
  return db.select().from(cardReviews).where(eq(cardReviews.applicationId, applicationId)).orderBy(asc(cardReviews.cardCompany));
}

export async function insertContactNotification(db: Executor, row: ContactNotificationRow): Promise<void> {
  await db.insert(contactNotifications).values(row);
}

export async function listContactNotifications(db: Executor, applicationId: string): Promise<ContactNotificationRow[]> {
  return db.select().from(contactNotifications).where(eq(contactNotifications.applicationId, applicationId)).orderBy(desc(contactNotifications.createdAt));
}

/**
 * Takes up to `limit` notifications due for sending. SKIP LOCKED passes over rows another worker
 * holds, and next_attempt_at moves to `leaseUntil` (the claim's token), so a row whose sender died
 * comes back after the lease.
 */
export async function claimDueContactNotifications(db: Executor, options: { now: Date; leaseUntil: Date; limit: number }): Promise<ContactNotificationRow[]> {
  const due = db
    .select({ id: contactNotifications.id })
    .from(contactNotifications)
    .where(and(eq(contactNotifications.status, 'PENDING'), lte(contactNotifications.nextAttemptAt, options.now)))
    .orderBy(asc(contactNotifications.nextAttemptAt))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  return db
    .update(contactNotifications)
    .set({ nextAttemptAt: options.leaseUntil })
    .where(and(inArray(contactNotifications.id, due), eq(contactNotifications.status, 'PENDING')))
    .returning();
}

export type MailAttemptOutcome = { status: 'SENT'; at: Date } | { status: 'PENDING'; nextAttemptAt: Date; error: string } | { status: 'FAILED'; error: string };

/** Records one sending attempt, if the claim (`leaseUntil`) still holds. */
export async function recordContactMailAttempt(db: Executor, claim: { id: string; leaseUntil: Date }, outcome: MailAttemptOutcome): Promise<boolean> {
  const rows = await db
    .update(contactNotifications)
    .set({
      status: outcome.status,
      attemptCount: sql`${contactNotifications.attemptCount} + 1`,
      ...(outcome.status === 'SENT' ? { sentAt: outcome.at, error: null, nextAttemptAt: null } : {}),
      ...(outcome.status === 'PENDING' ? { nextAttemptAt: outcome.nextAttemptAt, error: outcome.error } : {}),
      ...(outcome.status === 'FAILED' ? { nextAttemptAt: null, error: outcome.error } : {}),
    })
    .where(and(eq(contactNotifications.id, claim.id), eq(contactNotifications.status, 'PENDING'), eq(contactNotifications.nextAttemptAt, claim.leaseUntil)))
    .returning({ id: contactNotifications.id });
  return rows.length === 1;
}
