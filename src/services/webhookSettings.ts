import { newRowId, newWebhookSecret } from '../domain/ids.ts';
import { maskSecret, Secret } from '../domain/secret.ts';
import type { Executor } from '../store/db.ts';
import {
  findWebhookEndpoint,
  insertWebhookEndpoint,
  replaceWebhookSecret,
  updateWebhookUrl,
  type WebhookEndpoint,
} from '../store/repositories/webhookEndpoints.ts';
import type { SecretBox } from '../store/secretBox.ts';
import { auditStoreChange, type StoreAccess } from './access.ts';
import type { Deps } from './deps.ts';
import { invalidInput } from './errors.ts';

export interface WebhookView {
  url: string | null;
  maskedSecret: string;
}

const view = (e: WebhookEndpoint): WebhookView => ({ url: e.url, maskedSecret: e.maskedSecret });

/** A V2 endpoint with a fresh `whsec_` secret (no URL yet); the secret is returned this once. */
export async function createWebhookEndpoint(db: Executor, box: SecretBox, storeId: string, at: Date) {
  const secret = newWebhookSecret();
  const endpoint = await insertWebhookEndpoint(db, box, {
    id: newRowId(),
    storeId,
    apiVersion: 'V2',
    url: null,
    secret: new Secret(secret),
    maskedSecret: maskSecret(secret, 10),
    at,
  });
  return { endpoint, secret };
}

/** The store's V2 endpoint; created with a fresh secret if the store predates endpoints. */
async function endpointOf(db: Executor, box: SecretBox, storeId: string, at: Date): Promise<WebhookEndpoint> {
  return (await findWebhookEndpoint(db, storeId, 'V2')) ?? (await createWebhookEndpoint(db, box, storeId, at)).endpoint;
}

export async function getWebhook(deps: Deps, access: StoreAccess): Promise<WebhookView> {
  return view(await endpointOf(deps.db, deps.box, access.store.id, deps.clock.now()));
}

/** Only http(s) URLs without credentials; empty clears the endpoint. */
export function parseWebhookUrl(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalidInput('url', { ko: '올바른 URL이 아닙니다.', en: 'Not a valid URL.' });
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || trimmed.length > 2048) {
    throw invalidInput('url', {
      ko: 'http:// 또는 https:// 로 시작하는 URL을 입력해 주세요(계정 정보 제외).',
      en: 'Enter an http:// or https:// URL without credentials.',
    });
  }
  return url.toString();
}

export async function setWebhookUrl(deps: Deps, access: StoreAccess, rawUrl: string): Promise<WebhookView> {
  const url = parseWebhookUrl(rawUrl);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await endpointOf(tx, deps.box, access.store.id, at);
    const after = await updateWebhookUrl(tx, before.id, url, at);
    await auditStoreChange(tx, access, {
      action: 'webhook.url_changed',
      target: { type: 'webhook_endpoint', id: before.id },
      before: { url: before.url },
      after: { url },
      at,
    });
    return view(after);
  });
}

/** A new `whsec_` secret, returned this once; deliveries sign with it from now on. */
export async function rotateWebhookSecret(deps: Deps, access: StoreAccess): Promise<{ secret: string }> {
  const at = deps.clock.now();
  const secret = newWebhookSecret();
  const maskedSecret = maskSecret(secret, 10);
  await deps.db.transaction(async (tx) => {
    const before = await endpointOf(tx, deps.box, access.store.id, at);
    await replaceWebhookSecret(tx, deps.box, before.id, new Secret(secret), maskedSecret, at);
    await auditStoreChange(tx, access, {
      action: 'webhook.secret_rotated',
      target: { type: 'webhook_endpoint', id: before.id },
      before: { maskedSecret: before.maskedSecret },
      after: { maskedSecret },
      at,
    });
  });
  return { secret };
}
