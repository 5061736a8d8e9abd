import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../../domain/clock.ts';
import { vatOf } from '../../domain/payments/money.ts';
import { Secret } from '../../domain/secret.ts';
import {
  HECTO_OPERATIONS,
  OUT_STAT,
  formatCancelRound,
  koreanTimestamp,
  type CardFields,
  type HectoOperationSpec,
} from './codec/index.ts';
import type {
  BillingKeyDeleteInput,
  BillingKeyDeleted,
  BillingKeyIssueInput,
  BillingKeyIssued,
  BillingPaymentInput,
  CancelInput,
  Cancellation,
  CardApproval,
  InquiryInput,
  InquiryResult,
  KeyInApprovalInput,
  NotificationParse,
  PaymentWindowForm,
  PaymentWindowInput,
  PaymentWindowReturn,
  PgChannelCredentials,
  PgConnector,
  PgLogger,
  PgOperation,
  PgOutcome,
  PgResult,
  VirtualAccountChangeInput,
  VirtualAccountChanged,
  VirtualAccountIssueCancelInput,
  VirtualAccountIssueCancelled,
  VirtualAccountIssueInput,
  VirtualAccountIssued,
  VirtualAccountRefundInput,
  Won,
} from '../contract.ts';
import { DEFAULT_TIMEOUTS, type HttpTimeouts } from './client.ts';
import { exchange, type Reply } from './exchange.ts';
import { cardFields, fromKoreanDateTime, installmentField, koreanDateTime, wireToWon, wonToWire } from './fields.ts';
import { hectoKeys } from './keys.ts';
import { parseWindowReturn } from './windowReturn.ts';
import { METHOD_CODES, inquiryStateOf, unknown } from './mapping.ts';
import { notificationMerchantId, parseNotification } from './notifications.ts';
import { maskCardNumber } from './redact.ts';
import { buildPaymentWindow } from './window.ts';

export interface HectoConnectorOptions {
  /** Server API origin, e.g. `https://tbgw.settlebank.co.kr` or the simulator's URL. */
  readonly apiBaseUrl: string;
  /** Payment window origin, e.g. `https://tbnpg.settlebank.co.kr`. */
  readonly windowBaseUrl: string;
  readonly timeouts?: Partial<HttpTimeouts>;
  readonly clock?: Clock;
  readonly logger?: PgLogger;
}

/** The Hecto Financial connector: every operation of the contract over Hecto's server API. */
export class HectoConnector implements PgConnector {
  readonly pgProvider = 'SETTLE';
  readonly notificationAnswer = { accepted: 'OK', rejected: 'FAIL' } as const;
  readonly #apiBaseUrl: string;
  readonly #windowBaseUrl: string;
  readonly #timeouts: HttpTimeouts;
  readonly #clock: Clock;
  readonly #logger: PgLogger | undefined;

  constructor(options: HectoConnectorOptions) {
    this.#apiBaseUrl = options.apiBaseUrl.replace(/\/+$/, '');
    this.#windowBaseUrl = options.windowBaseUrl.replace(/\/+$/, '');
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger;
  }

  approveKeyIn(channel: PgChannelCredentials, input: KeyInApprovalInput): Promise<PgResult<CardApproval>> {
    return this.#cardPayment('approveKeyIn', HECTO_OPERATIONS.cardApproval, channel, input, cardFields(input.card.reveal()));
  }

