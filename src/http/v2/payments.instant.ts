import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { banks } from '../../domain/banks.ts';
import { Secret } from '../../domain/secret.ts';
import type { Deps } from '../../services/deps.ts';
import { paymentError } from '../../services/errors.ts';
import { approveKeyIn } from '../../services/payments/approveKeyIn.ts';
import { issueVirtualAccount } from '../../services/payments/issueVirtualAccount.ts';
import { principalOf } from './index.ts';
import { cardCredentialInput, currencyInput, customerInput, customerOf, noticeUrlsInput, paymentIdParams, wonInput } from './paymentSchemas.ts';
import { optionalBody } from './schemas.ts';

const body = z.object({
  channelKey: z.string().optional(),
  method: z.union([
    z.object({ card: z.object({ credential: cardCredentialInput, installmentMonth: z.number().int().min(0).max(36).optional() }) }),
    z.object({
      virtualAccount: z.object({
        bank: z.enum(banks),
        expiry: z.object({ validHours: z.number().int().min(1).max(24 * 90).optional(), dueDate: z.iso.datetime({ offset: true }).optional() }),
        option: z.object({ type: z.enum(['NORMAL', 'FIXED']), fixed: z.object({ accountNumber: z.string().optional() }).optional() }),
        remitteeName: z.string().max(100).optional(),
      }),
    }),
  ]),
  orderName: z.string().min(1).max(200),
  amount: z.object({ total: wonInput, taxFree: wonInput.optional() }),
  currency: currencyInput,
  customer: customerInput,
  customData: z.string().max(4000).optional(),
  noticeUrls: noticeUrlsInput,
});

/** `POST /payments/{paymentId}/instant`: keyed-in card (API 수기결제) or a virtual account. */
export const paymentsInstant: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post('/payments/:paymentId/instant', { schema: { params: paymentIdParams, body: optionalBody(body) } }, async (request) => {
    const input = request.body;
    if (!input) throw paymentError('INVALID_REQUEST', { ko: '요청 본문이 없습니다.', en: 'The request body is missing.' }, {}, 'body');
    const taxFree = BigInt(input.amount.taxFree ?? 0);
    if (taxFree > BigInt(input.amount.total)) {
      throw paymentError('INVALID_REQUEST', { ko: '면세 금액이 총 금액보다 큽니다.', en: 'amount.taxFree exceeds amount.total.' }, {}, 'amount.taxFree');
    }
    const common = {
      paymentId: request.params.paymentId,
      ...(input.channelKey !== undefined ? { channelKey: input.channelKey } : {}),
      orderName: input.orderName,
      totalAmount: BigInt(input.amount.total),
      taxFreeAmount: taxFree,
      currency: input.currency,
      ...(input.customer ? { customer: customerOf(input.customer)! } : {}),
      ...(input.customData !== undefined ? { customData: input.customData } : {}),
      ...(input.noticeUrls ? { noticeUrls: input.noticeUrls } : {}),
    };
    if ('card' in input.method) {
      const { credential, installmentMonth } = input.method.card;
      const payment = await approveKeyIn(deps, principalOf(request), {
        ...common,
        card: new Secret({
          number: credential.number,
          expiry: { year: Number(credential.expiryYear), month: Number(credential.expiryMonth) },
          ...(credential.passwordTwoDigits ? { passwordTwoDigits: credential.passwordTwoDigits } : {}),
          ...(credential.birthOrBusinessRegistrationNumber ? { birthOrBusinessNumber: credential.birthOrBusinessRegistrationNumber } : {}),
        }),
        ...(installmentMonth !== undefined ? { installmentMonth } : {}),
      });
      return { payment: { pgTxId: payment.pgTxId ?? '', paidAt: (payment.paidAt ?? payment.updatedAt).toISOString() } };
    }
    const va = input.method.virtualAccount;
    const now = deps.clock.now();
    const dueAt = va.expiry.dueDate ? new Date(va.expiry.dueDate) : new Date(now.getTime() + (va.expiry.validHours ?? 72) * 3600_000);
    const payment = await issueVirtualAccount(deps, principalOf(request), {
      ...common,
      bank: va.bank,
      dueAt,
      accountType: va.option.type,
      ...(va.option.fixed?.accountNumber ? { fixedAccountNumber: va.option.fixed.accountNumber } : {}),
      ...(va.remitteeName ? { remitteeName: va.remitteeName } : {}),
    });
    return { payment: { pgTxId: payment.pgTxId ?? '', paidAt: payment.updatedAt.toISOString() } };
  });
};
