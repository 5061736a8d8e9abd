import { and, asc, desc, eq } from 'drizzle-orm';
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
