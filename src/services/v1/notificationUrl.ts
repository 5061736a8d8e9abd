import { newRowId, newWebhookSecret } from '../../domain/ids.ts';
import { maskSecret, Secret } from '../../domain/secret.ts';
import { findWebhookEndpoint, insertWebhookEndpoint, updateWebhookUrl } from '../../store/repositories/webhookEndpoints.ts';
import type { Deps } from '../deps.ts';
import { parseWebhookUrl } from '../webhookSettings.ts';

/**
 * The store's V1 notification URL (iamport's console "Notification URL"); empty clears it. V1
 * webhooks are unsigned, so the endpoint's secret is only there because every endpoint has one.
 */
export async function setV1NotificationUrl(deps: Deps, storeId: string, raw: string): Promise<string | null> {
  const url = parseWebhookUrl(raw);
  const at = deps.clock.now();
  const existing = await findWebhookEndpoint(deps.db, storeId, 'V1');
  if (existing) return (await updateWebhookUrl(deps.db, existing.id, url, at)).url;
  const secret = newWebhookSecret();
  const created = await insertWebhookEndpoint(deps.db, deps.box, {
    id: newRowId(),
    storeId,
    apiVersion: 'V1',
    url,
    secret: new Secret(secret),
    maskedSecret: maskSecret(secret, 10),
    at,
  });
  return created.url;
}
