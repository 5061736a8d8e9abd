import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Secret } from '../../domain/secret.ts';
import type { Deps } from '../../services/deps.ts';
import { paymentError } from '../../services/errors.ts';
import { deleteBillingKey, getBillingKey, issueBillingKey, type BillingKeyView } from '../../services/payments/billingKeys.ts';
import { principalOf } from './index.ts';
import { cardCredentialInput, customerInput, customerOf, noticeUrlsInput } from './paymentSchemas.ts';
import { renderChannel } from './render.ts';
import { optionalBody } from './schemas.ts';

const issueBody = z.object({
  channelKey: z.string().optional(),
  method: z.object({ card: z.object({ credential: cardCredentialInput }) }),
  customer: customerInput,
  customData: z.string().max(4000).optional(),
  noticeUrls: noticeUrlsInput,
});

const params = z.object({ billingKey: z.string().min(1).max(200) });

function renderBillingKeyInfo(view: BillingKeyView, merchantId: string) {
  const { row, channel } = view;
  const card = row.card ?? {};
  return {
    status: row.status,
    billingKey: row.id,
    merchantId,
    storeId: row.storeId,
    methods: [
      {
        type: 'BillingKeyPaymentMethodCard',
        card: { ...(card.issuerCode ? { publisher: card.issuerCode, issuer: card.issuerCode } : {}), ...(card.issuerName ? { name: card.issuerName } : {}), ...(card.maskedNumber ? { number: card.maskedNumber } : {}) },
      },
    ],
    channels: [renderChannel(channel)],
    customer: row.customer ?? {},
    ...(row.customData !== null ? { customData: row.customData } : {}),
    issuedAt: row.issuedAt.toISOString(),
    requestedAt: row.issuedAt.toISOString(),
    ...(row.deletedAt ? { deletedAt: row.deletedAt.toISOString() } : {}),
  };
}

/** `POST /billing-keys`, `GET /billing-keys/{billingKey}`, `DELETE /billing-keys/{billingKey}`. */
export const billingKeyRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/billing-keys', { schema: { body: optionalBody(issueBody) } }, async (request) => {
    const input = request.body;
    if (!input) throw paymentError('INVALID_REQUEST', { ko: '요청 본문이 없습니다.', en: 'The request body is missing.' }, {}, 'body');
    const credential = input.method.card.credential;
    const view = await issueBillingKey(deps, principalOf(request), {
      ...(input.channelKey !== undefined ? { channelKey: input.channelKey } : {}),
      card: new Secret({
        number: credential.number,
        expiry: { year: Number(credential.expiryYear), month: Number(credential.expiryMonth) },
        ...(credential.passwordTwoDigits ? { passwordTwoDigits: credential.passwordTwoDigits } : {}),
        ...(credential.birthOrBusinessRegistrationNumber ? { birthOrBusinessNumber: credential.birthOrBusinessRegistrationNumber } : {}),
      }),
      ...(input.customer ? { customer: customerOf(input.customer)! } : {}),
      ...(input.customData !== undefined ? { customData: input.customData } : {}),
      ...(input.noticeUrls ? { noticeUrls: input.noticeUrls } : {}),
    });
    return { billingKeyInfo: { billingKey: view.row.id, channels: [renderChannel(view.channel)], issuedAt: view.row.issuedAt.toISOString() } };
  });
  app.get('/billing-keys/:billingKey', { schema: { params, querystring: z.object({ storeId: z.string().optional() }) } }, async (request) => {
    const principal = principalOf(request);
    return renderBillingKeyInfo(await getBillingKey(deps, principal, request.params.billingKey), principal.merchantId);
  });
  app.delete('/billing-keys/:billingKey', { schema: { params, querystring: z.object({ storeId: z.string().optional() }) } }, async (request) => ({
    deletedAt: (await deleteBillingKey(deps, principalOf(request), request.params.billingKey)).toISOString(),
  }));
};
