import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ConsoleAction } from '../../domain/tenancy.ts';
import { requireStoreAccess } from '../../services/access.ts';
import { deleteStoreBillingKey, listStoreBillingKeys } from '../../services/console/billingKeys.ts';
import { devChecklist } from '../../services/console/devChecklist.ts';
import { homeSummary } from '../../services/console/home.ts';
import { paymentFilterChannels } from '../../services/console/paymentFilters.ts';
import { cancelReasonMaxLength, cancelStorePayment, listStorePayments, storePaymentDetail } from '../../services/console/payments.ts';
import { listWebhookDeliveries, resendWebhookDelivery } from '../../services/console/webhookLog.ts';
import type { Deps } from '../../services/deps.ts';
import { requireSession, sessionOf } from './session.ts';

const storeParams = z.object({ storeId: z.string().max(100) });
const paymentParams = storeParams.extend({ paymentId: z.string().min(1).max(200) });
const paging = {
  page: z.coerce.number().int().min(0).max(100_000).default(0),
  size: z.coerce.number().int().min(1).max(100).default(20),
};
const koreanDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const paymentStatus = z.enum(['READY', 'PAY_PENDING', 'VIRTUAL_ACCOUNT_ISSUED', 'PAID', 'FAILED', 'PARTIAL_CANCELLED', 'CANCELLED']);

const paymentListQuery = z.object({
  status: paymentStatus.optional(),
  mode: z.enum(['TEST', 'LIVE']).optional(),
  channelId: z.string().max(100).optional(),
  from: koreanDate.optional(),
  until: koreanDate.optional(),
  search: z.string().max(200).optional(),
  ...paging,
});

const cancelBody = z.object({
  /** Omitted: the whole remaining amount. */
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  reason: z.string().max(cancelReasonMaxLength * 2),
});

/** 홈, 결제 내역 (list, detail, cancel), 빌링키, 웹훅 전송 기록 and the 개발진행 checklist of one store. */
export const consolePaymentRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.addHook('preHandler', requireSession(deps));
  const access = (request: FastifyRequest, action: ConsoleAction) =>
    requireStoreAccess(deps, sessionOf(request), (request.params as { storeId: string }).storeId, action, request.ip);
  const hide = { hide: true };

  app.get('/stores/:storeId/home', { schema: { ...hide, params: storeParams } }, async (request) => homeSummary(deps, await access(request, 'read')));

  app.get('/stores/:storeId/dev-checklist', { schema: { ...hide, params: storeParams } }, async (request) => devChecklist(deps, await access(request, 'read')));

  app.get('/stores/:storeId/payments', { schema: { ...hide, params: storeParams, querystring: paymentListQuery } }, async (request) =>
    listStorePayments(deps, await access(request, 'read'), request.query),
  );

  app.get('/stores/:storeId/payment-channels', { schema: { ...hide, params: storeParams } }, async (request) =>
    paymentFilterChannels(deps, await access(request, 'read')),
  );

  app.get('/stores/:storeId/payments/:paymentId', { schema: { ...hide, params: paymentParams } }, async (request) =>
    storePaymentDetail(deps, await access(request, 'read'), request.params.paymentId),
  );

  app.post('/stores/:storeId/payments/:paymentId/cancel', { schema: { ...hide, params: paymentParams, body: cancelBody } }, async (request) =>
    cancelStorePayment(deps, await access(request, 'managePayments'), request.params.paymentId, request.body),
  );

  app.get(
    '/stores/:storeId/billing-keys',
    { schema: { ...hide, params: storeParams, querystring: z.object({ status: z.enum(['ISSUED', 'DELETED']).optional(), ...paging }) } },
    async (request) => listStoreBillingKeys(deps, await access(request, 'read'), request.query),
  );

  app.delete(
    '/stores/:storeId/billing-keys/:billingKey',
    { schema: { ...hide, params: storeParams.extend({ billingKey: z.string().min(1).max(200) }) } },
    async (request) => deleteStoreBillingKey(deps, await access(request, 'managePayments'), request.params.billingKey),
  );

  app.get(
    '/stores/:storeId/webhook-deliveries',
    { schema: { ...hide, params: storeParams, querystring: z.object({ failed: z.enum(['true', 'false']).optional(), ...paging }) } },
    async (request) =>
      listWebhookDeliveries(deps, await access(request, 'read'), { failedOnly: request.query.failed === 'true', page: request.query.page, size: request.query.size }),
  );

  app.post(
    '/stores/:storeId/webhook-deliveries/:deliveryId/resend',
    { schema: { ...hide, params: storeParams.extend({ deliveryId: z.uuid() }) } },
    async (request, reply) => reply.code(202).send(await resendWebhookDelivery(deps, await access(request, 'manageWebhooks'), request.params.deliveryId)),
  );
};
