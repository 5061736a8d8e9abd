import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Secret } from '../../domain/secret.ts';
import type { Deps } from '../../services/deps.ts';
import { paymentError } from '../../services/errors.ts';
import { deleteBillingKey, findBillingKeys, getBillingKey, issueBillingKey, type BillingKeyTextField, type BillingKeyView } from '../../services/payments/billingKeys.ts';
import { principalOf } from './index.ts';
import { cardCredentialInput, customerInput, customerOf, noticeUrlsInput } from './paymentSchemas.ts';
import { renderChannel } from './render.ts';
import { optionalBody, requestBodyQuery } from './schemas.ts';

const issueBody = z.object({
  channelKey: z.string().optional(),
  method: z.object({ card: z.object({ credential: cardCredentialInput }) }),
  customer: customerInput,
  customData: z.string().max(4000).optional(),
  noticeUrls: noticeUrlsInput,
});

const params = z.object({ billingKey: z.string().min(1).max(200) });

const billingKeyTime = z.enum(['REQUESTED_AT', 'ISSUED_AT', 'DELETED_AT', 'STATUS_TIMESTAMP']);

/** PortOne's GetBillingKeyInfosBody. */
const listBody = z.object({
  page: z.object({ number: z.number().int().min(0).max(1_000_000).optional(), size: z.number().int().min(1).max(1000).optional() }).optional(),
  sort: z.object({ by: billingKeyTime.optional(), order: z.enum(['DESC', 'ASC']).optional() }).optional(),
  filter: z
    .object({
      storeId: z.string().optional(),
      timeRangeField: billingKeyTime.optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
      status: z.array(z.enum(['ISSUED', 'DELETED'])).optional(),
      channelGroupIds: z.array(z.string()).optional(),
      customerId: z.string().optional(),
      platformType: z.string().optional(),
      textSearch: z
        .object({
          field: z.enum(['CARD_BIN', 'CARD_NUMBER', 'PG_MERCHANT_ID', 'CUSTOMER_NAME', 'CUSTOMER_EMAIL', 'CUSTOMER_PHONE_NUMBER', 'CUSTOMER_ADDRESS', 'CUSTOMER_ZIPCODE', 'USER_AGENT', 'BILLING_KEY', 'CHANNEL_GROUP_NAME']),
          value: z.string().max(200),
        })
        .optional(),
      pgProviders: z.array(z.string()).optional(),
      pgCompanies: z.array(z.string()).optional(),
      methods: z.array(z.string()).optional(),
      version: z.enum(['V1', 'V2']).optional(),
    })
    .optional(),
});

/**
 * Filters paymux cannot match by construction: it has no channel groups, keeps no customer
 * address, zip code or user agent, issues only card keys, and only through the V2 API.
 */
function matchesNothing(filter: z.infer<typeof listBody>['filter']): boolean {
  if (!filter) return false;
  if (filter.channelGroupIds?.length) return true;
  if (filter.methods && !filter.methods.includes('CARD')) return true;
  if (filter.version === 'V1') return true;
  return filter.textSearch !== undefined && !isSearchable(filter.textSearch.field);
}

const searchableFields = new Set<string>(['BILLING_KEY', 'PG_MERCHANT_ID', 'CUSTOMER_NAME', 'CUSTOMER_EMAIL', 'CUSTOMER_PHONE_NUMBER', 'CARD_BIN', 'CARD_NUMBER'] satisfies BillingKeyTextField[]);
const isSearchable = (field: string): field is BillingKeyTextField => searchableFields.has(field);

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

/** `POST /billing-keys`, `GET /billing-keys`, `GET /billing-keys/{billingKey}`, `DELETE /billing-keys/{billingKey}`. */
export const billingKeyRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/billing-keys', { schema: { querystring: requestBodyQuery(listBody) } }, async (request) => {
    const principal = principalOf(request);
    const input = request.query.requestBody ?? {};
    const page = { number: input.page?.number ?? 0, size: input.page?.size ?? 10 };
    const filter = input.filter;
    if (matchesNothing(filter)) return { items: [], page: { number: page.number, size: 0, totalCount: 0 } };
    const textSearch = filter?.textSearch;
    const providers = filter?.pgProviders || filter?.pgCompanies ? [...(filter.pgProviders ?? []), ...(filter.pgCompanies ?? [])] : undefined;
    const result = await findBillingKeys(deps, principal, {
      page,
      timeField: filter?.timeRangeField ?? 'REQUESTED_AT',
      sortBy: input.sort?.by ?? 'REQUESTED_AT',
      sortOrder: input.sort?.order ?? 'DESC',
      ...(filter?.status ? { statuses: filter.status } : {}),
      ...(filter?.from ? { from: new Date(filter.from) } : {}),
      ...(filter?.until ? { until: new Date(filter.until) } : {}),
      ...(filter?.customerId !== undefined ? { customerId: filter.customerId } : {}),
      ...(providers ? { pgProviders: providers } : {}),
      ...(textSearch && isSearchable(textSearch.field) ? { textSearch: { field: textSearch.field, value: textSearch.value } } : {}),
    });
    return { items: result.items.map((view) => renderBillingKeyInfo(view, principal.merchantId)), page: result.page };
  });
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
