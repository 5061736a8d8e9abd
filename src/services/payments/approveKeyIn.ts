import { Secret } from '../../domain/secret.ts';
import type { KeyedCard } from '../../pg/contract.ts';
import type { PaymentRow } from '../../store/repositories/payments.ts';
import type { Deps } from '../deps.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { chooseChannel } from './channels.ts';
import { runCharge } from './charge.ts';
import { settlePaid } from './settle.ts';

export interface KeyInPaymentInput {
  paymentId: string;
  channelKey?: string;
  /** Card data: only in memory, only for the PG call. */
  card: Secret<KeyedCard>;
  installmentMonth?: number;
  orderName: string;
  totalAmount: bigint;
  taxFreeAmount: bigint;
  currency: string;
  customer?: Record<string, string>;
  customData?: string;
  noticeUrls?: string[];
}

/** API keyed-in card payment (API 수기결제): validate → claim → PG → settle. */
export async function approveKeyIn(deps: Deps, principal: ApiPrincipal, input: KeyInPaymentInput): Promise<PaymentRow> {
  const channel = await chooseChannel(deps, principal.storeId, input.channelKey, 'keyIn');
  return runCharge(
    deps,
    { ...input, storeId: principal.storeId, channel, method: 'CARD' },
    'approveKeyIn',
    ({ connector, credentials }, requestId) =>
      connector.approveKeyIn(credentials, {
        requestId,
        card: input.card,
        amount: input.totalAmount,
        orderName: input.orderName,
        ...(input.taxFreeAmount > 0n ? { taxFreeAmount: input.taxFreeAmount } : {}),
        // Cancel notices (including the testbed's nightly auto-cancel) come back here.
        notificationUrl: deps.pg.notificationUrl(channel.pgProvider, deps.config.publicUrl),
        installmentMonths: input.installmentMonth ?? 0,
        ...(input.customer ? { customer: { id: input.customer.id, name: input.customer.name, email: input.customer.email } } : {}),
      }),
    (tx, payment, approval, at) => settlePaid(tx, payment, approval, at),
  );
}
