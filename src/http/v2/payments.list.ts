import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { findPayments } from '../../services/payments/queries.ts';
import { listChannels } from '../../store/repositories/channels.ts';
import { principalOf } from './index.ts';
import { renderPayment } from './render.ts';
import { requestBodyQuery } from './schemas.ts';

const statusFilter = z.enum(['READY', 'PENDING', 'PAY_PENDING', 'VIRTUAL_ACCOUNT_ISSUED', 'PAID', 'FAILED', 'PARTIAL_CANCELLED', 'CANCELLED']);

const body = z.object({
  page: z.object({ number: z.number().int().min(0).default(0), size: z.number().int().min(1).max(1000).default(10) }).optional(),
  filter: z
    .object({
      storeId: z.string().optional(),
      timestampType: z.enum(['CREATED_AT', 'STATUS_CHANGED_AT']).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
      status: z.array(statusFilter).optional(),
      methods: z.array(z.string()).optional(),
      pgProvider: z.array(z.string()).optional(),
      isTest: z.boolean().optional(),
      sortOrder: z.enum(['DESC', 'ASC']).optional(),
      /** paymux extension: only these channels (keys). */
      channelKeys: z.array(z.string()).optional(),
    })
    .optional(),
});

/** `GET /payments?requestBody={page, filter}`: a page of the store's payments, newest first. */
export const paymentsList: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/payments', { schema: { querystring: requestBodyQuery(body) } }, async (request) => {
    const principal = principalOf(request);
    const input = request.query.requestBody ?? {};
    const filter = input.filter ?? {};
    const methods = filter.methods?.flatMap((m) => (m === 'CARD' ? ['CARD' as const] : m === 'VIRTUAL_ACCOUNT' ? ['VIRTUAL_ACCOUNT' as const] : []));
    const channelIds = filter.channelKeys
      ? (await listChannels(deps.db, principal.storeId)).filter((c) => filter.channelKeys!.includes(c.key)).map((c) => c.id)
      : undefined;
    const result = await findPayments(deps, principal, {
      page: { number: input.page?.number ?? 0, size: input.page?.size ?? 10 },
      timestampType: filter.timestampType ?? 'CREATED_AT',
      sortOrder: filter.sortOrder ?? 'DESC',
      ...(filter.status ? { statuses: filter.status.map((s) => (s === 'PENDING' ? 'PAY_PENDING' : s)) } : {}),
      ...(filter.from ? { from: new Date(filter.from) } : {}),
      ...(filter.until ? { until: new Date(filter.until) } : {}),
      ...(filter.isTest !== undefined ? { isTest: filter.isTest } : {}),
      ...(methods ? { methods } : {}),
      ...(channelIds ? { channelIds } : {}),
    });
    return { items: result.items.map(renderPayment), page: result.page };
  });
};
