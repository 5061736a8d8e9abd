import type { Secret } from '../domain/secret.ts';

/**
 * The PG connector contract: what services call to move money through a payment gateway.
 * It names no PG. A second PG implements `PgConnector` in its own folder under src/pg/, and the
 * services do not change. An operation a PG lacks throws `PgNotSupportedError` (a bug in the
 * caller, who should have checked the channel's capabilities), never a silent no-op.
 *
 * Money is integer won as `bigint`, like the database columns; PG wire strings stay in the PG's
 * codec. Card data travels in one `Secret`, so logging an input object cannot print it.
 */
export type Won = bigint;

export type PgPaymentMethod = 'CARD' | 'VIRTUAL_ACCOUNT' | 'TRANSFER';

/** One channel's PG contract: merchant id and keys. TEST channels may omit the keys. */
export interface PgChannelCredentials {
  readonly mode: 'TEST' | 'LIVE';
  readonly mid: string;
  readonly licenseKey?: Secret;
  readonly encryptionKey?: Secret;
}

// ---------------------------------------------------------------------------------------------
// Outcomes

/** Why paymux could not tell what happened; the payment stays pending and gets an inquiry. */
export type PgUnknownCause =
  | 'timeout'
  | 'connection'
  | 'http_status'
  | 'unparsable'
  /** The PG answered with a code that means "not sure" (or one paymux does not know). */
  | 'uncertain_code'
  /** The PG said yes, but about a different order or amount than the one asked for. */
  | 'mismatch';

/** paymux's PG-neutral failure reasons. Each PG maps its codes into these (checked at compile time). */
export type PgFailureReason =
  | 'INVALID_REQUEST'
  | 'PG_CREDENTIALS'
  | 'MERCHANT_NOT_REGISTERED'
  | 'DUPLICATE_ORDER'
  | 'DUPLICATE_APPROVAL'
  | 'TRANSACTION_NOT_FOUND'
  | 'ALREADY_PAID'
  | 'ALREADY_CANCELLED'
  | 'CANCEL_ROUND_MISMATCH'
  | 'CANCEL_AMOUNT_EXCEEDED'
  | 'CANCEL_NOT_ALLOWED'
  | 'CANCEL_PERIOD_EXPIRED'
  | 'PARTIAL_CANCEL_NOT_ALLOWED'
  | 'INVALID_AMOUNT'
  | 'INVALID_CARD_EXPIRY'
  | 'INVALID_CARD_PASSWORD'
  | 'INVALID_IDENTITY_NUMBER'
  | 'INSTALLMENT_NOT_ALLOWED'
  | 'CARD_LIMIT_EXCEEDED'
  | 'CARD_NOT_USABLE'
  | 'CARD_DECLINED'
  | 'CALL_CARD_COMPANY'
  | 'CUSTOMER_NOT_FOUND'
  | 'ACCOUNT_HOLDER_MISMATCH'
  | 'USER_CANCELLED'
  | 'AUTHENTICATION_FAILED'
  | 'SESSION_EXPIRED'
  | 'PG_MAINTENANCE'
  | 'SERVICE_UNAVAILABLE'
  | 'PG_SYSTEM_ERROR'
  | 'PROCESSING';

export type PgApproved<T> = { readonly outcome: 'approved' } & T;

/** The PG refused and nothing happened. */
export interface PgDeclined {
  readonly outcome: 'declined';
  /** The PG's own code, e.g. Hecto's "CA31". */
  readonly code: string;
  /** The PG's own message, as sent. */
  readonly message: string;
  readonly reason: PgFailureReason;
  readonly messageKo: string;
  readonly messageEn: string;
  /** Whether the same request may succeed later (maintenance, traffic), never for a card decline. */
  readonly retryable: boolean;
}

/** Nobody knows: never treat as declined. Settle it with `inquire` or a notification. */
export interface PgUnknown {
  readonly outcome: 'unknown';
  readonly cause: PgUnknownCause;
  readonly detail: string;
}

export type PgOutcome<T> = PgApproved<T> | PgDeclined | PgUnknown;

/** A message as kept in the payment's history: sensitive values replaced by "[redacted]". */
export interface RedactedMessage {
  readonly [field: string]: string | RedactedMessage;
}

/** One PG call, for the payment's history. Contains no card data, keys or hashes. */
export interface PgCallRecord {
  readonly operation: PgOperation;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly outcome: PgOutcome<unknown>['outcome'];
  readonly pgCode?: string;
  readonly pgMessage?: string;
  /** Also for unknown outcomes: which cause. */
  readonly unknownCause?: PgUnknownCause;
  /** The PG's order number of this request (Hecto `mchtTrdNo`). */
  readonly requestId: string;
  readonly request: RedactedMessage;
  readonly response: RedactedMessage;
}

