import type { PaymentStatus } from '../../domain/payments/status.ts';
import { listCancellations, type CancellationRow } from '../../store/repositories/cancellations.ts';
import type { ChannelRow } from '../../store/repositories/channels.ts';
import { findPayment, type PaymentRow } from '../../store/repositories/payments.ts';
import { searchPayments, type PaymentSearch } from '../../store/repositories/paymentSearch.ts';
import { listPgCallsOfPayment, type PgCallRow } from '../../store/repositories/pgCalls.ts';
import type { Deps } from '../deps.ts';
import { authenticateV2With, type ApiPrincipal } from '../v2Auth.ts';
import { findApiSecretWithPayment, type ChannelSummary } from '../../store/repositories/credentials.ts';
import { paymentNotFound } from './errors.ts';

/** A payment with what its PortOne rendering needs. */
export interface PaymentView {
  payment: PaymentRow;
  channel: ChannelSummary | null;
  cancellations: CancellationRow[];
  merchantId: string;
}

const hasCancellations = (p: PaymentRow) => p.cancelledAmount > 0n || p.reservedCancelAmount > 0n;

export async function getPayment(deps: Deps, principal: ApiPrincipal, paymentId: string): Promise<PaymentView> {
  const found = await findPayment(deps.db, principal.storeId, paymentId);
  if (!found) throw paymentNotFound(paymentId);
  const cancellations = hasCancellations(found.payment) ? await listCancellations(deps.db, [found.payment.id]) : [];
  return { ...found, cancellations, merchantId: principal.merchantId };
}

/** `GET /payments/{id}`: the caller's authentication and the payment in one round trip. */
export async function getPaymentAsCaller(deps: Deps, authorization: string | undefined, paymentId: string): Promise<PaymentView> {
  const { principal, found } = await authenticateV2With(deps, authorization, (by) => findApiSecretWithPayment(deps.db, by, paymentId));
  if (!found) throw paymentNotFound(paymentId);
  const cancellations = hasCancellations(found.payment) ? await listCancellations(deps.db, [found.payment.id]) : [];
  return { ...found, cancellations, merchantId: principal.merchantId };
}

/** `sortBy` defaults to the time the range applies to. */
export type PaymentListQuery = Omit<PaymentSearch, 'storeId' | 'sortBy'> & { sortBy?: PaymentSearch['sortBy']; page: { number: number; size: number } };

export async function findPayments(deps: Deps, principal: ApiPrincipal, query: PaymentListQuery) {
  const { page, ...filter } = query;
  const sortBy = filter.sortBy ?? (filter.timestampType === 'STATUS_CHANGED_AT' ? 'STATUS_CHANGED_AT' : 'REQUESTED_AT');
  const { rows, totalCount } = await searchPayments(deps.db, { ...filter, sortBy, storeId: principal.storeId }, page);
  const cancels = await listCancellations(deps.db, rows.filter((r) => hasCancellations(r.payment)).map((r) => r.payment.id));
  const items: PaymentView[] = rows.map((r) => ({
    ...r,
    cancellations: cancels.filter((c) => c.paymentRowId === r.payment.id),
    merchantId: principal.merchantId,
  }));
  // PortOne's PageInfo echoes the requested page number and size.
  return { items, page: { number: page.number, size: page.size, totalCount } };
}

/** The PG calls of a payment, oldest first (PortOne's "payment transactions"). */
export async function getPaymentTransactions(deps: Deps, principal: ApiPrincipal, paymentId: string): Promise<{ view: PaymentView; calls: PgCallRow[] }> {
  const view = await getPayment(deps, principal, paymentId);
  return { view, calls: await listPgCallsOfPayment(deps.db, view.payment.id) };
}

export type { PaymentStatus };
