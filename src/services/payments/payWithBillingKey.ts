import type { PaymentRow } from '../../store/repositories/payments.ts';
import type { Deps } from '../deps.ts';
import { paymentError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { billingKeyAlreadyDeleted, getBillingKey, openPgBillingKey } from './billingKeys.ts';
import { runCharge } from './charge.ts';
import { settlePaid } from './settle.ts';

export interface BillingKeyPaymentInput {
  paymentId: string;
  billingKey: string;
  channelKey?: string;
  orderName: string;
  totalAmount: bigint;
  taxFreeAmount: bigint;
  currency: string;
  installmentMonth?: number;
  customer?: Record<string, string>;
  customData?: string;
  noticeUrls?: string[];
  scheduleId?: string;
}

/** Recurring payment with a billing key (정기결제), on the channel that issued the key. */
export async function payWithBillingKey(deps: Deps, principal: ApiPrincipal, input: BillingKeyPaymentInput): Promise<PaymentRow> {
  const { row, channel } = await getBillingKey(deps, principal, input.billingKey);
  if (row.status === 'DELETED') throw billingKeyAlreadyDeleted();
  if (input.channelKey !== undefined && input.channelKey !== channel.key) {
    throw paymentError(
      'INVALID_REQUEST',
      { ko: '빌링키를 발급한 채널이 아닙니다.', en: 'The billing key was issued on another channel.' },
      {},
      'channelKey',
    );
  }
  return runCharge(
    deps,
    { ...input, storeId: principal.storeId, channel, method: 'CARD' },
    'payWithBillingKey',
    ({ connector, credentials }, requestId) =>
      connector.payWithBillingKey(credentials, {
        requestId,
        billingKey: openPgBillingKey(deps, row),
        amount: input.totalAmount,
        orderName: input.orderName,
        ...(input.taxFreeAmount > 0n ? { taxFreeAmount: input.taxFreeAmount } : {}),
        // Cancel notices (including the testbed's nightly auto-cancel) come back here.
        notificationUrl: deps.pg.notificationUrl(channel.pgProvider, deps.config.publicUrl),
        installmentMonths: input.installmentMonth ?? 0,
        ...(input.customer ? { customer: { id: input.customer.id, name: input.customer.name } } : {}),
      }),
    (tx, payment, approval, at) => settlePaid(tx, payment, { ...approval, card: { ...(row.card ?? {}), ...approval.card } }, at),
  );
}