/** Every call answers its outcome and the record of the call. */
export type PgResult<T> = PgOutcome<T> & { readonly record: PgCallRecord };

export type PgOperation =
  | 'approveKeyIn'
  | 'issueBillingKey'
  | 'payWithBillingKey'
  | 'deleteBillingKey'
  | 'cancel'
  | 'issueVirtualAccount'
  | 'changeVirtualAccount'
  | 'cancelVirtualAccountIssue'
  | 'refundVirtualAccount'
  | 'inquire';

// ---------------------------------------------------------------------------------------------
// Inputs and approved data

/** Common to every call. */
export interface PgRequestBase {
  /**
   * The PG-side order number of this request (Hecto `mchtTrdNo`, unique per request). Services
   * pass the payment attempt's id so an inquiry can find it after an unknown outcome; a fresh one
   * is generated when absent.
   */
  readonly requestId?: string;
}

/** Card expiry: "YYMM", or a year (2 or 4 digits) and a month. */
export type CardExpiry = string | { readonly year: number; readonly month: number };

export interface KeyedCard {
  readonly number: string;
  readonly expiry: CardExpiry;
  /** First 2 digits of the card password (카유비생 contracts). */
  readonly passwordTwoDigits?: string;
  /** YYMMDD birth date or 10-digit business registration number (카유비생 contracts). */
  readonly birthOrBusinessNumber?: string;
}

export interface PgCustomer {
  readonly id?: string;
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
}

export interface KeyInApprovalInput extends PgRequestBase {
  readonly card: Secret<KeyedCard>;
  readonly amount: Won;
  /** The tax-free part of `amount` (면세), when there is one. */
  readonly taxFreeAmount?: Won;
  readonly orderName: string;
  /** 0 = lump sum. */
  readonly installmentMonths?: number;
  readonly customer?: PgCustomer;
  readonly notificationUrl?: string;
  /** Opaque text the PG echoes in notifications. */
  readonly customData?: string;
}

export interface BillingPaymentInput extends Omit<KeyInApprovalInput, 'card'> {
  readonly billingKey: Secret;
}

export interface CardInfo {
  /** First 6 + last 4 digits, the rest masked. */
  readonly maskedNumber?: string;
  readonly issuerCode?: string;
  readonly issuerName?: string;
  readonly kind?: string;
}

export interface CardApproval {
  /** The PG's transaction id (Hecto `trdNo`); cancels and inquiries use it. */
  readonly pgTxId: string;
  readonly requestId: string;
  readonly amount: Won;
  readonly approvalNumber?: string;
  readonly installmentMonths: number;
  readonly card: CardInfo;
  /** Some contracts issue a billing key with the approval. */
  readonly billingKey?: Secret;
}

export interface BillingKeyIssueInput extends PgRequestBase {
  readonly card: Secret<KeyedCard>;
  readonly customer?: PgCustomer;
}

export interface BillingKeyIssued {
  readonly billingKey: Secret;
  readonly card: CardInfo;
}

export interface BillingKeyDeleteInput extends PgRequestBase {
  readonly billingKey: Secret;
}

export interface BillingKeyDeleted {
  readonly deleted: true;
}

export interface CancelInput extends PgRequestBase {
  readonly pgTxId: string;
  readonly paymentMethod?: Exclude<PgPaymentMethod, 'VIRTUAL_ACCOUNT'>;
  readonly amount: Won;
  /**
   * 1 for the first successful cancel of this payment, 2 for the second, … PGs that count cancel
   * rounds (Hecto `cnclOrd`) need it; others ignore it.
   */
  readonly cancelSequence: number;
  readonly reason?: string;
  /** The tax-free part of this cancel's `amount`, when there is one. */
  readonly taxFreeAmount?: Won;
}

export interface Cancellation {
  /** The cancel's own transaction id at the PG. */
  readonly pgTxId: string;
  readonly cancelledAmount: Won;
  /** What can still be cancelled after this cancel, when the PG says so. */
  readonly remainingAmount?: Won;
}

export interface VirtualAccountIssueInput extends PgRequestBase {
  readonly amount: Won;
  readonly bankCode: string;
  readonly orderName: string;
  readonly sellerName: string;
  readonly accountType?: 'DYNAMIC' | 'FIXED';
  /** Fixed accounts only: the account to reuse. */
  readonly fixedAccountNumber?: string;
  /** Deposit deadline; the PG's default when absent. */
  readonly dueAt?: Date;
  readonly depositorName?: string;
  readonly customer?: PgCustomer;
  readonly notificationUrl?: string;
  readonly customData?: string;
}

