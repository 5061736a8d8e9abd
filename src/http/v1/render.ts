import { BANK_CODES, type Bank } from '../../domain/banks.ts';
import type { ChannelRow } from '../../store/repositories/channels.ts';
import { v1StatusOf, type V1PaymentView } from '../../services/v1/payments.ts';
import type { V1CustomerView, V1ScheduleView } from '../../services/v1/customers.ts';

/** iamport's shapes (V1 OpenAPI `PaymentAnnotation`, `CustomerAnnotation`, …): unix seconds, 0 for "never". */
const unix = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 1000) : 0);
const unixOfIso = (s: unknown) => (typeof s === 'string' && !Number.isNaN(Date.parse(s)) ? Math.floor(Date.parse(s) / 1000) : 0);
const pgCode = (channel: Pick<ChannelRow, 'pgProvider'> | null) => (channel ? channel.pgProvider.toLowerCase() : null);

interface CardDetail {
  card?: { maskedNumber?: string; issuerCode?: string; issuerName?: string };
  approvalNumber?: string;
  installmentMonths?: number;
}

interface AccountDetail {
  bank?: string;
  accountNumber?: string;
  remitteeName?: string;
  expiredAt?: string;
  issuedAt?: string;
}

export function renderV1Payment(view: V1PaymentView) {
  const p = view.payment;
  const isAccount = p.method === 'VIRTUAL_ACCOUNT';
  const card = (isAccount || p.method === 'TRANSFER' ? {} : (p.methodDetail ?? {})) as CardDetail;
  const account = (isAccount ? (p.methodDetail?.virtualAccount ?? {}) : {}) as AccountDetail;
  const bankCode = account.bank && account.bank in BANK_CODES ? BANK_CODES[account.bank as Bank] : (account.bank ?? null);
  const cancels = view.cancellations.filter((c) => c.status === 'SUCCEEDED');
  const customer = p.customer ?? {};
  const transferBank = p.method === 'TRANSFER' ? (p.methodDetail?.transfer as { bank?: string } | undefined)?.bank : undefined;
  return {
    imp_uid: p.transactionId,
    merchant_uid: p.paymentId,
    pay_method: isAccount ? 'vbank' : p.method === 'TRANSFER' ? 'trans' : 'card',
    channel: view.v1Channel,
    pg_provider: pgCode(view.channel),
    emb_pg_provider: null,
    pg_tid: p.pgTxId,
    pg_id: view.channel?.mid ?? null,
    sandbox: p.isTest,
    escrow: false,
    apply_num: card.approvalNumber ?? null,
    bank_code: transferBank && transferBank in BANK_CODES ? BANK_CODES[transferBank as Bank] : null,
    bank_name: transferBank ?? null,
    card_code: card.card?.issuerCode ?? null,
    card_name: card.card?.issuerName ?? null,
    card_issuer_code: card.card?.issuerCode ?? null,
    card_issuer_name: card.card?.issuerName ?? null,
    card_publisher_code: card.card?.issuerCode ?? null,
    card_publisher_name: card.card?.issuerName ?? null,
    card_quota: isAccount ? 0 : (card.installmentMonths ?? 0),
    card_number: card.card?.maskedNumber ?? null,
    card_type: null,
    vbank_code: bankCode,
    vbank_name: account.bank ?? null,
    vbank_num: account.accountNumber ?? null,
    vbank_holder: account.remitteeName ?? null,
    vbank_date: unixOfIso(account.expiredAt),
    vbank_issued_at: unixOfIso(account.issuedAt),
    name: p.orderName,
    amount: Number(p.totalAmount),
    cancel_amount: Number(p.cancelledAmount),
    currency: p.currency,
    buyer_name: customer.name ?? null,
    buyer_email: customer.email ?? null,
    buyer_tel: customer.phoneNumber ?? null,
    buyer_addr: customer.address ?? null,
    buyer_postcode: customer.zipcode ?? null,
    custom_data: p.customData,
    user_agent: 'sorry_not_supported',
    status: v1StatusOf(p.status),
    started_at: unix(p.requestedAt),
    paid_at: unix(p.paidAt),
    failed_at: unix(p.failedAt),
    cancelled_at: unix(p.cancelledAt),
    fail_reason: p.failure?.reason ?? null,
    cancel_reason: cancels.at(-1)?.reason ?? null,
    receipt_url: '',
    cancel_history: cancels.map((c) => ({
      pg_tid: c.pgCancellationId,
      amount: Number(c.totalAmount),
      cancelled_at: unix(c.cancelledAt),
      reason: c.reason,
      cancellation_id: c.id,
      receipt_url: '',
    })),
    cancel_receipt_urls: cancels.map(() => ''),
    cash_receipt_issued: false,
    customer_uid: view.customerUid,
    customer_uid_usage: view.customerUid ? (p.scheduleId || p.billingKey ? 'payment' : 'issue') : null,
  };
}

export function renderV1Customer(view: V1CustomerView) {
  const card = view.row.card ?? {};
  const customer = view.row.customer ?? {};
  return {
    customer_uid: view.customerUid,
    pg_provider: view.channel.pgProvider.toLowerCase(),
    pg_id: view.channel.mid,
    sandbox: view.channel.mode === 'TEST',
    customer_id: customer.id ?? null,
    card_name: card.issuerName ?? null,
    card_code: card.issuerCode ?? null,
    card_issuer_code: card.issuerCode ?? null,
    card_issuer_name: card.issuerName ?? null,
    card_publisher_code: card.issuerCode ?? null,
    card_publisher_name: card.issuerName ?? null,
    card_number: card.maskedNumber ?? null,
    card_type: null,
    customer_name: customer.name ?? null,
    customer_tel: customer.phoneNumber ?? null,
    customer_email: customer.email ?? null,
    customer_addr: customer.address ?? null,
    customer_postcode: customer.zipcode ?? null,
    inserted: unix(view.createdAt),
    updated: unix(view.updatedAt),
  };
}

const scheduleStatus = { SCHEDULED: 'scheduled', STARTED: 'executed', PENDING: 'executed', SUCCEEDED: 'executed', FAILED: 'executed', REVOKED: 'revoked' } as const;

export function renderV1Schedule(view: V1ScheduleView) {
  const s = view.schedule;
  const customer = s.customer ?? {};
  return {
    customer_uid: view.customerUid,
    merchant_uid: s.paymentId,
    imp_uid: null,
    schedule_at: unix(s.timeToPay),
    executed_at: unix(s.completedAt ?? s.startedAt),
    revoked_at: unix(s.revokedAt),
    amount: Number(s.totalAmount),
    currency: s.currency,
    name: s.orderName,
    buyer_name: customer.name ?? null,
    buyer_email: customer.email ?? null,
    buyer_tel: customer.phoneNumber ?? null,
    buyer_addr: customer.address ?? null,
    buyer_postcode: customer.zipcode ?? null,
    custom_data: s.customData,
    schedule_status: scheduleStatus[s.status],
    payment_status: s.status === 'SUCCEEDED' ? 'paid' : s.status === 'FAILED' ? 'failed' : null,
    fail_reason: null,
  };
}

export function renderV1Channel(channel: ChannelRow) {
  return {
    pg_provider: channel.pgProvider.toLowerCase(),
    pg_id: channel.mid,
    sandbox: channel.mode === 'TEST',
    type: channel.attribute === 'PAYMENT' ? 'payment' : channel.attribute.toLowerCase(),
    channel_name: channel.name,
    channel_key: channel.key,
  };
}
