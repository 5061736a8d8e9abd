import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { Secret } from '../../domain/secret.ts';
import type { Deps } from '../../services/deps.ts';
import { deleteCustomer, getCustomer, registerCustomer, scheduleV1, unscheduleV1 } from '../../services/v1/customers.ts';
import { channelKeyOfV1, customerOfBuyer, payAgain, payOnetime } from '../../services/v1/payments.ts';
import { buyerOf, parseV1, v1Birth, v1Buyer, v1CardNumber, v1Expiry, v1Int, v1NoticeUrls, v1Pwd2, v1Text, v1UnixSeconds, v1Won } from './input.ts';
import { renderV1Customer, renderV1Payment, renderV1Schedule } from './render.ts';
import { sendV1, v1PrincipalOf } from './reply.ts';

const id = z.string().min(1).max(200);

const card = {
  card_number: v1CardNumber,
  expiry: v1Expiry,
  birth: v1Birth.optional(),
  pwd_2digit: v1Pwd2.optional(),
};

const cardOf = (input: { card_number: string; expiry: { year: number; month: number }; birth?: string | undefined; pwd_2digit?: string | undefined }) =>
  new Secret({
    number: input.card_number,
    expiry: input.expiry,
    ...(input.birth ? { birthOrBusinessNumber: input.birth } : {}),
    ...(input.pwd_2digit ? { passwordTwoDigits: input.pwd_2digit } : {}),
  });

const charge = {
  merchant_uid: id,
  amount: v1Won,
  tax_free: v1Won.optional(),
  currency: z.enum(['KRW']).optional(),
  name: v1Text(200).optional(),
  card_quota: v1Int.pipe(z.number().min(0).max(36)).optional(),
  custom_data: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  notice_url: v1NoticeUrls.optional(),
  ...v1Buyer,
};

const onetimeBody = z.object({
  ...charge,
  ...card,
  customer_uid: id.optional(),
  customer_id: v1Text(100).optional(),
  pg: v1Text(100).optional(),
  channel_key: v1Text(200).optional(),
});

const againBody = z.object({ ...charge, customer_uid: id, name: v1Text(200) });

const customerBody = z.object({
  ...card,
  pg: v1Text(100).optional(),
  channel_key: v1Text(200).optional(),
  customer_id: v1Text(100).optional(),
  customer_name: v1Text(100).optional(),
  customer_tel: v1Text(40).optional(),
  customer_email: v1Text(200).optional(),
  customer_addr: v1Text(300).optional(),
  customer_postcode: v1Text(20).optional(),
});

const scheduleBody = z.object({
  customer_uid: id,
  schedules: z
    .array(
      z.object({
        merchant_uid: id,
        schedule_at: v1UnixSeconds,
        amount: v1Won,
        tax_free: v1Won.optional(),
        name: v1Text(200).optional(),
        custom_data: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
        notice_url: v1Url().optional(),
        ...v1Buyer,
      }),
    )
    .min(1, 'at least one schedule')
    .max(100),
});

function v1Url() {
  return z.string().url('must be a URL').max(500);
}

const unscheduleBody = z.object({
  customer_uid: id,
  merchant_uid: z.union([id.transform((v) => [v]), z.array(id).max(100)]).optional(),
});

