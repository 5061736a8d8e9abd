import { and, eq, sql } from 'drizzle-orm';
import { Secret } from '../../domain/secret.ts';
import type { Executor } from '../db.ts';
import { prepared } from '../prepared.ts';
import { webhookEndpoints } from '../schema.ts';
import { v1Payments } from '../schemaV1.ts';
import type { SecretBox } from '../secretBox.ts';

export interface WebhookEndpoint {
  id: string;
  storeId: string;
  apiVersion: 'V2' | 'V1';
  url: string | null;
  maskedSecret: string;
  updatedAt: Date;
}

type Row = typeof webhookEndpoints.$inferSelect;

const toEndpoint = (row: Row): WebhookEndpoint => ({
  id: row.id,
  storeId: row.storeId,
  apiVersion: row.apiVersion,
  url: row.url,
  maskedSecret: row.maskedSecret,
  updatedAt: row.updatedAt,
});

async function findRow(db: Executor, storeId: string, apiVersion: 'V2' | 'V1'): Promise<Row | undefined> {
  const query = prepared(db, 'webhook_endpoint_of_store', (db) =>
    db
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.storeId, sql.placeholder('storeId')), eq(webhookEndpoints.apiVersion, sql.placeholder('apiVersion')))),
  );
  const [row] = await query.execute({ storeId, apiVersion });
  return row;
}

export async function findWebhookEndpoint(db: Executor, storeId: string, apiVersion: 'V2' | 'V1'): Promise<WebhookEndpoint | undefined> {
  const row = await findRow(db, storeId, apiVersion);
  return row && toEndpoint(row);
}

/** The signing secret, decrypted for the one caller that signs. */
export async function openWebhookSecret(
  db: Executor,
  box: SecretBox,
  storeId: string,
  apiVersion: 'V2' | 'V1',
): Promise<Secret | undefined> {
  const row = await findRow(db, storeId, apiVersion);
  return row && new Secret(box.open({ ciphertext: row.secretCiphertext, keyVersion: row.secretKeyVersion }, row.id));
}

export async function insertWebhookEndpoint(
  db: Executor,
  box: SecretBox,
  row: { id: string; storeId: string; apiVersion: 'V2' | 'V1'; url: string | null; secret: Secret; maskedSecret: string; at: Date },
): Promise<WebhookEndpoint> {
  const sealed = box.seal(row.secret.reveal(), row.id);
  const inserted = await db
    .insert(webhookEndpoints)
    .values({
      id: row.id,
      storeId: row.storeId,
      apiVersion: row.apiVersion,
      url: row.url,
      secretCiphertext: sealed.ciphertext,
      secretKeyVersion: sealed.keyVersion,
      maskedSecret: row.maskedSecret,
      createdAt: row.at,
      updatedAt: row.at,
    })
    .returning();
  return toEndpoint(inserted[0]!);
}

export async function updateWebhookUrl(db: Executor, id: string, url: string | null, at: Date): Promise<WebhookEndpoint> {
  const rows = await db.update(webhookEndpoints).set({ url, updatedAt: at }).where(eq(webhookEndpoints.id, id)).returning();
  return toEndpoint(rows[0]!);
}

export async function replaceWebhookSecret(
  db: Executor,
  box: SecretBox,
  id: string,
  secret: Secret,
  maskedSecret: string,
  at: Date,
): Promise<WebhookEndpoint> {
  const sealed = box.seal(secret.reveal(), id);
  const rows = await db
    .update(webhookEndpoints)
    .set({ secretCiphertext: sealed.ciphertext, secretKeyVersion: sealed.keyVersion, maskedSecret, updatedAt: at })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return toEndpoint(rows[0]!);
}

/** Where a payment event goes: the store's V2 and V1 URLs and the V1 request's notice_urls. */
export interface WebhookTargets {
  v2Url: string | null;
  v1Url: string | null;
  v1NoticeUrls: readonly string[];
}

/** The targets of one payment event in one round trip (three lookups otherwise). */
export async function findWebhookTargets(db: Executor, storeId: string, paymentId: string | null): Promise<WebhookTargets> {
  const result = (await db.execute(sql`select
      (select url from ${webhookEndpoints} where store_id = ${storeId} and api_version = 'V2') as v2_url,
      (select url from ${webhookEndpoints} where store_id = ${storeId} and api_version = 'V1') as v1_url,
      (select notice_urls from ${v1Payments} where store_id = ${storeId} and payment_id = ${paymentId}) as v1_notice_urls`)) as unknown as {
    rows: { v2_url: string | null; v1_url: string | null; v1_notice_urls: string[] | string | null }[];
  };
  const row = result.rows[0]!;
  const notice = typeof row.v1_notice_urls === 'string' ? (JSON.parse(row.v1_notice_urls) as string[]) : row.v1_notice_urls;
  return { v2Url: row.v2_url, v1Url: row.v1_url, v1NoticeUrls: notice ?? [] };
}
