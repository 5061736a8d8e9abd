import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ConsoleAction } from '../../domain/tenancy.ts';
import { requireStoreAccess } from '../../services/access.ts';
import { createSecret, getV1Keys, listSecrets, revokeSecret, rotateV1Secret } from '../../services/apiKeys.ts';
import type { Deps } from '../../services/deps.ts';
import { getWebhook, rotateWebhookSecret, setWebhookUrl } from '../../services/webhookSettings.ts';
import { requireSession, sessionOf } from './session.ts';

const storeParams = z.object({ storeId: z.string().max(100) });

/** A signed-in member's stores: API keys and webhook settings. */
export const consoleStoreRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireSession(deps));
  const access = (request: FastifyRequest, action: ConsoleAction) =>
    requireStoreAccess(deps, sessionOf(request), (request.params as { storeId: string }).storeId, action, request.ip);

  app.get('/stores/:storeId/api-secrets', { schema: { hide: true, params: storeParams } }, async (request) => ({
    items: await listSecrets(deps, await access(request, 'read')),
  }));

  app.post(
    '/stores/:storeId/api-secrets',
    { schema: { hide: true, params: storeParams, body: z.object({ name: z.string().max(200) }) } },
    async (request, reply) => reply.code(201).send(await createSecret(deps, await access(request, 'manageKeys'), request.body.name)),
  );

  app.delete(
    '/stores/:storeId/api-secrets/:id',
    { schema: { hide: true, params: storeParams.extend({ id: z.uuid() }) } },
    async (request) => revokeSecret(deps, await access(request, 'manageKeys'), request.params.id),
  );

  app.get('/stores/:storeId/v1-keys', { schema: { hide: true, params: storeParams } }, async (request) =>
    getV1Keys(deps, await access(request, 'read'), sessionOf(request).merchant!.code),
  );

  app.post('/stores/:storeId/v1-keys/rotate', { schema: { hide: true, params: storeParams } }, async (request) =>
    rotateV1Secret(deps, await access(request, 'manageKeys')),
  );

  app.get('/stores/:storeId/webhook', { schema: { hide: true, params: storeParams } }, async (request) =>
    getWebhook(deps, await access(request, 'read')),
  );

  app.put(
    '/stores/:storeId/webhook',
    { schema: { hide: true, params: storeParams, body: z.object({ url: z.string().max(4096) }) } },
    async (request) => setWebhookUrl(deps, await access(request, 'manageWebhooks'), request.body.url),
  );

  app.post('/stores/:storeId/webhook/rotate-secret', { schema: { hide: true, params: storeParams } }, async (request) =>
    rotateWebhookSecret(deps, await access(request, 'manageWebhooks')),
  );
};
