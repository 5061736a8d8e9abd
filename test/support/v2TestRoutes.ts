import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../src/http/v2/index.ts';
import { optionalBody, requestBodyQuery } from '../../src/http/v2/schemas.ts';
import type { Deps } from '../../src/services/deps.ts';
import { notFound } from '../../src/services/errors.ts';
import { listChannels } from '../../src/store/repositories/channels.ts';

/**
 * A store-scoped V2 resource for the foundation's tests, until the payments API brings real ones:
 * a channel by key, looked up within the caller's store, and an echo of a validated list query.
 */
export const v2TestRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/__test/channels/:channelKey', { schema: { params: z.object({ channelKey: z.string() }) } }, async (request) => {
    const channel = (await listChannels(deps.db, principalOf(request).storeId)).find((c) => c.key === request.params.channelKey);
    if (!channel) throw notFound({ ko: '채널이 없습니다.', en: 'Channel not found.' });
    return { key: channel.key, mid: channel.mid };
  });
  app.get(
    '/__test/list',
    {
      schema: {
        querystring: requestBodyQuery(z.object({ page: z.object({ number: z.number().int().min(0), size: z.number().int().min(1).max(1000) }) })),
      },
    },
    async (request) => ({ page: request.query.requestBody?.page ?? null, storeId: principalOf(request).storeId }),
  );
  app.post(
    '/__test/echo',
    { schema: { body: optionalBody(z.object({ amount: z.object({ total: z.number().int() }), orderName: z.string() })) } },
    async (request) => ({ received: request.body ?? null }),
  );
};
