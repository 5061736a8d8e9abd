import { BANK_CODES, type Bank } from '../../domain/banks.ts';
import { findPayment, updatePaymentIf, type PaymentRow } from '../../store/repositories/payments.ts';
import type { Deps } from '../deps.ts';
import { paymentError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { connect } from './channels.ts';
import { paymentNotFound, pgDeclined, pgPending } from './errors.ts';

export interface ChangeVirtualAccountInput {
  paymentId: string;
  /** The new amount to deposit; unchanged when absent. */
  totalAmount?: bigint;
  /** The new deposit deadline; unchanged when absent. */
  dueAt?: Date;
}

interface AccountDetail {
  bank?: string;
  accountNumber?: string;
  accountType?: 'NORMAL' | 'FIXED';
  expiredAt?: string;
}

/**
 * Changes an issued virtual account's amount or deadline at the PG, then (only on its yes) the
 * payment. Nothing is reserved: the account waits for a deposit either way, and a deposit that
 * comes first makes the PG refuse.
 */
export async function changeVirtualAccount(deps: Deps, principal: ApiPrincipal, input: ChangeVirtualAccountInput): Promise<PaymentRow> {
  const found = await findPayment(deps.db, principal.storeId, input.paymentId);
  if (!found) throw paymentNotFound(input.paymentId);
  const { payment, channel } = found;
  const account = payment.methodDetail?.virtualAccount as AccountDetail | undefined;
  if (payment.status !== 'VIRTUAL_ACCOUNT_ISSUED' || !channel || !account?.accountNumber) {
    throw paymentError('PAYMENT_NOT_WAITING_FOR_DEPOSIT', { ko: '입금 대기 중인 가상계좌가 아닙니다.', en: 'The payment is not waiting for a deposit.' });
  }
  const amount = input.totalAmount ?? payment.totalAmount;
  const dueAt = input.dueAt ?? (account.expiredAt ? new Date(account.expiredAt) : undefined);
  if (!dueAt) throw paymentError('INVALID_REQUEST', { ko: '입금 기한이 필요합니다.', en: 'A deposit deadline is needed.' }, {}, 'dueAt');
  const bankCode = account.bank && account.bank in BANK_CODES ? BANK_CODES[account.bank as Bank] : (account.bank ?? '');
  const { connector, credentials } = connect(deps, channel);
  const result = await connector.changeVirtualAccount(credentials, {
    bankCode,
    accountNumber: account.accountNumber,
    accountType: account.accountType === 'FIXED' ? 'FIXED' : 'DYNAMIC',
    amount,
    dueAt,
  });
  if (result.outcome === 'declined') throw pgDeclined(result);
  if (result.outcome === 'unknown') throw pgPending(result);
  const at = deps.clock.now();
  const methodDetail = { ...payment.methodDetail, virtualAccount: { ...account, expiredAt: (result.dueAt ?? dueAt).toISOString() } };
  const updated = await updatePaymentIf(
    deps.db,
    payment.id,
    { from: ['VIRTUAL_ACCOUNT_ISSUED'] },
    { totalAmount: amount, methodDetail, updatedAt: at },
  );
  if (!updated) throw paymentError('PAYMENT_NOT_WAITING_FOR_DEPOSIT', { ko: '입금 대기 중인 가상계좌가 아닙니다.', en: 'The payment is not waiting for a deposit.' });
  return updated;
}
