import { and, eq, sql } from 'drizzle-orm';
import { Secret } from '../../domain/secret.ts';
import type { Executor } from '../db.ts';
import { prepared } from '../prepared.ts';
import { webhookEndpoints } from '../schema.ts';
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
