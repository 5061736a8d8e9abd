import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { closeVirtualAccount } from '../../services/payments/closeVirtualAccount.ts';
import { preRegisterPayment } from '../../services/payments/preRegister.ts';
import { principalOf } from './index.ts';
import { currencyInput, paymentIdParams, wonInput } from './paymentSchemas.ts';
import { optionalBody } from './schemas.ts';

const preRegisterBody = z.object({ totalAmount: wonInput, taxFreeAmount: wonInput.optional(), currency: currencyInput });

/** `POST /payments/{paymentId}/pre-register` and `POST /payments/{paymentId}/virtual-account/close`. */
export const paymentsMisc: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/payments/:paymentId/pre-register', { schema: { params: paymentIdParams, body: preRegisterBody } }, async (request) => {
    await preRegisterPayment(deps, principalOf(request), {
      paymentId: request.params.paymentId,
      totalAmount: BigInt(request.body.totalAmount),
      taxFreeAmount: BigInt(request.body.taxFreeAmount ?? 0),
      currency: request.body.currency,
    });
    return {};
  });
  app.post(
    '/payments/:paymentId/virtual-account/close',
    { schema: { params: paymentIdParams, body: optionalBody(z.object({ storeId: z.string().optional() })) } },
    async (request) => ({ closedAt: (await closeVirtualAccount(deps, principalOf(request), request.params.paymentId)).toISOString() }),
  );
};
