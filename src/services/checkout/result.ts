import { findWindowAttempt } from '../../store/repositories/checkout.ts';
import type { PaymentRow } from '../../store/repositories/payments.ts';
import type { Deps } from '../deps.ts';
import { checkoutErrors } from './errors.ts';
import { sessionOf, type WindowSession } from './session.ts';

/** How a window attempt ended, as paymux knows it now (from the PG's word, not the browser's). */
export type WindowState = 'PAID' | 'VIRTUAL_ACCOUNT_ISSUED' | 'FAILED' | 'CANCELLED_BY_BUYER' | 'UNCONFIRMED';

export interface WindowResult {
  txId: string;
  paymentId: string;
  storeId: string;
  state: WindowState;
  session: WindowSession;
  payment: PaymentRow;
  /** Whether this attempt has its ending from the PG (approved or declined), not just the payment's earlier state. */
  ended: boolean;
  /** Failure code and message for the buyer (PG reject code, or 0009 for a cancel). */
  pgCode?: string;
  pgMessage?: string;
  message?: string;
}

export async function windowResult(deps: Deps, txId: string): Promise<WindowResult> {
  const attempt = await findWindowAttempt(deps.db, txId);
  const session = sessionOf(attempt?.call.record ?? null);
  if (!attempt || !session) throw checkoutErrors.attemptNotFound();
  const { payment } = attempt;
  const mine = payment.transactionId === txId;
  const ended = attempt.call.outcome === 'approved' || attempt.call.outcome === 'declined';
  const base = { txId, paymentId: payment.paymentId, storeId: payment.storeId, session, payment, ended };
  if (mine && (payment.status === 'PAID' || payment.status === 'PARTIAL_CANCELLED' || payment.status === 'CANCELLED')) return { ...base, state: 'PAID' };
  if (mine && payment.status === 'VIRTUAL_ACCOUNT_ISSUED') return { ...base, state: 'VIRTUAL_ACCOUNT_ISSUED' };
  if (mine && payment.status === 'FAILED') {
    const failure = payment.failure ?? {};
    return {
      ...base,
      state: session.returned?.claims === 'cancelled' ? 'CANCELLED_BY_BUYER' : 'FAILED',
      ...(failure.pgCode ? { pgCode: failure.pgCode } : {}),
      ...(failure.pgMessage ? { pgMessage: failure.pgMessage } : {}),
      ...(failure.reason ? { message: failure.reason } : {}),
    };
  }
  return { ...base, state: 'UNCONFIRMED' };
}

/** PortOne V2 browser SDK's PaymentResponse: `code` present means failure. */
export interface V2PaymentResponse {
  transactionType: 'PAYMENT';
  txId: string;
  paymentId: string;
  code?: string;
  message?: string;
  pgCode?: string;
  pgMessage?: string;
}

const PG_FAILURE = 'FAILURE_TYPE_PG';

export function v2Response(result: WindowResult): V2PaymentResponse {
  const base = { transactionType: 'PAYMENT' as const, txId: result.txId, paymentId: result.paymentId };
  if (result.state !== 'FAILED' && result.state !== 'CANCELLED_BY_BUYER') return base;
  return {
    ...base,
    code: PG_FAILURE,
    message: `[SETTLE] ${result.message ?? result.pgMessage ?? ''}`.trim(),
    ...(result.pgCode ? { pgCode: result.pgCode } : {}),
    ...(result.pgMessage ? { pgMessage: result.pgMessage } : {}),
  };
}

/** V1 (iamport) `IMP.request_pay` callback response. */
export interface V1PaymentResponse {
  success: boolean;
  imp_uid: string | null;
  merchant_uid: string;
  pay_method: string;
  paid_amount: number;
  status: 'ready' | 'paid' | 'failed' | 'cancelled';
  name: string;
  pg_provider: string;
  pg_tid: string | null;
  currency: string;
  buyer_name: string | null;
  buyer_email: string | null;
  buyer_tel: string | null;
  card_name?: string | null;
  card_number?: string | null;
  apply_num?: string | null;
  vbank_num?: string | null;
  vbank_name?: string | null;
  vbank_holder?: string | null;
  vbank_date?: number | null;
  paid_at: number;
  error_code: string | null;
  error_msg: string | null;
}

/**
 * V1's imp_uid of a payment: its transaction id, as the V1 REST API derives it
 * (src/http/v1/render.ts), so GET /payments/{imp_uid} finds what the callback got.
 */
export const impUidOf = (payment: PaymentRow): string => payment.transactionId;

const unix = (date: Date | null): number => (date ? Math.floor(date.getTime() / 1000) : 0);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const objectOf = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});

export function v1Response(result: WindowResult): V1PaymentResponse {
  const p = result.payment;
  const detail = objectOf(p.methodDetail);
  const card = objectOf(detail.card);
  const account = objectOf(detail.virtualAccount);
  const failed = result.state === 'FAILED' || result.state === 'CANCELLED_BY_BUYER';
  const status = result.state === 'PAID' ? 'paid' : failed ? 'failed' : 'ready';
  const customer = p.customer ?? {};
  const expiredAt = text(account.expiredAt);
  return {
    success: !failed && result.state !== 'UNCONFIRMED',
    imp_uid: impUidOf(p),
    merchant_uid: p.paymentId,
    pay_method: p.method === 'VIRTUAL_ACCOUNT' ? 'vbank' : p.method === 'TRANSFER' ? 'trans' : 'card',
    paid_amount: result.state === 'PAID' ? Number(p.totalAmount) : 0,
    status,
    name: p.orderName,
    pg_provider: 'settle',
    pg_tid: p.pgTxId,
    currency: p.currency,
    buyer_name: customer.name ?? null,
    buyer_email: customer.email ?? null,
    buyer_tel: customer.phoneNumber ?? null,
    ...(p.method === 'CARD'
      ? { card_name: text(card.issuerName), card_number: text(card.maskedNumber), apply_num: text(detail.approvalNumber) }
      : {
          vbank_num: text(account.accountNumber),
          vbank_name: text(account.bank),
          vbank_holder: text(account.remitteeName),
          vbank_date: expiredAt ? unix(new Date(expiredAt)) : null,
        }),
    paid_at: unix(p.paidAt),
    error_code: failed ? (result.pgCode ?? 'F400') : result.state === 'UNCONFIRMED' ? 'F500' : null,
    error_msg: failed
      ? (result.message ?? result.pgMessage ?? null)
      : result.state === 'UNCONFIRMED'
        ? result.session.locale === 'en'
          ? 'The payment result is being confirmed.'
          : '결제 결과를 확인하고 있습니다.'
        : null,
  };
}
