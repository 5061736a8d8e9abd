import { vatOf } from '../../domain/payments/money.ts';
import type { CancellationRow } from '../../store/repositories/cancellations.ts';
import type { ChannelSummary } from '../../store/repositories/credentials.ts';
import type { PaymentView } from '../../services/payments/queries.ts';

/** PortOne's Payment object, discriminated by status (V2 OpenAPI `Payment`). Money as JSON integers. */
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : undefined);
const n = (v: bigint) => Number(v);

export function renderChannel(channel: ChannelSummary) {
  return { type: channel.mode, id: channel.id, key: channel.key, name: channel.name, pgProvider: channel.pgProvider, pgMerchantId: channel.mid };
}

export function renderCancellation(c: CancellationRow) {
  return {
    status: c.status,
    id: c.id,
    ...(c.pgCancellationId ? { pgCancellationId: c.pgCancellationId } : {}),
    totalAmount: n(c.totalAmount),
    taxFreeAmount: n(c.taxFreeAmount),
    vatAmount: n(vatOf(c.totalAmount, c.taxFreeAmount)),
    reason: c.reason,
    ...(c.cancelledAt ? { cancelledAt: iso(c.cancelledAt) } : {}),
    requestedAt: iso(c.requestedAt),
    trigger: c.trigger === 'PG' ? 'PORTONE_ADMIN' : 'API',
  };
}

interface CardDetail {
  card?: { maskedNumber?: string; issuerCode?: string; issuerName?: string; kind?: string };
  approvalNumber?: string;
  installmentMonths?: number;
}

function renderMethod(detail: Record<string, unknown> | null, method: string | null) {
  if (!detail) return undefined;
  if (method === 'VIRTUAL_ACCOUNT' && detail.virtualAccount) return { type: 'PaymentMethodVirtualAccount', ...(detail.virtualAccount as object) };
  if (method === 'TRANSFER') {
    const bank = (detail.transfer as { bank?: string } | undefined)?.bank;
    return { type: 'PaymentMethodTransfer', ...(bank ? { bank } : {}) };
  }
  const card = detail as CardDetail;
  return {
    type: 'PaymentMethodCard',
    card: {
      ...(card.card?.issuerCode ? { publisher: card.card.issuerCode, issuer: card.card.issuerCode } : {}),
      ...(card.card?.issuerName ? { name: card.card.issuerName } : {}),
      ...(card.card?.maskedNumber ? { number: card.card.maskedNumber } : {}),
    },
    ...(card.approvalNumber ? { approvalNumber: card.approvalNumber } : {}),
    installment: { month: card.installmentMonths ?? 0, isInterestFree: false },
  };
}

export function renderPayment(view: PaymentView) {
  const p = view.payment;
  const paidStatuses = ['PAID', 'PARTIAL_CANCELLED', 'CANCELLED'];
  const paid = paidStatuses.includes(p.status) && p.paidAt ? p.totalAmount : 0n;
  const method = renderMethod(p.methodDetail, p.method);
  const base = {
    status: p.status,
    id: p.paymentId,
    transactionId: p.transactionId,
    merchantId: view.merchantId,
    storeId: p.storeId,
    ...(method ? { method } : {}),
    ...(view.channel ? { channel: renderChannel(view.channel) } : {}),
    version: 'V2',
    ...(p.scheduleId ? { scheduleId: p.scheduleId } : {}),
    ...(p.billingKey ? { billingKey: p.billingKey } : {}),
    requestedAt: iso(p.requestedAt),
    updatedAt: iso(p.updatedAt),
    statusChangedAt: iso(p.statusChangedAt),
    orderName: p.orderName,
    amount: {
      total: n(p.totalAmount),
      taxFree: n(p.taxFreeAmount),
      vat: n(vatOf(p.totalAmount, p.taxFreeAmount)),
      supply: n(p.totalAmount - p.taxFreeAmount - vatOf(p.totalAmount, p.taxFreeAmount)),
      discount: 0,
      paid: n(paid),
      cancelled: n(p.cancelledAmount),
      cancelledTaxFree: n(p.cancelledTaxFreeAmount),
    },
    currency: p.currency,
    customer: p.customer ?? {},
    origin: { platformType: 'API', ipAddress: '' },
    isCulturalExpense: false,
    ...(p.customData !== null ? { customData: p.customData } : {}),
  };
  switch (p.status) {
    case 'PAID':
      return { ...base, paidAt: iso(p.paidAt), pgTxId: p.pgTxId ?? undefined, disputes: [], cancellations: [] };
    case 'PARTIAL_CANCELLED':
    case 'CANCELLED':
      return {
        ...base,
        ...(p.paidAt ? { paidAt: iso(p.paidAt) } : {}),
        ...(p.pgTxId ? { pgTxId: p.pgTxId } : {}),
        cancellations: view.cancellations.map(renderCancellation),
        cancelledAt: iso(p.cancelledAt ?? p.statusChangedAt),
      };
    case 'FAILED':
      return { ...base, failedAt: iso(p.failedAt), failure: p.failure ?? {} };
    case 'PAY_PENDING':
    case 'VIRTUAL_ACCOUNT_ISSUED':
      return { ...base, ...(p.pgTxId ? { pgTxId: p.pgTxId } : {}) };
    case 'READY':
      return base;
  }
}
