import type { PaymentWindowForm } from '../../pg/contract.ts';
import { findWindowAttempt, updateWindowCall } from '../../store/repositories/checkout.ts';
import { findStore } from '../../store/repositories/tenancy.ts';
import type { Deps } from '../deps.ts';
import { approvedCardCompaniesOf } from '../applications.ts';
import { channelById, connect } from '../payments/channels.ts';
import { checkoutErrors } from './errors.ts';
import { recordOf, sessionOf } from './session.ts';

export const returnUrlOf = (deps: Deps, txId: string): string => `${deps.config.publicUrl}/checkout/return/${txId}`;
export const cancelUrlOf = (deps: Deps, txId: string): string => `${deps.config.publicUrl}/checkout/cancel/${txId}`;

/**
 * A LIVE card window offers only the card companies that approved the merchant (카드사 심사); the
 * open step already refused LIVE checkouts with none. TEST windows offer every company.
 */
async function approvedCardCompaniesForWindow(deps: Deps, channel: { mode: string }, merchantId: string | undefined, method: string) {
  if (channel.mode !== 'LIVE' || method !== 'CARD' || !merchantId) return {};
  return { allowedCardCompanies: await approvedCardCompaniesOf(deps.db, merchantId) };
}

/**
 * The form the buyer's browser posts to the PG's window for one open attempt, built by the
 * channel's connector (hash, encrypted fields). It can be taken once: the PG refuses a second
 * request with the same order number, so a reload gets paymux's explanation instead.
 */
export async function takeWindowForm(deps: Deps, txId: string): Promise<PaymentWindowForm> {
  const attempt = await findWindowAttempt(deps.db, txId);
  const session = sessionOf(attempt?.call.record ?? null);
  if (!attempt || !session || session.openedAt || attempt.call.outcome) throw checkoutErrors.attemptNotFound();
  const { call, payment } = attempt;
  if (payment.transactionId !== call.id || (payment.status !== 'READY' && payment.status !== 'FAILED')) throw checkoutErrors.attemptNotFound();
  const channel = await channelById(deps.db, call.channelId);
  const store = await findStore(deps.db, payment.storeId);
  const { connector, credentials } = connect(deps, channel);
  const customer = payment.customer ?? {};
  const form = connector.buildPaymentWindow(credentials, {
    requestId: call.requestId,
    paymentMethod: session.method,
    amount: payment.totalAmount,
    orderName: payment.orderName,
    merchantName: store?.name ?? channel.name,
    notificationUrl: deps.pg.notificationUrl(channel.pgProvider, deps.config.publicUrl),
    returnUrl: returnUrlOf(deps, txId),
    cancelUrl: cancelUrlOf(deps, txId),
    customer: windowCustomerOf(customer),
    ...(session.installmentMonths !== undefined ? { installmentMonths: session.installmentMonths } : {}),
    ...(session.dueAt ? { dueAt: new Date(session.dueAt) } : {}),
    ...(await approvedCardCompaniesForWindow(deps, channel, store?.merchantId, session.method)),
  });
  await updateWindowCall(deps.db, txId, { record: recordOf({ ...session, openedAt: deps.clock.now().toISOString() }) });
  return form;
}

/** The buyer as the PG's window takes it, from what paymux kept of PortOne's customer. */
export function windowCustomerOf(customer: Record<string, string>): { id?: string; name?: string; email?: string; phone?: string } {
  return {
    ...(customer.id ? { id: customer.id } : {}),
    ...(customer.name ? { name: customer.name } : {}),
    ...(customer.email ? { email: customer.email } : {}),
    ...(customer.phoneNumber ? { phone: customer.phoneNumber } : {}),
  };
}
