import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Times are timestamptz (stored UTC). Ciphertexts are `<base64 iv|tag|data>` with their key version beside them.
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const merchants = pgTable('merchants', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  businessRegistrationNumber: text('business_registration_number').notNull(),
  createdAt: createdAt(),
});

export const stores = pgTable(
  'stores',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('stores_merchant_idx').on(t.merchantId)],
);

export const consoleUsers = pgTable(
  'console_users',
  {
    id: uuid('id').primaryKey(),
    /** Null for platform operators, who belong to no merchant. */
    merchantId: text('merchant_id').references(() => merchants.id),
    email: text('email').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['owner', 'admin', 'developer', 'viewer'] }),
    isPlatformOperator: boolean('is_platform_operator').notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: ts('locked_until'),
    lastLoginAt: ts('last_login_at'),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'console_users_member_or_operator',
      sql`(${t.merchantId} is not null and ${t.role} is not null) or (${t.isPlatformOperator} and ${t.merchantId} is null)`,
    ),
  ],
);

export const consoleSessions = pgTable(
  'console_sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('console_sessions_expires_idx').on(t.expiresAt)],
);

export const apiSecrets = pgTable(
  'api_secrets',
  {
    id: uuid('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    name: text('name').notNull(),
    /** SHA-256 of the secret: secrets are 80 random characters, so a fast hash is enough. */
    secretHash: text('secret_hash').notNull().unique(),
    maskedSecret: text('masked_secret').notNull(),
    /** Bumped by every login and refresh: only the newest refresh token of a secret is valid (PortOne's rule). */
    refreshGeneration: integer('refresh_generation').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('api_secrets_store_idx').on(t.storeId)],
);

export const v1Credentials = pgTable('v1_credentials', {
  storeId: text('store_id')
    .primaryKey()
    .references(() => stores.id),
  impKey: text('imp_key').notNull().unique(),
  impSecretHash: text('imp_secret_hash').notNull(),
  maskedImpSecret: text('masked_imp_secret').notNull(),
  createdAt: createdAt(),
  rotatedAt: ts('rotated_at'),
});

export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    /** Which payload dialect the endpoint receives: PortOne V2 (Standard Webhooks) or V1. */
    apiVersion: text('api_version', { enum: ['V2', 'V1'] }).notNull(),
    url: text('url'),
    secretCiphertext: text('secret_ciphertext').notNull(),
    secretKeyVersion: integer('secret_key_version').notNull(),
    maskedSecret: text('masked_secret').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('webhook_endpoints_store_version_idx').on(t.storeId, t.apiVersion)],
);

export const channels = pgTable(
  'channels',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    key: text('key').notNull().unique(),
    name: text('name').notNull(),
    pgProvider: text('pg_provider').notNull(),
    module: text('module').notNull(),
    attribute: text('attribute').notNull(),
    mode: text('mode', { enum: ['TEST', 'LIVE'] }).notNull(),
    mid: text('mid').notNull(),
    /** LIVE only; TEST channels use the PG's published test keys. */
    licenseKeyCiphertext: text('license_key_ciphertext'),
    encryptionKeyCiphertext: text('encryption_key_ciphertext'),
    secretKeyVersion: integer('secret_key_version'),
    taxSetting: text('tax_setting').notNull(),
    /** Kept for the demo seed's first channel; `default_methods` says which methods it is the default for. */
    isDefault: boolean('is_default').notNull().default(false),
    /** A disabled channel takes no new payments; its payments stay. */
    enabled: boolean('enabled').notNull().default(true),
    /** Payment methods (CARD, VIRTUAL_ACCOUNT, TRANSFER) for which this is the store's default channel. */
    defaultMethods: text('default_methods').array().notNull().default(sql`'{}'::text[]`),
    maskedLicenseKey: text('masked_license_key'),
    maskedEncryptionKey: text('masked_encryption_key'),
    /** Hecto's 8-character notice id for this channel's merchant (`imp_` + 4), given to Hecto by e-mail. */
    hectoNoticeId: text('hecto_notice_id').unique(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('channels_store_idx').on(t.storeId)],
);

/** Append-only (a trigger refuses UPDATE and DELETE). Secrets never enter before/after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    at: createdAt(),
    actorType: text('actor_type', { enum: ['user', 'operator', 'api', 'system', 'pg'] }).notNull(),
    actorId: text('actor_id'),
    merchantId: text('merchant_id'),
    storeId: text('store_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
  },
  (t) => [index('audit_log_merchant_at_idx').on(t.merchantId, t.at)],
);

/** One known plaintext per master-key version, to refuse a wrong key at start instead of failing later. */
export const masterKeyCheck = pgTable('master_key_check', {
  keyVersion: integer('key_version').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  createdAt: createdAt(),
});

/** The seeded demo credentials, encrypted, so `paymux demo-credentials` can print them again. */
export const demoCredentials = pgTable('demo_credentials', {
  id: text('id').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  keyVersion: integer('key_version').notNull(),
  createdAt: createdAt(),
});

