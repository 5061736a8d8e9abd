import { sql } from 'drizzle-orm';
import {
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
    isDefault: boolean('is_default').notNull().default(false),
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
