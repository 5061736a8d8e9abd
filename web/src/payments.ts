// Shapes of the console's payment API (결제 내역, 빌링키, 웹훅 전송 기록, 홈, 개발진행). They mirror
// src/services/console/*.ts; the server stays the judge of every rule.

export const paymentStatuses = ['READY', 'PAY_PENDING', 'VIRTUAL_ACCOUNT_ISSUED', 'PAID', 'FAILED', 'PARTIAL_CANCELLED', 'CANCELLED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

export interface AutoCancel {
  date: string;
  from: string;
  until: string;
  today: boolean;
  overdue: boolean;
}

export interface PaymentItem {
  paymentId: string;
  orderName: string;
  status: PaymentStatus;
  isTest: boolean;
  method: 'CARD' | 'VIRTUAL_ACCOUNT' | null;
  currency: string;
  amount: { total: number; cancelled: number; cancellable: number };
  channel: { id: string; name: string; mode: 'TEST' | 'LIVE'; key: string; pgProvider: string } | null;
  card: { maskedNumber: string | null; issuerName: string | null } | null;
  requestedAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  autoCancel: AutoCancel | null;
}

export interface Page<T> {
  items: T[];
  page: { number: number; size: number; totalCount: number };
}

export interface WebhookAttempt {
  at: string;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export type TimelineEntry =
  | { kind: 'REQUESTED'; at: string }
  | {
      kind: 'PG_CALL';
      at: string;
      operation: string;
      outcome: 'approved' | 'declined' | 'unknown' | null;
      settled: boolean;
      pgCode: string | null;
      pgMessage: string | null;
      unknownCause: string | null;
      durationMs: number | null;
      amount: number | null;
    }
  | { kind: 'NOTIFICATION'; at: string; notificationKind: string; outcome: string | null }
  | { kind: 'PAID'; at: string }
  | { kind: 'FAILED'; at: string; reason: string | null; pgCode: string | null }
  | { kind: 'CANCELLATION'; at: string; status: CancellationStatus; amount: number; reason: string; trigger: 'API' | 'PG' }
  | { kind: 'WEBHOOK'; at: string; id: string; eventType: string; apiVersion: 'V2' | 'V1'; url: string; status: DeliveryStatus; attempts: WebhookAttempt[] };

export type CancellationStatus = 'REQUESTED' | 'SUCCEEDED' | 'FAILED';
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'GAVE_UP';

export interface PaymentDetail extends PaymentItem {
  pgTxId: string | null;
  approvalNumber: string | null;
  installmentMonths: number | null;
  virtualAccount: { bank: string | null; accountNumber: string | null } | null;
  failure: { reason: string | null; pgCode: string | null; pgMessage: string | null } | null;
  cancellations: { id: string; status: CancellationStatus; amount: number; reason: string; trigger: 'API' | 'PG'; requestedAt: string; cancelledAt: string | null }[];
  timeline: TimelineEntry[];
}

export interface BillingKeyItem {
  billingKey: string;
  status: 'ISSUED' | 'DELETED';
  card: { maskedNumber: string | null; issuerName: string | null };
  channel: { name: string; mode: 'TEST' | 'LIVE' } | null;
  customerId: string | null;
  issuedAt: string;
  deletedAt: string | null;
}

export interface WebhookDelivery {
  id: string;
  eventType: string;
  apiVersion: 'V2' | 'V1';
  paymentId: string | null;
  url: string;
  status: DeliveryStatus;
  attemptCount: number;
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastHttpStatus: number | null;
  lastError: string | null;
}

export interface HomeSummary {
  channels: { TEST: number; LIVE: number };
  todayTestPayments: { date: string; count: number; totalAmount: number; cancelledAmount: number; items: PaymentItem[] };
  failedWebhooks: { since: string; count: number; items: WebhookDelivery[] };
}

export const devChecklistKeys = ['testChannel', 'windowPayment', 'testCancel', 'webhook'] as const;
export interface DevChecklist {
  items: { key: (typeof devChecklistKeys)[number]; done: boolean; evidence: string | null }[];
  complete: boolean;
}

/** The console address of a payment's detail page (ids may hold any character). */
export const paymentPath = (paymentId: string) => `payments/${encodeURIComponent(paymentId)}`;
