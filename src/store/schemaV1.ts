import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { stores } from './schema.ts';

// What only the PortOne V1 (iamport) dialect needs; its payments are the shared `payments` rows.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * `POST /users/getToken` access tokens. Only the SHA-256 of a token is stored; the token itself is
 * an HMAC of the row id under a key derived from the master key, so the same token can be handed
 * out again while it is valid without ever being kept.
 */
export const v1AccessTokens = pgTable(
  'v1_access_tokens',
  {
    id: uuid('id').primaryKey(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    tokenHash: text('token_hash').notNull().unique(),
    issuedAt: ts('issued_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('v1_access_tokens_store_idx').on(t.storeId, t.expiresAt)],
);

/** iamport's `customer_uid` (chosen by the merchant) → paymux's billing key. */
export const v1Customers = pgTable(
  'v1_customers',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    customerUid: text('customer_uid').notNull(),
    billingKey: text('billing_key').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.customerUid] }), index('v1_customers_billing_key_idx').on(t.billingKey)],
);

/**
 * What a V1 request said about a payment beyond the shared row: its `notice_url`s (V1 bodies, so
 * kept apart from the V2 notice URLs), its `customer_uid`, and whether the merchant asked for a
 * webhook of its next API cancel (`enable_webhook`).
 */
export const v1Payments = pgTable(
  'v1_payments',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    paymentId: text('payment_id').notNull(),
    noticeUrls: jsonb('notice_urls').$type<string[]>(),
    customerUid: text('customer_uid'),
    cancelWebhookRequested: boolean('cancel_webhook_requested').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.paymentId] })],
);
