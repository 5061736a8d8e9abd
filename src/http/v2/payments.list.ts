import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { findPayments } from '../../services/payments/queries.ts';
import { listChannels } from '../../store/repositories/channels.ts';
import { principalOf } from './index.ts';
import { renderPayment } from './render.ts';
import { requestBodyQuery } from './schemas.ts';

const statusFilter = z.enum(['READY', 'PENDING', 'PAY_PENDING', 'VIRTUAL_ACCOUNT_ISSUED', 'PAID', 'FAILED', 'PARTIAL_CANCELLED', 'CANCELLED']);

/** PortOne's `PgProvider` enum (V2 OpenAPI): a value outside it is a bad request, one paymux has no channel of matches nothing. */
const pgProvider = z.enum([
  'HTML5_INICIS', 'PAYPAL', 'PAYPAL_V2', 'INICIS', 'DANAL', 'NICE', 'DANAL_TPAY', 'JTNET', 'UPLUS', 'NAVERPAY', 'KAKAO', 'SETTLE', 'KCP',
  'MOBILIANS', 'KAKAOPAY', 'NAVERCO', 'SYRUP', 'KICC', 'EXIMBAY', 'SMILEPAY', 'PAYCO', 'KCP_BILLING', 'ALIPAY', 'PAYPLE', 'CHAI', 'BLUEWALNUT',
  'SMARTRO', 'SMARTRO_V2', 'PAYMENTWALL', 'TOSSPAYMENTS', 'KCP_QUICK', 'DAOU', 'GALAXIA', 'TOSSPAY', 'KCP_DIRECT', 'SETTLE_ACC', 'SETTLE_FIRM',
  'INICIS_UNIFIED', 'KSNET', 'PINPAY', 'NICE_V2', 'TOSS_BRANDPAY', 'WELCOME', 'TOSSPAY_V2', 'INICIS_V2', 'KPN', 'KCP_V2', 'HYPHEN', 'EXIMBAY_V2',
  'INICIS_JP', 'PAYLETTER_GLOBAL', 'MOBILIANS_V2', 'TRIPLE_A', 'KICC_V2', 'INNOPAY', 'HECTO_GLOBAL',
]);

/** PortOne's `PaymentTextSearchField` enum (통합검색); see `searchableTextFields` for what paymux can match. */
const textSearchField = z.enum([
  'ALL', 'PAYMENT_ID', 'TX_ID', 'SCHEDULE_ID', 'FAIL_REASON', 'CARD_ISSUER', 'CARD_ACQUIRER', 'CARD_BIN', 'CARD_NUMBER', 'CARD_APPROVAL_NUMBER',
  'CARD_RECEIPT_NAME', 'CARD_INSTALLMENT', 'TRANS_BANK', 'VIRTUAL_ACCOUNT_HOLDER_NAME', 'VIRTUAL_ACCOUNT_BANK', 'VIRTUAL_ACCOUNT_NUMBER',
  'PG_MERCHANT_ID', 'PG_TX_ID', 'PG_RECEIPT_ID', 'RECEIPT_APPROVAL_NUMBER', 'PG_CANCELLATION_ID', 'CANCEL_REASON', 'ORDER_NAME', 'CUSTOMER_NAME',
  'CUSTOMER_EMAIL', 'CUSTOMER_PHONE_NUMBER', 'CUSTOMER_ADDRESS', 'CUSTOMER_ZIPCODE', 'USER_AGENT', 'BILLING_KEY', 'PROMOTION_ID',
  'GIFT_CERTIFICATION_APPROVAL_NUMBER',
]);

/** PortOne: when `from` is absent it is 90 days before `until`; `until` defaults to now. */
const DEFAULT_RANGE_MS = 90 * 24 * 3600_000;

const body = z.object({
  page: z.object({ number: z.number().int().min(0).default(0), size: z.number().int().min(1).max(1000).default(10) }).optional(),
  filter: z
    .object({
      storeId: z.string().optional(),
      timestampType: z.enum(['CREATED_AT', 'STATUS_CHANGED_AT']).optional(),
      from: z.iso.datetime({ offset: true }).optional(),
      until: z.iso.datetime({ offset: true }).optional(),
      status: z.array(statusFilter).optional(),
      methods: z.array(z.string()).optional(),
      pgProvider: z.array(pgProvider).optional(),
      isTest: z.boolean().optional(),
      isScheduled: z.boolean().optional(),
      sortBy: z.enum(['REQUESTED_AT', 'STATUS_CHANGED_AT']).optional(),
      sortOrder: z.enum(['DESC', 'ASC']).optional(),
      textSearch: z.array(z.object({ field: textSearchField, value: z.string().max(1000) })).max(20).optional(),
      /** paymux extension: only these channels (keys). */
      channelKeys: z.array(z.string()).optional(),
    })
    .optional(),
});

/**
 * `GET /payments?requestBody={page, filter}`: a page of the store's payments, newest first, by
 * PortOne's `PaymentFilterInput` (range by `timestampType`, default STATUS_CHANGED_AT, over the last
 * 90 days unless `from` says otherwise; status, methods, pgProvider, isTest, isScheduled, 통합검색
 * `textSearch`, `sortBy`/`sortOrder`; paymux's `channelKeys`). `page.size` echoes the request.
 */
export const paymentsList: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get('/payments', { schema: { querystring: requestBodyQuery(body) } }, async (request) => {
    const principal = principalOf(request);
    const input = request.query.requestBody ?? {};
    const filter = input.filter ?? {};
    const methods = filter.methods?.flatMap((m) => (m === 'CARD' ? ['CARD' as const] : m === 'VIRTUAL_ACCOUNT' ? ['VIRTUAL_ACCOUNT' as const] : []));
    const channelIds = filter.channelKeys
      ? (await listChannels(deps.db, principal.storeId)).filter((c) => filter.channelKeys!.includes(c.key)).map((c) => c.id)
      : undefined;
    const until = filter.until ? new Date(filter.until) : undefined;
    const from = filter.from ? new Date(filter.from) : new Date((until ?? deps.clock.now()).getTime() - DEFAULT_RANGE_MS);
    const result = await findPayments(deps, principal, {
      page: { number: input.page?.number ?? 0, size: input.page?.size ?? 10 },
      timestampType: filter.timestampType ?? 'STATUS_CHANGED_AT',
      sortOrder: filter.sortOrder ?? 'DESC',
      ...(filter.sortBy ? { sortBy: filter.sortBy } : {}),
      ...(filter.status ? { statuses: filter.status.map((s) => (s === 'PENDING' ? 'PAY_PENDING' : s)) } : {}),
      from,
      ...(until ? { until } : {}),
      ...(filter.isTest !== undefined ? { isTest: filter.isTest } : {}),
      ...(filter.isScheduled !== undefined ? { isScheduled: filter.isScheduled } : {}),
      ...(filter.pgProvider ? { pgProviders: filter.pgProvider } : {}),
      ...(filter.textSearch ? { textSearch: filter.textSearch } : {}),
      ...(methods ? { methods } : {}),
      ...(channelIds ? { channelIds } : {}),
    });
    return { items: result.items.map(renderPayment), page: result.page };
  });
};