export interface VirtualAccountIssued {
  readonly pgTxId: string;
  readonly requestId: string;
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly amount: Won;
  readonly dueAt?: Date;
}

export interface VirtualAccountChangeInput extends PgRequestBase {
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly accountType?: 'DYNAMIC' | 'FIXED';
  readonly amount: Won;
  readonly dueAt: Date;
}

export interface VirtualAccountChanged {
  readonly pgTxId: string;
  readonly accountNumber: string;
  readonly amount: Won;
  readonly dueAt?: Date;
}

export interface VirtualAccountIssueCancelInput extends PgRequestBase {
  readonly pgTxId: string;
  readonly accountNumber: string;
}

export interface VirtualAccountIssueCancelled {
  readonly pgTxId: string;
}

export interface VirtualAccountRefundInput extends PgRequestBase {
  readonly pgTxId: string;
  readonly amount: Won;
  readonly cancelSequence: number;
  readonly refundBankCode: string;
  readonly refundAccountNumber: string;
  readonly refundAccountHolder: string;
  readonly reason?: string;
  /** The tax-free part of this refund's `amount`, when there is one. */
  readonly taxFreeAmount?: Won;
}

export interface InquiryInput extends PgRequestBase {
  readonly paymentMethod: PgPaymentMethod;
  /** The original request's order number (what `requestId` was on that call). */
  readonly originalRequestId: string;
  /** When the original request was sent; PGs search around that day. */
  readonly originalRequestedAt: Date;
  readonly originalAmount: Won;
  readonly pgTxId?: string;
}

export type PgTransactionState =
  | 'PAID'
  | 'PARTIAL_CANCELLED'
  | 'CANCELLED'
  | 'FAILED'
  | 'WAITING_FOR_DEPOSIT'
  /** The PG has no such transaction: the request never took effect. */
  | 'NOT_FOUND';

export interface InquiryResult {
  readonly state: PgTransactionState;
  readonly pgTxId?: string;
  readonly amount?: Won;
  readonly cancelledAmount?: Won;
}

// ---------------------------------------------------------------------------------------------
// Payment window and notifications

export interface PaymentWindowInput extends PgRequestBase {
  readonly paymentMethod: PgPaymentMethod;
  readonly amount: Won;
  readonly orderName: string;
  readonly merchantName: string;
  /** Server-to-server notification URL. */
  readonly notificationUrl: string;
  /** Where the browser goes when the buyer closes the finished window. */
  readonly returnUrl: string;
  /** Where the browser goes when the buyer abandons the window. */
  readonly cancelUrl: string;
  readonly customer?: PgCustomer;
  readonly customData?: string;
  readonly installmentMonths?: number;
  /** Virtual accounts: deposit deadline. */
  readonly dueAt?: Date;
  /** Card window that only registers the card and issues a billing key (amount 0, no charge). */
  readonly issueBillingKeyOnly?: boolean;
  /**
   * Card window of a LIVE channel: only these card companies (paymux's names, src/domain/contract.ts
   * cardCompanies) approved the merchant in the card-company review, so only they are offered.
   */
  readonly allowedCardCompanies?: readonly string[];
}

/** A form the browser posts to the PG's window. */
export interface PaymentWindowForm {
  readonly action: string;
  readonly method: 'POST';
  readonly fields: Readonly<Record<string, string>>;
  readonly requestId: string;
}

/**
 * What the buyer's browser brought back from the window (nextUrl / cancUrl), UNVERIFIED: PGs put no
 * signature on it, so it is only a hint for messages; a notification or an inquiry settles money.
 */
export interface PaymentWindowReturn {
  readonly claims: 'success' | 'failure' | 'cancelled';
  readonly requestId?: string;
  /** The PG's reject code and message on failure. */
  readonly code?: string;
  readonly message?: string;
  readonly messageKo?: string;
  readonly messageEn?: string;
}

export type PgNotificationKind =
  | 'PAID'
  | 'CANCELLED'
  | 'VIRTUAL_ACCOUNT_ISSUED'
  | 'VIRTUAL_ACCOUNT_DEPOSITED'
  | 'VIRTUAL_ACCOUNT_ISSUE_CANCELLED'
  /** A billing key issued through the payment window (no charge). */
  | 'BILLING_KEY_ISSUED'
  | 'FAILED'
  /** Verified, but an event paymux does not know: record it, change nothing. */
  | 'UNRECOGNIZED';

