import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { paymentError } from '../../services/errors.ts';
import { cancelPayment } from '../../services/payments/cancel.ts';
import { principalOf } from './index.ts';
import { paymentIdParams, wonInput } from './paymentSchemas.ts';
import { renderCancellation } from './render.ts';
import { optionalBody } from './schemas.ts';

const body = z.object({
  amount: wonInput.optional(),
  taxFreeAmount: wonInput.optional(),
  vatAmount: wonInput.optional(),
  reason: z.string().min(1).max(500),
  currentCancellableAmount: wonInput.optional(),
});

/** `POST /payments/{paymentId}/cancel`: full (no amount) or partial cancel. */
export const paymentsCancel: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/payments/:paymentId/cancel', { schema: { params: paymentIdParams, body: optionalBody(body) } }, async (request) => {
    const input = request.body;
    if (!input) throw paymentError('INVALID_REQUEST', { ko: '취소 사유가 필요합니다.', en: 'reason is required.' }, {}, 'reason');
    const cancellation = await cancelPayment(deps, principalOf(request), {
      paymentId: request.params.paymentId,
      reason: input.reason,
      ...(input.amount !== undefined ? { amount: BigInt(input.amount) } : {}),
      ...(input.taxFreeAmount !== undefined ? { taxFreeAmount: BigInt(input.taxFreeAmount) } : {}),
      ...(input.currentCancellableAmount !== undefined ? { currentCancellableAmount: BigInt(input.currentCancellableAmount) } : {}),
    });
    return { cancellation: renderCancellation(cancellation) };
  });
};
