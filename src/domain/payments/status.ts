/**
 * The payment state machine. Every status change goes through `transition`; an illegal one is an
 * error (a bug or a race lost), never silently applied.
 */
export const paymentStatuses = [
  'READY',
  'PAY_PENDING',
  'VIRTUAL_ACCOUNT_ISSUED',
  'PAID',
  'FAILED',
  'PARTIAL_CANCELLED',
  'CANCELLED',
] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

const allowed: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  // A pre-registered payment is claimed for a PG call.
  READY: ['PAY_PENDING'],
  // The PG call (or its inquiry) settles it; a VA is issued; a failed inquiry-later cancel ends it.
  PAY_PENDING: ['PAID', 'FAILED', 'VIRTUAL_ACCOUNT_ISSUED', 'CANCELLED', 'PARTIAL_CANCELLED'],
  VIRTUAL_ACCOUNT_ISSUED: ['PAID', 'CANCELLED', 'FAILED'],
  PAID: ['PARTIAL_CANCELLED', 'CANCELLED'],
  PARTIAL_CANCELLED: ['PARTIAL_CANCELLED', 'CANCELLED'],
  // PortOne lets a merchant retry a failed payment id.
  FAILED: ['PAY_PENDING'],
  CANCELLED: [],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: PaymentStatus,
    readonly to: PaymentStatus,
  ) {
    super(`illegal payment transition ${from} → ${to}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canTransition(from: PaymentStatus, to: PaymentStatus): boolean {
  return allowed[from].includes(to);
}

/** The new status, or throws: callers reach here only after checking the preconditions. */
export function transition(from: PaymentStatus, to: PaymentStatus): PaymentStatus {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
  return to;
}

/** Statuses from which a new charge may be attempted with the same payment id. */
export const claimableStatuses: readonly PaymentStatus[] = paymentStatuses.filter((s) => canTransition(s, 'PAY_PENDING'));

/** Why a payment id cannot be charged again, in PortOne's words. */
export function chargeRefusal(status: PaymentStatus): 'ALREADY_PAID' | 'ALREADY_PAID_OR_WAITING' | undefined {
  if (claimableStatuses.includes(status)) return undefined;
  return status === 'PAY_PENDING' || status === 'VIRTUAL_ACCOUNT_ISSUED' ? 'ALREADY_PAID_OR_WAITING' : 'ALREADY_PAID';
}

/** The status after `cancelled` of `paid` won has been cancelled in total. */
export function statusAfterCancel(paid: bigint, cancelled: bigint): PaymentStatus {
  return cancelled >= paid ? 'CANCELLED' : 'PARTIAL_CANCELLED';
}
