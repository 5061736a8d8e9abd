import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { paymentError } from '../../services/errors.ts';
import { createSchedule, findSchedules, getSchedule, revoke } from '../../services/payments/schedules.ts';
import type { ScheduleRow } from '../../store/repositories/paymentSchedules.ts';
import { principalOf } from './index.ts';
import { currencyInput, customerInput, customerOf, noticeUrlsInput, paymentIdParams, wonInput } from './paymentSchemas.ts';
import { requestBodyQuery } from './schemas.ts';

const createBody = z.object({
  payment: z.object({
    billingKey: z.string().min(1),
    orderName: z.string().min(1).max(200),
    amount: z.object({ total: wonInput, taxFree: wonInput.optional() }),
    currency: currencyInput,
    installmentMonth: z.number().int().min(0).max(36).optional(),
    customer: customerInput,
    customData: z.string().max(4000).optional(),
    noticeUrls: noticeUrlsInput,
  }),
  timeToPay: z.iso.datetime({ offset: true }),
});

const statuses = z.enum(['SCHEDULED', 'STARTED', 'SUCCEEDED', 'FAILED', 'REVOKED', 'PENDING']);
const listBody = z.object({
  page: z.object({ number: z.number().int().min(0).default(0), size: z.number().int().min(1).max(1000).default(10) }).optional(),
  filter: z
    .object({
      billingKey: z.string().optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
      status: z.array(statuses).optional(),
    })
    .optional(),
});
const revokeBody = z.object({ storeId: z.string().optional(), billingKey: z.string().optional(), scheduleIds: z.array(z.string()).max(1000).optional() });

function renderSchedule(row: ScheduleRow, merchantId: string) {
  return {
    status: row.status,
    id: row.id,
    merchantId,
    storeId: row.storeId,
    paymentId: row.paymentId,
    billingKey: row.billingKey,
    orderName: row.orderName,
    isCulturalExpense: false,
    isEscrow: false,
    customer: row.customer ?? {},
    customData: row.customData ?? '',
    totalAmount: Number(row.totalAmount),
    taxFreeAmount: Number(row.taxFreeAmount),
    currency: row.currency,
    ...(row.installmentMonth !== null ? { installmentMonth: row.installmentMonth } : {}),
    noticeUrls: row.noticeUrls ?? [],
    createdAt: row.createdAt.toISOString(),
    timeToPay: row.timeToPay.toISOString(),
    ...(row.startedAt ? { startedAt: row.startedAt.toISOString() } : {}),
    ...(row.completedAt ? { completedAt: row.completedAt.toISOString() } : {}),
    ...(row.revokedAt ? { revokedAt: row.revokedAt.toISOString() } : {}),
  };
}

/** Payment schedules: create, get, list, revoke. The schedules job pays them at timeToPay. */
export const scheduleRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/payments/:paymentId/schedule', { schema: { params: paymentIdParams, body: createBody } }, async (request) => {
    const { payment, timeToPay } = request.body;
    const row = await createSchedule(deps, principalOf(request), {
      paymentId: request.params.paymentId,
      billingKey: payment.billingKey,
      orderName: payment.orderName,
      totalAmount: BigInt(payment.amount.total),
      taxFreeAmount: BigInt(payment.amount.taxFree ?? 0),
      currency: payment.currency,
      timeToPay: new Date(timeToPay),
      ...(payment.installmentMonth !== undefined ? { installmentMonth: payment.installmentMonth } : {}),
      ...(payment.customer ? { customer: customerOf(payment.customer)! } : {}),
      ...(payment.customData !== undefined ? { customData: payment.customData } : {}),
      ...(payment.noticeUrls ? { noticeUrls: payment.noticeUrls } : {}),
    });
    return { schedule: { id: row.id } };
  });
  app.get('/payment-schedules/:paymentScheduleId', { schema: { params: z.object({ paymentScheduleId: z.string().min(1) }), querystring: z.object({ storeId: z.string().optional() }) } }, async (request) => {
    const principal = principalOf(request);
    return renderSchedule(await getSchedule(deps, principal, request.params.paymentScheduleId), principal.merchantId);
  });
  app.get('/payment-schedules', { schema: { querystring: requestBodyQuery(listBody) } }, async (request) => {
    const principal = principalOf(request);
    const input = request.query.requestBody ?? {};
    const page = { number: input.page?.number ?? 0, size: input.page?.size ?? 10 };
    const f = input.filter ?? {};
    const { rows, totalCount } = await findSchedules(
      deps,
      principal,
      {
        ...(f.billingKey ? { billingKey: f.billingKey } : {}),
        ...(f.status ? { statuses: f.status } : {}),
        ...(f.from ? { from: new Date(f.from) } : {}),
        ...(f.until ? { until: new Date(f.until) } : {}),
      },
      page,
    );
    return { items: rows.map((r) => renderSchedule(r, principal.merchantId)), page: { number: page.number, size: rows.length, totalCount } };
  });
  app.delete('/payment-schedules', { schema: { querystring: requestBodyQuery(revokeBody) } }, async (request) => {
    const input = request.query.requestBody;
    if (!input || (!input.billingKey && !input.scheduleIds)) {
      throw paymentError('INVALID_REQUEST', { ko: 'billingKey 또는 scheduleIds가 필요합니다.', en: 'billingKey or scheduleIds is required.' }, {}, 'requestBody');
    }
    const result = await revoke(deps, principalOf(request), {
      ...(input.scheduleIds ? { ids: input.scheduleIds } : {}),
      ...(input.billingKey ? { billingKey: input.billingKey } : {}),
    });
    return { revokedScheduleIds: result.revokedScheduleIds, revokedAt: result.revokedAt.toISOString() };
  });
};