/**
 * Webhooks to send, written in the same transaction as the state change they announce. One row
 * per target URL; its id is the `webhook-id` header and stays the same across retries.
 */
export const webhookOutbox = pgTable(
  'webhook_outbox',
  {
    id: uuid('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    /** Payload dialect: V2 (Standard Webhooks, signed) or V1 (iamport, unsigned). */
    apiVersion: text('api_version', { enum: ['V2', 'V1'] }).notNull(),
    /** The store endpoint's URL when the event happened, or a request's noticeUrl. */
    url: text('url').notNull(),
    /** e.g. `Transaction.Paid` (V2) or `paid` (V1). */
    eventType: text('event_type').notNull(),
    paymentId: text('payment_id'),
    /** The exact JSON sent; the signature covers these bytes. */
    body: text('body').notNull(),
    status: text('status', { enum: ['PENDING', 'DELIVERED', 'GAVE_UP'] })
      .notNull()
      .default('PENDING'),
    attemptCount: integer('attempt_count').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull(),
    lastAttemptAt: ts('last_attempt_at'),
    deliveredAt: ts('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [index('webhook_outbox_due_idx').on(t.status, t.nextAttemptAt), index('webhook_outbox_payment_idx').on(t.storeId, t.paymentId)],
);

/** Every delivery attempt of an outbox row: when, how long, what the receiver answered. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    outboxId: uuid('outbox_id')
      .notNull()
      .references(() => webhookOutbox.id),
    attemptedAt: ts('attempted_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    httpStatus: integer('http_status'),
    error: text('error'),
    responseExcerpt: text('response_excerpt'),
  },
  (t) => [index('webhook_attempts_outbox_idx').on(t.outboxId)],
);

const won = (name: string) => bigint(name, { mode: 'bigint' });

/**
 * One row per (store, payment id). The unique key makes the charge claim atomic: a payment id
 * moves to PAY_PENDING by one conditional INSERT … ON CONFLICT UPDATE, whoever else tries.
 * A pre-registered payment is a READY row with `preRegistered`.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    paymentId: text('payment_id').notNull(),
    /** PortOne's transactionId: the current attempt's id. */
    transactionId: uuid('transaction_id').notNull(),
    channelId: text('channel_id').references(() => channels.id),
    isTest: boolean('is_test').notNull().default(true),
    status: text('status', {
      enum: ['READY', 'PAY_PENDING', 'VIRTUAL_ACCOUNT_ISSUED', 'PAID', 'FAILED', 'PARTIAL_CANCELLED', 'CANCELLED'],
    }).notNull(),
    method: text('method', { enum: ['CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER'] }),
    preRegistered: boolean('pre_registered').notNull().default(false),
    orderName: text('order_name').notNull().default(''),
    currency: text('currency').notNull().default('KRW'),
    totalAmount: won('total_amount').notNull(),
    taxFreeAmount: won('tax_free_amount').notNull().default(sql`0`),
    cancelledAmount: won('cancelled_amount').notNull().default(sql`0`),
    cancelledTaxFreeAmount: won('cancelled_tax_free_amount').notNull().default(sql`0`),
    /** Held by cancels whose PG call is in flight; released or made final by their settlement. */
    reservedCancelAmount: won('reserved_cancel_amount').notNull().default(sql`0`),
    reservedCancelTaxFreeAmount: won('reserved_cancel_tax_free_amount').notNull().default(sql`0`),
    customer: jsonb('customer').$type<Record<string, string>>(),
    customData: text('custom_data'),
    noticeUrls: jsonb('notice_urls').$type<string[]>(),
    pgTxId: text('pg_tx_id'),
    /** Masked card and approval, or the virtual account: never a full card number. */
    methodDetail: jsonb('method_detail').$type<Record<string, unknown>>(),
    billingKey: text('billing_key'),
    scheduleId: text('schedule_id'),
    failure: jsonb('failure').$type<{ reason?: string; pgCode?: string; pgMessage?: string }>(),
    requestedAt: ts('requested_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    statusChangedAt: ts('status_changed_at').notNull(),
    paidAt: ts('paid_at'),
    failedAt: ts('failed_at'),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    uniqueIndex('payments_store_payment_idx').on(t.storeId, t.paymentId),
    index('payments_store_requested_idx').on(t.storeId, t.requestedAt),
    index('payments_pg_tx_idx').on(t.pgTxId),
    check('payments_amounts_nonnegative', sql`${t.totalAmount} >= 0 and ${t.cancelledAmount} >= 0 and ${t.reservedCancelAmount} >= 0`),
    check('payments_cancel_within_total', sql`${t.cancelledAmount} + ${t.reservedCancelAmount} <= ${t.totalAmount}`),
  ],
);

/**
 * Every PG call of a payment (approvals, cancels, inquiries), inserted PENDING before the call
 * and settled after it. A PENDING row older than a call's time-out is an unknown outcome that the
 * recovery sweep settles by inquiry. `record` is the connector's redacted call record.
 */
export const pgCalls = pgTable(
  'pg_calls',
  {
    id: uuid('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    paymentRowId: uuid('payment_row_id').references(() => payments.id),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    operation: text('operation').notNull(),
    /** The PG order number sent (Hecto mchtTrdNo). */
    requestId: text('request_id').notNull().unique(),
    amount: won('amount'),
    cancellationId: uuid('cancellation_id'),
    status: text('status', { enum: ['PENDING', 'SETTLED'] }).notNull(),
    outcome: text('outcome', { enum: ['approved', 'declined', 'unknown'] }),
    record: jsonb('record').$type<Record<string, unknown>>(),
    startedAt: ts('started_at').notNull(),
    settledAt: ts('settled_at'),
  },
  (t) => [index('pg_calls_pending_idx').on(t.status, t.startedAt), index('pg_calls_payment_idx').on(t.paymentRowId)],
);

/** Cancellations: REQUESTED (amount reserved on the payment) → SUCCEEDED or FAILED. */
export const cancellations = pgTable(
  'cancellations',
  {
    id: uuid('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    paymentRowId: uuid('payment_row_id')
      .notNull()
      .references(() => payments.id),
    status: text('status', { enum: ['REQUESTED', 'SUCCEEDED', 'FAILED'] }).notNull(),
    totalAmount: won('total_amount').notNull(),
    taxFreeAmount: won('tax_free_amount').notNull(),
    reason: text('reason').notNull(),
    /** 1 for the payment's first cancel; PGs that count rounds need it. */
    sequence: integer('sequence').notNull(),
    /** Who asked: the merchant's API call, or the PG's own notice (e.g. the testbed's nightly auto-cancel). */
    trigger: text('trigger', { enum: ['API', 'PG'] }).notNull(),
    pgCancellationId: text('pg_cancellation_id'),
    requestedAt: ts('requested_at').notNull(),
    cancelledAt: ts('cancelled_at'),
  },
  (t) => [
    index('cancellations_payment_idx').on(t.paymentRowId),
    // One cancel in flight per payment: the PG's cancel rounds must be sent in order.
    uniqueIndex('cancellations_one_in_flight_idx').on(t.paymentRowId).where(sql`status = 'REQUESTED'`),
    uniqueIndex('cancellations_pg_id_idx').on(t.paymentRowId, t.pgCancellationId),
  ],
);

/** Billing keys: paymux's id outside, the PG's key sealed inside (AAD = row id). */
export const billingKeys = pgTable(
  'billing_keys',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    channelId: text('channel_id')
      .notNull()
      .references(() => channels.id),
    pgKeyCiphertext: text('pg_key_ciphertext').notNull(),
    pgKeyVersion: integer('pg_key_version').notNull(),
    card: jsonb('card').$type<Record<string, string>>(),
    customer: jsonb('customer').$type<Record<string, string>>(),
    customData: text('custom_data'),
    status: text('status', { enum: ['ISSUED', 'DELETED'] }).notNull(),
    issuedAt: ts('issued_at').notNull(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [index('billing_keys_store_idx').on(t.storeId, t.issuedAt)],
);

export const paymentSchedules = pgTable(
  'payment_schedules',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    paymentId: text('payment_id').notNull(),
    billingKey: text('billing_key')
      .notNull()
      .references(() => billingKeys.id),
    orderName: text('order_name').notNull(),
    totalAmount: won('total_amount').notNull(),
    taxFreeAmount: won('tax_free_amount').notNull().default(sql`0`),
    currency: text('currency').notNull(),
    installmentMonth: integer('installment_month'),
    customer: jsonb('customer').$type<Record<string, string>>(),
    customData: text('custom_data'),
    noticeUrls: jsonb('notice_urls').$type<string[]>(),
    status: text('status', { enum: ['SCHEDULED', 'STARTED', 'SUCCEEDED', 'FAILED', 'REVOKED', 'PENDING'] }).notNull(),
    timeToPay: ts('time_to_pay').notNull(),
    createdAt: ts('created_at').notNull(),
    startedAt: ts('started_at'),
    completedAt: ts('completed_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    // A payment id has at most one live schedule (PortOne's PAYMENT_SCHEDULE_ALREADY_EXISTS).
    uniqueIndex('payment_schedules_live_idx').on(t.storeId, t.paymentId).where(sql`status in ('SCHEDULED', 'STARTED', 'SUCCEEDED')`),
    index('payment_schedules_due_idx').on(t.status, t.timeToPay),
  ],
);

/** Verified PG notifications, once per event: a duplicate delivery finds its key and changes nothing. */
export const pgNotifications = pgTable(
  'pg_notifications',
  {
    id: uuid('id').primaryKey(),
    pgProvider: text('pg_provider').notNull(),
    eventKey: text('event_key').notNull(),
    channelId: text('channel_id').references(() => channels.id),
    kind: text('kind').notNull(),
    raw: jsonb('raw').notNull(),
    receivedAt: ts('received_at').notNull(),
    outcome: text('outcome'),
  },
  (t) => [uniqueIndex('pg_notifications_event_idx').on(t.pgProvider, t.eventKey)],
);

export * from './schemaApplications.ts';
export * from './schemaV1.ts';
