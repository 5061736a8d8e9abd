import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { changeV1Vbank, closeV1Vbank, issueV1Vbank } from '../../services/v1/payments.ts';
import { buyerOf, parseV1, v1Buyer, v1NoticeUrls, v1Text, v1UnixSeconds, v1Won } from './input.ts';
import { renderV1Payment } from './render.ts';
import { sendV1, v1PrincipalOf } from './reply.ts';

const id = z.string().min(1).max(200);

const issueBody = z.object({
  merchant_uid: id,
  amount: v1Won,
  tax_free: v1Won.optional(),
  vbank_code: z.string().trim().min(1).max(10),
  vbank_due: v1UnixSeconds,
  vbank_holder: v1Text(100).optional(),
  name: v1Text(200).optional(),
  channel_key: v1Text(200).optional(),
  pg: v1Text(100).optional(),
  custom_data: z.string().max(4000).optional(),
  notice_url: v1NoticeUrls.optional(),
  ...v1Buyer,
});

const changeBody = z.object({ amount: v1Won.optional(), vbank_due: v1UnixSeconds.optional() });

/** Virtual accounts (가상계좌): issue, change, close. */
export const v1VbankRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/vbanks', async (request, reply) => {
    const body = parseV1(issueBody, request.body);
    const view = await issueV1Vbank(deps, v1PrincipalOf(request), {
      merchantUid: body.merchant_uid,
      amount: body.amount,
      taxFree: body.tax_free ?? 0n,
      vbankCode: body.vbank_code,
      dueAt: body.vbank_due,
      ...(body.vbank_holder ? { holder: body.vbank_holder } : {}),
      name: body.name || '가상계좌 결제',
      ...(body.channel_key ? { channelKey: body.channel_key } : {}),
      ...(body.pg ? { pg: body.pg } : {}),
      buyer: buyerOf(body),
      ...(body.custom_data !== undefined ? { customData: body.custom_data } : {}),
      ...(body.notice_url ? { noticeUrls: body.notice_url } : {}),
    });
    return sendV1(reply, 200, 0, null, renderV1Payment(view));
  });

  app.put('/vbanks/:imp_uid', async (request, reply) => {
    const { imp_uid } = parseV1(z.object({ imp_uid: id }), request.params, 'params');
    const body = parseV1(changeBody, request.body);
    if (body.amount === undefined && !body.vbank_due) return sendV1(reply, 400, -1, 'amount: amount 또는 vbank_due 가 필요합니다.');
    const view = await changeV1Vbank(deps, v1PrincipalOf(request), imp_uid, {
      ...(body.amount !== undefined ? { amount: body.amount } : {}),
      ...(body.vbank_due ? { dueAt: body.vbank_due } : {}),
    });
    return sendV1(reply, 200, 0, null, renderV1Payment(view));
  });

  app.delete('/vbanks/:imp_uid', async (request, reply) => {
    const { imp_uid } = parseV1(z.object({ imp_uid: id }), request.params, 'params');
    return sendV1(reply, 200, 0, null, renderV1Payment(await closeV1Vbank(deps, v1PrincipalOf(request), imp_uid)));
  });
};