  payWithBillingKey(channel: PgChannelCredentials, input: BillingPaymentInput): Promise<PgResult<CardApproval>> {
    return this.#cardPayment('payWithBillingKey', HECTO_OPERATIONS.billingPayment, channel, input, {
      billKey: input.billingKey.reveal(),
    });
  }

  issueBillingKey(channel: PgChannelCredentials, input: BillingKeyIssueInput): Promise<PgResult<BillingKeyIssued>> {
    return this.#call('issueBillingKey', HECTO_OPERATIONS.billKeyIssue, channel, input, {
      data: {
        ...cardFields(input.card.reveal()),
        mchtCustId: input.customer?.id,
        mchtCustNm: input.customer?.name,
        keyRegYn: 'Y',
      },
      interpret: ({ data }) =>
        data.billKey
          ? { outcome: 'approved', billingKey: new Secret(data.billKey), card: cardInfo(data) }
          : unknown('mismatch', 'approved without a billing key'),
    });
  }

  deleteBillingKey(channel: PgChannelCredentials, input: BillingKeyDeleteInput): Promise<PgResult<BillingKeyDeleted>> {
    return this.#call('deleteBillingKey', HECTO_OPERATIONS.billKeyDelete, channel, input, {
      data: { billKey: input.billingKey.reveal() },
      interpret: () => ({ outcome: 'approved', deleted: true }),
    });
  }

  cancel(channel: PgChannelCredentials, input: CancelInput): Promise<PgResult<Cancellation>> {
    const spec: HectoOperationSpec = { ...HECTO_OPERATIONS.cancel, method: METHOD_CODES[input.paymentMethod ?? 'CARD'] };
    return this.#call('cancel', spec, channel, input, {
      data: {
        orgTrdNo: input.pgTxId,
        crcCd: 'KRW',
        cnclOrd: formatCancelRound(input.cancelSequence),
        cnclAmt: wonToWire(input.amount),
        cnclRsn: input.reason,
        ...taxFields(input.amount, input.taxFreeAmount),
      },
      interpret: (reply) => cancellation(reply, input.amount),
    });
  }

  issueVirtualAccount(channel: PgChannelCredentials, input: VirtualAccountIssueInput): Promise<PgResult<VirtualAccountIssued>> {
    return this.#call('issueVirtualAccount', HECTO_OPERATIONS.vaIssue, channel, input, {
      data: {
        bankCd: input.bankCode,
        acntType: input.accountType === 'FIXED' ? '2' : '1',
        vAcntNo: input.fixedAccountNumber,
        expireDate: input.dueAt ? koreanDateTime(input.dueAt) : undefined,
        prdtNm: input.orderName,
        sellerNm: input.sellerName,
        ordNm: input.customer?.name,
        trdAmt: wonToWire(input.amount),
        dpstrNm: input.depositorName,
        email: input.customer?.email,
        mchtCustId: input.customer?.id,
        notiUrl: input.notificationUrl,
        mchtParam: input.customData,
      },
      // The spec says 0051 ("issued, waiting for deposit"); the testbed has been seen to answer
      // 0021. Both mean issued when outRsltCd is 0000.
      okStatuses: [OUT_STAT.success, OUT_STAT.vaWaiting],
      interpret: ({ params, data }) => {
        const amount = wireToWon(data.trdAmt);
        if (!data.vAcntNo || (amount !== undefined && amount !== input.amount)) {
          return unknown('mismatch', 'issued account or amount does not match the request');
        }
        const dueAt = fromKoreanDateTime(data.expireDate);
        return {
          outcome: 'approved',
          pgTxId: params.trdNo ?? '',
          requestId: params.mchtTrdNo ?? '',
          bankCode: data.bankCd ?? input.bankCode,
          accountNumber: data.vAcntNo,
          amount: input.amount,
          ...(dueAt ? { dueAt } : {}),
        };
      },
    });
  }

  changeVirtualAccount(channel: PgChannelCredentials, input: VirtualAccountChangeInput): Promise<PgResult<VirtualAccountChanged>> {
    return this.#call('changeVirtualAccount', HECTO_OPERATIONS.vaChange, channel, input, {
      data: {
        bankCd: input.bankCode,
        vAcntNo: input.accountNumber,
        expireDate: koreanDateTime(input.dueAt),
        trdAmt: wonToWire(input.amount),
        acntType: input.accountType === 'FIXED' ? '2' : '1',
      },
      interpret: ({ params, data }) => {
        const amount = wireToWon(data.trdAmt);
        if (amount !== undefined && amount !== input.amount) return unknown('mismatch', 'changed amount does not match the request');
        const dueAt = fromKoreanDateTime(data.expireDate);
        return {
          outcome: 'approved',
          pgTxId: params.trdNo ?? '',
          accountNumber: data.vAcntNo ?? input.accountNumber,
          amount: input.amount,
          ...(dueAt ? { dueAt } : {}),
        };
      },
    });
  }

  cancelVirtualAccountIssue(
    channel: PgChannelCredentials,
    input: VirtualAccountIssueCancelInput,
  ): Promise<PgResult<VirtualAccountIssueCancelled>> {
    return this.#call('cancelVirtualAccountIssue', HECTO_OPERATIONS.vaIssueCancel, channel, input, {
      data: { orgTrdNo: input.pgTxId, vAcntNo: input.accountNumber },
      interpret: ({ params }) => ({ outcome: 'approved', pgTxId: params.trdNo ?? '' }),
    });
  }

  refundVirtualAccount(channel: PgChannelCredentials, input: VirtualAccountRefundInput): Promise<PgResult<Cancellation>> {
    return this.#call('refundVirtualAccount', HECTO_OPERATIONS.vaRefund, channel, input, {
      data: {
        orgTrdNo: input.pgTxId,
        crcCd: 'KRW',
        cnclOrd: formatCancelRound(input.cancelSequence),
        cnclAmt: wonToWire(input.amount),
        refundBankCd: input.refundBankCode,
        refundAcntNo: input.refundAccountNumber,
        refundDpstrNm: input.refundAccountHolder,
        cnclRsn: input.reason,
        ...taxFields(input.amount, input.taxFreeAmount),
      },
      interpret: (reply) => cancellation(reply, input.amount),
    });
  }

  /**
   * `APITrdcheck`. Its `trdAmt` travels in plain text both ways: spec §38.5/§38.7 mark no AES on it
   * (unlike every other amount) and its example sends `"trdAmt": "500"`. A reply that encrypts it
   * anyway is still read (see exchange.ts).
   */
  inquire(channel: PgChannelCredentials, input: InquiryInput): Promise<PgResult<InquiryResult>> {
    const answerCodes = new Set(['0000', '0001', '0009', '0051', 'ST06']);
    return this.#call<InquiryResult>('inquire', HECTO_OPERATIONS.inquiry, channel, input, {
      data: {
        method: METHOD_CODES[input.paymentMethod],
        trdAmt: wonToWire(input.originalAmount),
        orgTrdDt: koreanTimestamp(input.originalRequestedAt).trdDt,
        orgMchtTrdNo: input.originalRequestId,
        orgTrdNo: input.pgTxId,
      },
      answers: (params) => answerCodes.has(params.outRsltCd ?? ''),
      interpret: ({ params, data }) => {
        const cancelledAmount = wireToWon(data.cnclAmt);
        const amount = wireToWon(data.trdAmt);
        const state = inquiryStateOf(params, cancelledAmount);
        if (!state) return unknown('uncertain_code', `inquiry answered ${params.outRsltCd ?? '(none)'}`);
        if (state === 'NOT_FOUND') return { outcome: 'approved', state };
        // A fully cancelled card payment also reports its cancelled amount; a refunded VA too.
        return {
          outcome: 'approved',
          state,
          ...(params.trdNo ? { pgTxId: params.trdNo } : {}),
          ...(amount !== undefined ? { amount } : {}),
          ...(cancelledAmount !== undefined ? { cancelledAmount } : {}),
        };
      },
    });
  }

  buildPaymentWindow(channel: PgChannelCredentials, input: PaymentWindowInput): PaymentWindowForm {
    const requestId = input.requestId ?? newRequestId(this.#clock.now());
    return buildPaymentWindow(this.#windowBaseUrl, hectoKeys(channel), { ...input, requestId }, this.#clock.now());
  }

  parseWindowReturn(rawBody: string): PaymentWindowReturn {
    return parseWindowReturn(rawBody);
  }

  notificationMerchantId(rawBody: string): string | undefined {
    return notificationMerchantId(rawBody);
  }

  parseNotification(channel: PgChannelCredentials, rawBody: string): NotificationParse {
    return parseNotification(hectoKeys(channel), rawBody);
  }

  /** Keyed-in and billing-key payments share the message and the reply. */
  #cardPayment(
    operation: PgOperation,
    spec: HectoOperationSpec,
    channel: PgChannelCredentials,
    input: Omit<KeyInApprovalInput, 'card'>,
    paymentFields: CardFields | { readonly billKey: string },
  ): Promise<PgResult<CardApproval>> {
    return this.#call(operation, spec, channel, input, {
      data: {
        pmtprdNm: input.orderName,
        mchtCustNm: input.customer?.name ?? '',
        // Hecto requires a customer id (1013); the request id stands in for an anonymous buyer.
        mchtCustId: input.customer?.id,
        email: input.customer?.email,
        ...paymentFields,
        instmtMon: installmentField(input.installmentMonths),
        crcCd: 'KRW',
        trdAmt: wonToWire(input.amount),
        ...taxFields(input.amount, input.taxFreeAmount),
        notiUrl: input.notificationUrl,
        mchtParam: input.customData,
      },
      interpret: ({ params, data }) => {
        const amount = wireToWon(data.trdAmt);
        if (amount !== undefined && amount !== input.amount) return unknown('mismatch', 'approved amount differs from the request');
        if (!params.trdNo) return unknown('mismatch', 'approved without a transaction number');
        return {
          outcome: 'approved',
          pgTxId: params.trdNo,
          requestId: params.mchtTrdNo ?? '',
          amount: input.amount,
          ...(data.apprNo ? { approvalNumber: data.apprNo } : {}),
          installmentMonths: Number(data.instmtMon ?? installmentField(input.installmentMonths)) || 0,
          card: cardInfo(data),
          ...(data.billKey ? { billingKey: new Secret(data.billKey) } : {}),
        };
      },
    });
  }

  /** Fills in the order number and Korean time, resolves the keys, and runs the exchange. */
  #call<T>(
    operation: PgOperation,
    spec: HectoOperationSpec,
    channel: PgChannelCredentials,
    input: { readonly requestId?: string },
    request: {
      data: Readonly<Record<string, string | undefined>>;
      okStatuses?: readonly string[];
      answers?: (params: Readonly<Record<string, string>>) => boolean;
      interpret: (reply: Reply) => PgOutcome<T>;
    },
  ): Promise<PgResult<T>> {
    const keys = hectoKeys(channel);
    const now = this.#clock.now();
    const { trdDt, trdTm } = koreanTimestamp(now);
    const mchtTrdNo = input.requestId ?? newRequestId(now);
    const data = 'mchtCustId' in request.data && !request.data.mchtCustId ? { ...request.data, mchtCustId: mchtTrdNo } : request.data;
    return exchange(
      { apiBaseUrl: this.#apiBaseUrl, timeouts: this.#timeouts, now: () => this.#clock.now(), ...(this.#logger ? { logger: this.#logger } : {}) },
      { operation, spec, keys, order: { mchtTrdNo, trdDt, trdTm }, ...request, data },
    );
  }
}

