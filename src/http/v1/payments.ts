import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { bankOfCode } from '../../domain/banks.ts';
import type { Deps } from '../../services/deps.ts';
import {
  cancelV1Payment,
  findV1PaymentByMerchantUid,
  findV1PaymentsByImpUids,
  getV1PaymentByImpUid,
  getV1Preparation,
  listV1PaymentsByStatus,
  prepareV1Payment,
  unknownBank,
  type V1Status,
} from '../../services/v1/payments.ts';
import { parseV1, v1Bool, v1Int, v1Text, v1UnixSeconds, v1Won } from './input.ts';
import { renderV1Payment } from './render.ts';
import { sendV1, v1PrincipalOf } from './reply.ts';

const v1Statuses = ['ready', 'paid', 'cancelled', 'failed'] as const;
const id = z.string().min(1).max(200);

const findParams = z.object({
  merchant_uid: id,
  // iamport-rest-client-nodejs sends the literal "undefined" when no status is given.
  status: z
    .enum([...v1Statuses, 'undefined', 'null', ''])
    .optional()
    .transform((s): V1Status | undefined => (s === 'undefined' || s === 'null' || s === '' ? undefined : s)),
});

const listQuery = z.object({
  page: v1Int.pipe(z.number().min(1, 'must be 1 or more')).optional(),
  limit: v1Int.pipe(z.number().min(1).max(100, 'must be at most 100')).optional(),
  from: v1UnixSeconds.optional(),
  to: v1UnixSeconds.optional(),
  sorting: z.enum(['started', '-started', 'paid', '-paid', 'updated', '-updated']).optional(),
});

const cancelBody = z.object({
  imp_uid: id.optional(),
  merchant_uid: id.optional(),
  amount: v1Won.optional(),
  tax_free: v1Won.optional(),
  checksum: v1Won.optional(),
  reason: v1Text(500).optional(),
  refund_holder: v1Text(100).optional(),
  refund_bank: z.string().max(10).optional(),
  refund_account: z.string().max(40).optional(),
  refund_tel: z.string().max(40).optional(),
  enable_webhook: v1Bool.optional(),
});

const prepareBody = z.object({ merchant_uid: id, amount: v1Won });

/** `imp_uid[]=a&imp_uid[]=b` (iamport's clients), or `imp_uid=a&imp_uid=b`. */
function impUidsOf(query: Record<string, unknown>): string[] {
  const raw = query['imp_uid[]'] ?? query.imp_uid;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Payments: lookups, status lists, cancel, prepare. */
export const v1PaymentRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/payments', async (request, reply) => {
    const ids = impUidsOf(request.query as Record<string, unknown>);
    if (ids.length === 0) return sendV1(reply, 400, -1, 'imp_uid[]: is required');
    if (ids.length > 100) return sendV1(reply, 400, -1, 'imp_uid[]: at most 100');
    const views = await findV1PaymentsByImpUids(deps, v1PrincipalOf(request), ids);
    return sendV1(reply, 200, 0, null, views.map(renderV1Payment));
  });

  app.get('/payments/status/:status', async (request, reply) => {
    const { status } = parseV1(z.object({ status: z.enum(['all', ...v1Statuses]) }), request.params, 'params');
    const query = parseV1(listQuery, request.query, 'query');
    const result = await listV1PaymentsByStatus(deps, v1PrincipalOf(request), {
      status,
      page: query.page ?? 1,
      limit: query.limit ?? 20,
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      sorting: query.sorting ?? '-started',
    });
    return sendV1(reply, 200, 0, null, { ...result, list: result.list.map(renderV1Payment) });
  });

  app.get('/payments/find/:merchant_uid', async (request, reply) => {
    const { merchant_uid } = parseV1(findParams, request.params, 'params');
    return sendV1(reply, 200, 0, null, renderV1Payment(await findV1PaymentByMerchantUid(deps, v1PrincipalOf(request), merchant_uid)));
  });
  app.get('/payments/find/:merchant_uid/:status', async (request, reply) => {
    const { merchant_uid, status } = parseV1(findParams, request.params, 'params');
    return sendV1(reply, 200, 0, null, renderV1Payment(await findV1PaymentByMerchantUid(deps, v1PrincipalOf(request), merchant_uid, status)));
  });

  app.get('/payments/prepare/:merchant_uid', async (request, reply) => {
    const { merchant_uid } = parseV1(z.object({ merchant_uid: id }), request.params, 'params');
    return sendV1(reply, 200, 0, null, await getV1Preparation(deps, v1PrincipalOf(request), merchant_uid));
  });

  app.get('/payments/:imp_uid', async (request, reply) => {
    const { imp_uid } = parseV1(z.object({ imp_uid: id }), request.params, 'params');
    return sendV1(reply, 200, 0, null, renderV1Payment(await getV1PaymentByImpUid(deps, v1PrincipalOf(request), imp_uid)));
  });

  app.post('/payments/cancel', async (request, reply) => {
    const body = parseV1(cancelBody, request.body);
    if (!body.imp_uid && !body.merchant_uid) return sendV1(reply, 400, -1, 'imp_uid: imp_uid 또는 merchant_uid 가 필요합니다.');
    const refundGiven = body.refund_holder || body.refund_bank || body.refund_account;
    if (refundGiven) {
      for (const field of ['refund_holder', 'refund_bank', 'refund_account'] as const) {
        if (!body[field]) return sendV1(reply, 400, -1, `${field}: 환불 계좌 정보가 모두 필요합니다.`);
      }
      if (!bankOfCode(body.refund_bank!)) throw unknownBank(body.refund_bank!);
    }
    const view = await cancelV1Payment(deps, v1PrincipalOf(request), {
      ...(body.imp_uid ? { impUid: body.imp_uid } : {}),
      ...(body.merchant_uid ? { merchantUid: body.merchant_uid } : {}),
      ...(body.amount !== undefined ? { amount: body.amount } : {}),
      ...(body.tax_free !== undefined ? { taxFree: body.tax_free } : {}),
      ...(body.checksum !== undefined ? { checksum: body.checksum } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
      ...(refundGiven ? { refund: { holder: body.refund_holder!, bankCode: body.refund_bank!, account: body.refund_account! } } : {}),
      enableWebhook: body.enable_webhook ?? false,
    });
    return sendV1(reply, 200, 0, null, renderV1Payment(view));
  });

  app.post('/payments/prepare', async (request, reply) => {
    const body = parseV1(prepareBody, request.body);
    return sendV1(reply, 200, 0, null, await prepareV1Payment(deps, v1PrincipalOf(request), body.merchant_uid, body.amount));
  });
};
