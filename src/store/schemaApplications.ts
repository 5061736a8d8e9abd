import { bigserial, customType, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { consoleUsers, merchants } from './schema.ts';

// 전자결제 신청 › 계약: a merchant's application for a PG contract, its files, its timeline.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Uploaded documents are kept in the database (one place to back up), as bytea. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const pgApplications = pgTable('pg_applications', {
  id: uuid('id').primaryKey(),
  /** One contract application per merchant. */
  merchantId: text('merchant_id')
    .notNull()
    .unique()
    .references(() => merchants.id),
  pgProviders: text('pg_providers').array().notNull(),
  paymentMethods: text('payment_methods').array().notNull(),
  contactEmail: text('contact_email').notNull(),
  /** The contract stage (src/domain/contract.ts). */
  stage: text('stage').notNull(),
  submittedAt: ts('submitted_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const applicationFiles = pgTable(
  'application_files',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => pgApplications.id),
    /** `BUSINESS_REGISTRATION` or a contract document kind. */
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => consoleUsers.id),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('application_files_application_idx').on(t.applicationId, t.kind)],
);

/** What happened when: stage moves, uploads, card-review results, notes. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => pgApplications.id),
    kind: text('kind', { enum: ['STAGE', 'DOCUMENT', 'CARD_REVIEW', 'NOTE'] }).notNull(),
    stage: text('stage'),
    actorType: text('actor_type', { enum: ['merchant', 'operator', 'system'] }).notNull(),
    actorId: text('actor_id'),
    note: text('note'),
    at: ts('at').notNull(),
  },
  (t) => [index('application_events_application_idx').on(t.applicationId, t.id)],
);

/** Each card company's review result (카드사 심사), one row per company, latest result wins. */
export const cardReviews = pgTable(
  'card_reviews',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => pgApplications.id),
    cardCompany: text('card_company').notNull(),
    result: text('result', { enum: ['APPROVED', 'REJECTED'] }).notNull(),
    /** The date the card company decided (YYYY-MM-DD, Korean calendar). */
    decidedOn: text('decided_on').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => consoleUsers.id),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.cardCompany] })],
);

/** Messages to the application's contact: shown in the console, sent by SMTP when configured. */
export const contactNotifications = pgTable(
  'contact_notifications',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => pgApplications.id),
    toEmail: text('to_email').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    createdAt: ts('created_at').notNull(),
    /**
     * RECORDED: no SMTP configured when it was written (shown in the console only); PENDING: to be
     * sent by the contact-mail job (an outbox row); SENT; FAILED: given up, `error` says why.
     */
    status: text('status', { enum: ['RECORDED', 'PENDING', 'SENT', 'FAILED'] })
      .notNull()
      .default('RECORDED'),
    attemptCount: integer('attempt_count').notNull().default(0),
    /** When the job may try (again); a claim moves it forward as its lease. */
    nextAttemptAt: ts('next_attempt_at'),
    sentAt: ts('sent_at'),
    /** The last attempt's error (kept while retrying, so the console can show it). */
    error: text('error'),
  },
  (t) => [
    index('contact_notifications_application_idx').on(t.applicationId, t.createdAt),
    index('contact_notifications_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