/** A fresh Hecto order number: "PMX" + Korean YYYYMMDDhhmmss + 10 random hex digits (27 characters). */
export function newRequestId(now: Date): string {
  return `PMX${koreanTimestamp(now).trdDtm}${randomBytes(5).toString('hex').toUpperCase()}`;
}

/**
 * Hecto's compound-tax fields (taxTypeCd "G": taxable supply, VAT and tax-free parts) for an amount
 * with a tax-free part, on approvals and cancels alike. Without one nothing is sent and the MID's
 * own tax setting applies, as before.
 */
function taxFields(amount: Won, taxFree: Won | undefined): Record<string, string> {
  if (taxFree === undefined || taxFree <= 0n) return {};
  const vat = vatOf(amount, taxFree);
  return { taxTypeCd: 'G', taxAmt: wonToWire(amount - taxFree - vat), vatAmt: wonToWire(vat), taxFreeAmt: wonToWire(taxFree) };
}

function cardInfo(data: Readonly<Record<string, string | undefined>>): CardApproval['card'] {
  return {
    // Masked again here so a PG that ever sent the full number could not pass it on.
    ...(data.cardNo ? { maskedNumber: maskCardNumber(data.cardNo) } : {}),
    ...(data.issrId ? { issuerCode: data.issrId } : {}),
    ...(data.cardNm ? { issuerName: data.cardNm } : {}),
    ...(data.cardKind ? { kind: data.cardKind } : {}),
  };
}

function cancellation({ params, data }: Reply, asked: Won): PgOutcome<Cancellation> {
  const cancelled = wireToWon(data.cnclAmt);
  if (cancelled !== undefined && cancelled !== asked) return unknown('mismatch', 'cancelled amount differs from the request');
  const remaining = wireToWon(data.blcAmt);
  return {
    outcome: 'approved',
    pgTxId: params.trdNo ?? '',
    cancelledAmount: asked,
    ...(remaining !== undefined ? { remainingAmount: remaining } : {}),
  };
}
