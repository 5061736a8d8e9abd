import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { paymentError } from '../../services/errors.ts';
import { payWithBillingKey } from '../../services/payments/payWithBillingKey.ts';
import { principalOf } from './index.ts';
import { currencyInput, customerInput, customerOf, noticeUrlsInput, paymentIdParams, wonInput } from './paymentSchemas.ts';
import { optionalBody } from './schemas.ts';

const body = z.object({
  billingKey: z.string().min(1),
  channelKey: z.string().optional(),
  orderName: z.string().min(1).max(200),
  amount: z.object({ total: wonInput, taxFree: wonInput.optional() }),
  currency: currencyInput,
  installmentMonth: z.number().int().min(0).max(36).optional(),
  customer: customerInput,
  customData: z.string().max(4000).optional(),
  noticeUrls: noticeUrlsInput,
});

/** `POST /payments/{paymentId}/billing-key`: pay with an issued billing key. */
export const paymentsBillingKey: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/payments/:paymentId/billing-key', { schema: { params: paymentIdParams, body: optionalBody(body) } }, async (request) => {
    const input = request.body;
    if (!input) throw paymentError('INVALID_REQUEST', { ko: '요청 본문이 없습니다.', en: 'The request body is missing.' }, {}, 'body');
    const payment = await payWithBillingKey(deps, principalOf(request), {
      paymentId: request.params.paymentId,
      billingKey: input.billingKey,
      ...(input.channelKey !== undefined ? { channelKey: input.channelKey } : {}),
      orderName: input.orderName,
      totalAmount: BigInt(input.amount.total),
      taxFreeAmount: BigInt(input.amount.taxFree ?? 0),
      currency: input.currency,
      ...(input.installmentMonth !== undefined ? { installmentMonth: input.installmentMonth } : {}),
      ...(input.customer ? { customer: customerOf(input.customer)! } : {}),
      ...(input.customData !== undefined ? { customData: input.customData } : {}),
      ...(input.noticeUrls ? { noticeUrls: input.noticeUrls } : {}),
    });
    return { payment: { pgTxId: payment.pgTxId ?? '', paidAt: (payment.paidAt ?? payment.updatedAt).toISOString() } };
  });
};
