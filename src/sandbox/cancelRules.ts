import { formatCancelRound } from '../pg/hecto/codec/index.ts';
import type { LedgerTransaction, TransactionMethod } from './ledger.ts';

/**
 * Cancel/refund rules, checked in this order: the payment exists, belongs to the MID and is of the
 * method (ST06); the round repeats an earlier cancel (ST25); nothing is left (CA12); the round is
 * not the next one (ST56); the amount exceeds the remaining balance (ST57).
 */
export function cancelRejection(
  transaction: LedgerTransaction | undefined,
  mchtId: string,
  methods: readonly TransactionMethod[],
  cnclOrd: string,
  amount: number,
): string | undefined {
  if (!transaction || transaction.mchtId !== mchtId || !methods.includes(transaction.method)) return 'ST06';
  if (!cancellableStatus(transaction)) return 'ST06';
  if (!/^\d{3}$/.test(cnclOrd)) return 'ST56';
  const round = Number(cnclOrd);
  if (round >= 1 && round <= transaction.cancels.length) return 'ST25';
  if (transaction.cancelledAmount >= transaction.amount) return 'CA12';
  if (cnclOrd !== formatCancelRound(transaction.cancels.length + 1)) return 'ST56';
  if (amount <= 0) return '6001';
  if (amount > transaction.amount - transaction.cancelledAmount) return 'ST57';
  return undefined;
}

/**
 * The tax-free part of a cancel (`taxFreeAmt`), checked against the payment's tax-free balance:
 * it must fit in the cancel and in the tax-free part left, and leave a taxable part the taxable
 * balance covers. Anything else is refused as an over-cancel (ST57; Hecto publishes no code of its
 * own for this). Undefined `taxFreeAmt`: the ledger's default applies (see `Ledger.applyCancel`).
 */
export function taxFreeCancelRejection(transaction: LedgerTransaction, amount: number, taxFreeAmount: number | undefined): string | undefined {
  if (taxFreeAmount === undefined) return undefined;
  const remaining = transaction.amount - transaction.cancelledAmount;
  const taxFreeLeft = (transaction.taxFreeAmount ?? 0) - (transaction.cancelledTaxFreeAmount ?? 0);
  if (taxFreeAmount > amount || taxFreeAmount > taxFreeLeft) return 'ST57';
  if (amount - taxFreeAmount > remaining - taxFreeLeft) return 'ST57';
  return undefined;
}

function cancellableStatus(transaction: LedgerTransaction): boolean {
  switch (transaction.status) {
    case 'APPROVED':
    case 'PARTIAL_CANCELLED':
    case 'CANCELLED':
    case 'VA_DEPOSITED':
    case 'VA_PARTIAL_REFUNDED':
    case 'VA_REFUNDED':
      return true;
    default:
      return false;
  }
}
