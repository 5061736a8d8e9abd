import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { ServiceError } from '../../services/errors.ts';
import { resendWebhook } from '../../services/webhooks/resend.ts';
import { principalOf } from './index.ts';
import { optionalBody, v2ErrorSchema } from './schemas.ts';

const params = z.object({ paymentId: z.string().min(1).max(200).describe('결제 건 아이디') });

const body = optionalBody(
  z.object({
    storeId: z.string().max(200).optional().describe('상점 아이디; 미입력시 인증 정보의 상점 아이디'),
    webhookId: z.string().max(200).optional().describe('웹훅 아이디; 미입력시 결제 건의 가장 최근 웹훅'),
  }),
);

const paymentWebhook = z.object({
  id: z.string().describe('웹훅 아이디 (webhook-id 헤더)'),
  url: z.string(),
  paymentStatus: z.enum(['READY', 'VIRTUAL_ACCOUNT_ISSUED', 'PAID', 'FAILED', 'PARTIAL_CANCELLED', 'CANCELLED', 'PAY_PENDING']).optional(),
  currentExecutionCount: z.number().int(),
  trigger: z.literal('MANUAL'),
  triggeredAt: z.string(),
  request: z.object({ body: z.string() }),
});

const forbiddenStore = () =>
  new ServiceError('FORBIDDEN', { ko: '접근 권한이 없는 상점입니다.', en: 'The credential has no access to this store.' }, 'storeId');

/** `POST /payments/{paymentId}/resend-webhook`: PortOne's 웹훅 재발송. */
export const resendWebhookRoute: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/payments/:paymentId/resend-webhook',
    {
      schema: {
        tags: ['payment'],
        summary: '웹훅 재발송',
        params,
        body,
        response: { 200: z.object({ webhook: paymentWebhook }), 400: v2ErrorSchema, 401: v2ErrorSchema, 403: v2ErrorSchema, 404: v2ErrorSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const storeId = request.body?.storeId ?? principal.storeId;
      if (storeId !== principal.storeId) throw forbiddenStore();
      return resendWebhook(deps, storeId, request.params.paymentId, { webhookId: request.body?.webhookId });
    },
  );
};
