import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { getPaymentAsCaller, getPaymentTransactions } from '../../services/payments/queries.ts';
import { principalOf } from './index.ts';
import { paymentIdParams } from './paymentSchemas.ts';
import { renderChannel, renderPayment } from './render.ts';

/** `GET /payments/{paymentId}` and `GET /payments/{paymentId}/transactions`. */
export const paymentsGet: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const query = z.object({ storeId: z.string().optional() });
  // The hottest read: authentication and the payment in one round trip.
  app.get('/payments/:paymentId', { schema: { params: paymentIdParams, querystring: query }, config: { authenticatesItself: true } }, async (request) =>
    renderPayment(await getPaymentAsCaller(deps, request.headers.authorization, request.params.paymentId)),
  );
  app.get('/payments/:paymentId/transactions', { schema: { params: paymentIdParams, querystring: query } }, async (request) => {
    const { view, calls } = await getPaymentTransactions(deps, principalOf(request), request.params.paymentId);
    const rendered = renderPayment(view);
    return {
      items: calls.map((call) => ({
        ...rendered,
        id: call.id,
        paymentId: view.payment.paymentId,
        // One PG call of the payment: what was asked, how the PG answered (the redacted record).
        operation: call.operation,
        outcome: call.outcome ?? 'pending',
        pgRequestId: call.requestId,
        requestedAt: call.startedAt.toISOString(),
        ...(call.record ? { pgCall: call.record } : {}),
        ...(view.channel ? { channel: renderChannel(view.channel) } : {}),
      })),
    };
  });
};
