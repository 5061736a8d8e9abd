import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelPaymentMethods, taxSettings } from '../../domain/channels.ts';
import type { ConsoleAction } from '../../domain/tenancy.ts';
import { requireStoreAccess } from '../../services/access.ts';
import {
  checkChannelConnection,
  createChannel,
  deleteChannel,
  editChannel,
  listStoreChannels,
  makeDefaultChannel,
  virtualAccountNoticeRequest,
} from '../../services/channels.ts';
import type { Deps } from '../../services/deps.ts';
import { requireSession, sessionOf } from './session.ts';

const storeParams = z.object({ storeId: z.string().max(100) });
const channelParams = storeParams.extend({ channelId: z.string().max(100) });
const taxSetting = z.enum(['TAXABLE', 'TAX_FREE', 'COMPOSITE'] satisfies typeof taxSettings);
const paymentMethod = z.enum(['CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER'] satisfies typeof channelPaymentMethods);

const channelInput = z.object({
  mode: z.enum(['TEST', 'LIVE']),
  pgProvider: z.literal('SETTLE'),
  module: z.literal('HECTO_WINDOW_API'),
  attribute: z.literal('PAYMENT'),
  name: z.string().max(200),
  mid: z.string().max(100),
  licenseKey: z.string().max(512).optional(),
  encryptionKey: z.string().max(512).optional(),
  taxSetting: taxSetting,
});

const channelUpdate = z.object({
  name: z.string().max(200).optional(),
  taxSetting: taxSetting.optional(),
  enabled: z.boolean().optional(),
  mid: z.string().max(100).optional(),
  licenseKey: z.string().max(512).optional(),
  encryptionKey: z.string().max(512).optional(),
});

/** 채널 관리: add, edit, disable, delete, defaults, 연결 확인, the VA notice request for Hecto. */
export const consoleChannelRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireSession(deps));
  const access = (request: FastifyRequest, action: ConsoleAction) =>
    requireStoreAccess(deps, sessionOf(request), (request.params as { storeId: string }).storeId, action, request.ip);
  const hide = { hide: true };

  app.get('/stores/:storeId/channels', { schema: { ...hide, params: storeParams } }, async (request) => ({
    items: await listStoreChannels(deps, await access(request, 'read')),
  }));

  app.post('/stores/:storeId/channels', { schema: { ...hide, params: storeParams, body: channelInput } }, async (request, reply) =>
    reply.code(201).send(await createChannel(deps, await access(request, 'manageChannels'), request.body)),
  );

  app.patch('/stores/:storeId/channels/:channelId', { schema: { ...hide, params: channelParams, body: channelUpdate } }, async (request) =>
    editChannel(deps, await access(request, 'manageChannels'), request.params.channelId, request.body),
  );

  app.delete('/stores/:storeId/channels/:channelId', { schema: { ...hide, params: channelParams } }, async (request, reply) => {
    await deleteChannel(deps, await access(request, 'manageChannels'), request.params.channelId);
    return reply.code(204).send();
  });

  app.post(
    '/stores/:storeId/channels/:channelId/default',
    { schema: { ...hide, params: channelParams, body: z.object({ method: paymentMethod }) } },
    async (request) => ({
      items: await makeDefaultChannel(deps, await access(request, 'manageChannels'), request.params.channelId, request.body.method),
    }),
  );

  app.post('/stores/:storeId/channels/:channelId/check-connection', { schema: { ...hide, params: channelParams } }, async (request) =>
    checkChannelConnection(deps, await access(request, 'manageChannels'), request.params.channelId),
  );

  app.get('/stores/:storeId/channels/:channelId/va-notice-request', { schema: { ...hide, params: channelParams } }, async (request) =>
    virtualAccountNoticeRequest(deps, await access(request, 'read'), request.params.channelId, sessionOf(request).merchant?.name ?? ''),
  );
};
