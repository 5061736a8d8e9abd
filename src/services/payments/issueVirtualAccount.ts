import { BANK_CODES, type Bank } from '../../domain/banks.ts';
import type { PaymentRow } from '../../store/repositories/payments.ts';
import type { Deps } from '../deps.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { chooseChannel } from './channels.ts';
import { runCharge } from './charge.ts';
import { settleVirtualAccountIssued } from './settle.ts';

export interface VirtualAccountInput {
  paymentId: string;
  channelKey?: string;
  bank: Bank;
  /** Deposit deadline. */
  dueAt: Date;
  accountType: 'NORMAL' | 'FIXED';
  fixedAccountNumber?: string;
  remitteeName?: string;
  orderName: string;
  totalAmount: bigint;
  taxFreeAmount: bigint;
  currency: string;
  customer?: Record<string, string>;
  customData?: string;
  noticeUrls?: string[];
}

/** Instant virtual account (가상계좌 발급): the deposit notice later makes it PAID. */
export async function issueVirtualAccount(deps: Deps, principal: ApiPrincipal, input: VirtualAccountInput): Promise<PaymentRow> {
  const channel = await chooseChannel(deps, principal.storeId, input.channelKey, 'virtualAccount');
  return runCharge(
    deps,
    { ...input, storeId: principal.storeId, channel, method: 'VIRTUAL_ACCOUNT' },
    'issueVirtualAccount',
    ({ connector, credentials }, requestId) =>
      connector.issueVirtualAccount(credentials, {
        requestId,
        amount: input.totalAmount,
        bankCode: BANK_CODES[input.bank],
        orderName: input.orderName,
        sellerName: input.remitteeName ?? channel.name,
        accountType: input.accountType === 'FIXED' ? 'FIXED' : 'DYNAMIC',
        ...(input.fixedAccountNumber ? { fixedAccountNumber: input.fixedAccountNumber } : {}),
        dueAt: input.dueAt,
        notificationUrl: deps.pg.notificationUrl(channel.pgProvider, deps.config.publicUrl),
        ...(input.customer ? { customer: { id: input.customer.id, name: input.customer.name } } : {}),
      }),
    (tx, payment, issued, at) =>
      settleVirtualAccountIssued(tx, payment, issued, { accountType: input.accountType, ...(input.remitteeName ? { remitteeName: input.remitteeName } : {}) }, at),
  );
}