export interface PgNotification {
  readonly kind: PgNotificationKind;
  readonly paymentMethod?: PgPaymentMethod;
  readonly mid: string;
  /** Idempotency key: the same event delivered twice has the same key. */
  readonly eventKey: string;
  /** The transaction this event is about (a cancel's own id for cancels). */
  readonly pgTxId: string;
  /** For cancels: the payment's transaction id. */
  readonly originalPgTxId?: string;
  /** The payment's order number (the request id of its approval). */
  readonly requestId: string;
  readonly amount: Won;
  readonly occurredAt: Date;
  readonly partial?: boolean;
  readonly card?: CardInfo & { readonly approvalNumber?: string; readonly installmentMonths?: number };
  readonly virtualAccount?: {
    readonly bankCode?: string;
    readonly bankName?: string;
    readonly accountNumber?: string;
    readonly dueAt?: Date;
    readonly depositorName?: string;
  };
  /** Account transfers: the buyer's bank. */
  readonly transfer?: { readonly bankCode?: string; readonly bankName?: string };
  readonly billingKey?: Secret;
  readonly customData?: string;
  /** The notice with sensitive values redacted, for the audit trail. */
  readonly raw: RedactedMessage;
}

export type NotificationRejection = 'MALFORMED' | 'BAD_SIGNATURE' | 'WRONG_MERCHANT';

export type NotificationParse =
  | { readonly ok: true; readonly notification: PgNotification }
  | { readonly ok: false; readonly reason: NotificationRejection; readonly detail: string };

// ---------------------------------------------------------------------------------------------
// The connector

export interface PgConnector {
  /** PortOne's `pgProvider` string of this PG. */
  readonly pgProvider: string;
  /** What the PG expects as the HTTP body of a notification answer. */
  readonly notificationAnswer: { readonly accepted: string; readonly rejected: string };

  approveKeyIn(channel: PgChannelCredentials, input: KeyInApprovalInput): Promise<PgResult<CardApproval>>;
  issueBillingKey(channel: PgChannelCredentials, input: BillingKeyIssueInput): Promise<PgResult<BillingKeyIssued>>;
  payWithBillingKey(channel: PgChannelCredentials, input: BillingPaymentInput): Promise<PgResult<CardApproval>>;
  deleteBillingKey(channel: PgChannelCredentials, input: BillingKeyDeleteInput): Promise<PgResult<BillingKeyDeleted>>;
  cancel(channel: PgChannelCredentials, input: CancelInput): Promise<PgResult<Cancellation>>;
  issueVirtualAccount(channel: PgChannelCredentials, input: VirtualAccountIssueInput): Promise<PgResult<VirtualAccountIssued>>;
  changeVirtualAccount(channel: PgChannelCredentials, input: VirtualAccountChangeInput): Promise<PgResult<VirtualAccountChanged>>;
  cancelVirtualAccountIssue(
    channel: PgChannelCredentials,
    input: VirtualAccountIssueCancelInput,
  ): Promise<PgResult<VirtualAccountIssueCancelled>>;
  refundVirtualAccount(channel: PgChannelCredentials, input: VirtualAccountRefundInput): Promise<PgResult<Cancellation>>;
  inquire(channel: PgChannelCredentials, input: InquiryInput): Promise<PgResult<InquiryResult>>;

  /** Builds the form the buyer's browser posts to the PG's payment window. No network call. */
  buildPaymentWindow(channel: PgChannelCredentials, input: PaymentWindowInput): PaymentWindowForm;
  /** Reads the window's return post (nextUrl / cancUrl): an unverified hint, never a settlement. */
  parseWindowReturn(rawBody: string): PaymentWindowReturn;
  /**
   * Which merchant a raw notification claims to be for, UNVERIFIED: only to pick the channel
   * whose keys then verify it with `parseNotification`.
   */
  notificationMerchantId(rawBody: string): string | undefined;
  /** Parses and verifies a raw notification body. Nothing may act on a notice that failed this. */
  parseNotification(channel: PgChannelCredentials, rawBody: string): NotificationParse;
}

/** Thrown when a caller asks a PG for an operation its connector does not offer. */
export class PgNotSupportedError extends Error {
  constructor(pgProvider: string, operation: string) {
    super(`${pgProvider} does not support ${operation}`);
    this.name = 'PgNotSupportedError';
  }
}

/** Thrown when a channel lacks the keys its mode needs: a configuration bug, caught before any PG call. */
export class PgCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PgCredentialsError';
  }
}

/** The minimal logger a connector needs; pino's Logger satisfies it. */
export interface PgLogger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
}