const customData = (v: string | Record<string, unknown> | undefined) => (v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

function chargeOf(body: z.infer<z.ZodObject<typeof charge>>, fallbackName: string) {
  const data = customData(body.custom_data);
  return {
    merchantUid: body.merchant_uid,
    amount: body.amount,
    taxFree: body.tax_free ?? 0n,
    name: body.name || fallbackName,
    buyer: buyerOf(body),
    ...(body.card_quota !== undefined ? { cardQuota: body.card_quota } : {}),
    ...(data !== undefined ? { customData: data } : {}),
    ...(body.notice_url ? { noticeUrls: body.notice_url } : {}),
  };
}

/** API 수기/정기결제: onetime, again, customers (billing keys), schedules. */
export const v1SubscribeRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/subscribe/payments/onetime', async (request, reply) => {
    const body = parseV1(onetimeBody, request.body);
    const view = await payOnetime(deps, v1PrincipalOf(request), {
      ...chargeOf(body, '수기결제'),
      card: cardOf(body),
      ...(body.channel_key ? { channelKey: body.channel_key } : {}),
      ...(body.pg ? { pg: body.pg } : {}),
      ...(body.customer_uid ? { customerUid: body.customer_uid } : {}),
      ...(body.customer_id ? { customerId: body.customer_id } : {}),
    });
    return sendV1(reply, 200, 0, null, renderV1Payment(view));
  });

  app.post('/subscribe/payments/again', async (request, reply) => {
    const body = parseV1(againBody, request.body);
    const view = await payAgain(deps, v1PrincipalOf(request), { ...chargeOf(body, body.name), customerUid: body.customer_uid });
    return sendV1(reply, 200, 0, null, renderV1Payment(view));
  });

  app.post('/subscribe/payments/schedule', async (request, reply) => {
    const body = parseV1(scheduleBody, request.body);
    const views = await scheduleV1(
      deps,
      v1PrincipalOf(request),
      body.customer_uid,
      body.schedules.map((s) => {
        const customer = customerOfBuyer(buyerOf(s));
        const data = customData(s.custom_data);
        return {
          merchantUid: s.merchant_uid,
          scheduleAt: s.schedule_at,
          amount: s.amount,
          taxFree: s.tax_free ?? 0n,
          name: s.name || '정기결제',
          ...(customer ? { customer } : {}),
          ...(data !== undefined ? { customData: data } : {}),
          ...(s.notice_url ? { noticeUrl: s.notice_url } : {}),
        };
      }),
    );
    return sendV1(reply, 200, 0, null, views.map(renderV1Schedule));
  });

  app.post('/subscribe/payments/unschedule', async (request, reply) => {
    const body = parseV1(unscheduleBody, request.body);
    const views = await unscheduleV1(deps, v1PrincipalOf(request), body.customer_uid, body.merchant_uid);
    return sendV1(reply, 200, 0, null, views.map(renderV1Schedule));
  });

  app.get('/subscribe/customers/:customer_uid', async (request, reply) => {
    const { customer_uid } = parseV1(z.object({ customer_uid: id }), request.params, 'params');
    return sendV1(reply, 200, 0, null, renderV1Customer(await getCustomer(deps, v1PrincipalOf(request), customer_uid)));
  });

  app.post('/subscribe/customers/:customer_uid', async (request, reply) => {
    const { customer_uid } = parseV1(z.object({ customer_uid: id }), request.params, 'params');
    const body = parseV1(customerBody, request.body);
    const principal = v1PrincipalOf(request);
    const channelKey = await channelKeyOfV1(deps, principal, { channelKey: body.channel_key, pg: body.pg }, 'billing');
    const customer: Record<string, string> = {};
    if (body.customer_id) customer.id = body.customer_id;
    if (body.customer_name) customer.name = body.customer_name;
    if (body.customer_email) customer.email = body.customer_email;
    if (body.customer_tel) customer.phoneNumber = body.customer_tel;
    if (body.customer_addr) customer.address = body.customer_addr;
    if (body.customer_postcode) customer.zipcode = body.customer_postcode;
    const view = await registerCustomer(deps, principal, {
      customerUid: customer_uid,
      card: cardOf(body),
      ...(channelKey ? { channelKey } : {}),
      ...(Object.keys(customer).length ? { customer } : {}),
    });
    return sendV1(reply, 200, 0, null, renderV1Customer(view));
  });

  app.delete('/subscribe/customers/:customer_uid', async (request, reply) => {
    const { customer_uid } = parseV1(z.object({ customer_uid: id }), request.params, 'params');
    return sendV1(reply, 200, 0, null, renderV1Customer(await deleteCustomer(deps, v1PrincipalOf(request), customer_uid)));
  });
};
