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
