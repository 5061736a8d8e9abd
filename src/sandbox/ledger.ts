import { formatBillKey, formatTrdNo, koreanTimestamp } from '../pg/hecto/codec/index.ts';
import type { CardBehaviour, CardIssuer } from './testCards.ts';

/**
 * The simulator's books, in memory. Every check-then-write below is synchronous, so within one
 * Node process no two requests can interleave between "is this order number free?" and "take it";
 * that is what makes duplicate detection (ST50) and balance checks hold under concurrent requests.
 */
export type TransactionStatus =
  | 'APPROVED'
  | 'PARTIAL_CANCELLED'
  | 'CANCELLED'
  | 'FAILED'
  | 'VA_WAITING'
  | 'VA_DEPOSITED'
  | 'VA_PARTIAL_REFUNDED'
  | 'VA_REFUNDED'
  | 'VA_ISSUE_CANCELLED'
  | 'VA_EXPIRED';

export type TransactionMethod = 'CA' | 'VA' | 'RA';

export interface CancelRecord {
  trdNo: string;
  mchtTrdNo: string;
  cnclOrd: string;
  amount: number;
  /** The tax-free part of `amount` (0 when none; absent in ledgers saved before it was kept). */
  taxFreeAmount?: number;
  at: Date;
  nightly: boolean;
}

export interface CardDetails {
  masked: string;
  issuer: CardIssuer;
  apprNo: string;
  instmtMon: string;
}

export interface VirtualAccountDetails {
  bankCd: string;
  vAcntNo: string;
  /** YYYYMMDDhhmmss, Korean time. */
  expireDate: string;
  acntType: string;
  depositorName?: string;
  depositedAt?: Date;
}

export interface LedgerTransaction {
  trdNo: string;
  mchtTrdNo: string;
  mchtId: string;
  method: TransactionMethod;
  channel: 'API' | 'BILLING' | 'WINDOW';
  status: TransactionStatus;
  amount: number;
  cancelledAmount: number;
  /** The tax-free part of `amount` (taxFreeAmt of a compound-tax request), and how much of it is cancelled. */
  taxFreeAmount?: number;
  cancelledTaxFreeAmount?: number;
  cancels: CancelRecord[];
  /** Korean date/time of the request (the transaction's trade date). */
  trdDt: string;
  trdTm: string;
  createdAt: Date;
  resultCode: string;
  billKey?: string;
  card?: CardDetails;
  virtualAccount?: VirtualAccountDetails;
  bank?: { bankCd: string; bankNm: string };
  notiUrl?: string;
  mchtParam?: string;
  productName?: string;
  customerName?: string;
  customerId?: string;
  email?: string;
}

export interface BillKeyRecord {
  billKey: string;
  mchtId: string;
  /** The card's simulated behaviour and masked number; never the number itself. */
  behaviour: CardBehaviour;
  issuer: CardIssuer;
  masked: string;
  createdAt: Date;
  deletedAt?: Date;
}

/** What `GET /__sandbox/transactions` shows. */
export interface TransactionView {
  trdNo: string;
  mchtTrdNo: string;
  mchtId: string;
  method: TransactionMethod;
  status: TransactionStatus;
  amount: number;
  cancelledAmount: number;
  taxFreeAmount: number;
  cancelledTaxFreeAmount: number;
  billKey?: string;
  vAcntNo?: string;
  createdAt: string;
  cancels: { trdNo: string; cnclOrd: string; amount: number; taxFreeAmount: number; at: string; nightly: boolean }[];
}

export interface LedgerSnapshot {
  version: 1;
  sequence: number;
  transactions: LedgerTransaction[];
  usedOrderNos: [mchtId: string, mchtTrdNo: string][];
  billKeys: BillKeyRecord[];
  /** vAcntNo → trdNo of the transaction holding it open. */
  openAccounts: [vAcntNo: string, trdNo: string][];
}

const orderKey = (mchtId: string, mchtTrdNo: string): string => `${mchtId}\u0000${mchtTrdNo}`;

export class Ledger {
  readonly #transactions = new Map<string, LedgerTransaction>();
  readonly #paymentsByOrder = new Map<string, string>();
  readonly #usedOrderNos = new Set<string>();
  readonly #billKeys = new Map<string, BillKeyRecord>();
  readonly #openAccounts = new Map<string, string>();
  readonly #lastByAccount = new Map<string, string>();
  #sequence = 1_000_000 + Math.floor(Math.random() * 8_000_000);
  /** Called after every change made through the ledger's methods (persistence listens). */
  onChange: (() => void) | undefined;

  #changed(): void {
    this.onChange?.();
  }

  /** Takes a merchant order number for good; false when it was already used (ST50). */
  claimOrderNo(mchtId: string, mchtTrdNo: string): boolean {
    const key = orderKey(mchtId, mchtTrdNo);
    if (this.#usedOrderNos.has(key)) return false;
    this.#usedOrderNos.add(key);
    this.#changed();
    return true;
  }

  isOrderNoUsed(mchtId: string, mchtTrdNo: string): boolean {
    return this.#usedOrderNos.has(orderKey(mchtId, mchtTrdNo));
  }

  newTrdNo(method: TransactionMethod, mchtId: string, at: Date): string {
    this.#sequence = (this.#sequence + 1) % 10_000_000;
    this.#changed();
    return formatTrdNo(method, mchtId, at, this.#sequence);
  }

  newBillKey(mchtId: string, at: Date): string {
    this.#sequence = (this.#sequence + 1) % 10_000_000;
    this.#changed();
    return formatBillKey(mchtId, at, this.#sequence);
  }

  record(
    fields: Omit<LedgerTransaction, 'trdNo' | 'cancelledAmount' | 'cancels' | 'trdDt' | 'trdTm' | 'createdAt'>,
    at: Date,
  ): LedgerTransaction {
    const { trdDt, trdTm } = koreanTimestamp(at);
    const transaction: LedgerTransaction = {
      ...fields,
      trdNo: this.newTrdNo(fields.method, fields.mchtId, at),
      cancelledAmount: 0,
      cancels: [],
      trdDt,
      trdTm,
      createdAt: at,
    };
    this.#transactions.set(transaction.trdNo, transaction);
    this.#paymentsByOrder.set(orderKey(fields.mchtId, fields.mchtTrdNo), transaction.trdNo);
    if (transaction.virtualAccount) {
      this.#openAccounts.set(transaction.virtualAccount.vAcntNo, transaction.trdNo);
      this.#lastByAccount.set(transaction.virtualAccount.vAcntNo, transaction.trdNo);
    }
    this.#changed();
    return transaction;
  }

  get(trdNo: string): LedgerTransaction | undefined {
    return this.#transactions.get(trdNo);
  }

  findByOrder(mchtId: string, mchtTrdNo: string): LedgerTransaction | undefined {
    const trdNo = this.#paymentsByOrder.get(orderKey(mchtId, mchtTrdNo));
    return trdNo ? this.#transactions.get(trdNo) : undefined;
  }

  /** The transaction holding an open (issued, not cancelled) virtual account number. */
  findOpenAccount(vAcntNo: string): LedgerTransaction | undefined {
    const trdNo = this.#openAccounts.get(vAcntNo);
    return trdNo ? this.#transactions.get(trdNo) : undefined;
  }

  /** The latest transaction that used this account number, open or not. */
  findLastByAccount(vAcntNo: string): LedgerTransaction | undefined {
    const trdNo = this.#lastByAccount.get(vAcntNo);
    return trdNo ? this.#transactions.get(trdNo) : undefined;
  }

  isAccountOpen(vAcntNo: string): boolean {
    return this.#openAccounts.has(vAcntNo);
  }

  closeAccount(vAcntNo: string): void {
    this.#openAccounts.delete(vAcntNo);
    this.#changed();
  }

  remaining(transaction: LedgerTransaction): number {
    return transaction.amount - transaction.cancelledAmount;
  }

  /** The tax-free part still cancellable. */
  remainingTaxFree(transaction: LedgerTransaction): number {
    return (transaction.taxFreeAmount ?? 0) - (transaction.cancelledTaxFreeAmount ?? 0);
  }

  /**
   * Books a (partial) cancel or refund that the caller has already validated. Without a tax-free
   * part named, the cancel is taxable as far as the taxable balance goes (a cancel of everything
   * left, like the nightly one, takes the tax-free balance left).
   */
  applyCancel(
    transaction: LedgerTransaction,
    cancel: Omit<CancelRecord, 'trdNo' | 'taxFreeAmount'> & { taxFreeAmount?: number },
  ): CancelRecord {
    const taxableLeft = this.remaining(transaction) - this.remainingTaxFree(transaction);
    const taxFreeAmount = cancel.taxFreeAmount ?? Math.max(0, cancel.amount - taxableLeft);
    const record: CancelRecord = { ...cancel, taxFreeAmount, trdNo: this.newTrdNo(transaction.method, transaction.mchtId, cancel.at) };
    transaction.cancels.push(record);
    transaction.cancelledAmount += cancel.amount;
    transaction.cancelledTaxFreeAmount = (transaction.cancelledTaxFreeAmount ?? 0) + taxFreeAmount;
    const fully = transaction.cancelledAmount >= transaction.amount;
    if (transaction.method === 'VA') transaction.status = fully ? 'VA_REFUNDED' : 'VA_PARTIAL_REFUNDED';
    else transaction.status = fully ? 'CANCELLED' : 'PARTIAL_CANCELLED';
    this.#changed();
    return record;
  }

  saveBillKey(record: BillKeyRecord): void {
    this.#billKeys.set(record.billKey, record);
    this.#changed();
  }

  getBillKey(billKey: string): BillKeyRecord | undefined {
    return this.#billKeys.get(billKey);
  }

  all(): LedgerTransaction[] {
    return [...this.#transactions.values()];
  }

  /**
   * Everything needed to rebuild the books after a restart. Holds masked card numbers and test
   * behaviours only: the ledger never had a full card number to give.
   */
  snapshot(): LedgerSnapshot {
    return {
      version: 1,
      sequence: this.#sequence,
      transactions: this.all(),
      usedOrderNos: [...this.#usedOrderNos].map((key) => key.split('\u0000') as [string, string]),
      billKeys: [...this.#billKeys.values()],
      openAccounts: [...this.#openAccounts.entries()],
    };
  }

  /** Replaces the books with a snapshot (from `snapshot()`, possibly through JSON). */
  restore(snapshot: LedgerSnapshot): void {
    this.#transactions.clear();
    this.#paymentsByOrder.clear();
    this.#usedOrderNos.clear();
    this.#billKeys.clear();
    this.#openAccounts.clear();
    this.#lastByAccount.clear();
    this.#sequence = snapshot.sequence;
    // Insertion order is booking order, so later bookings win as they did when first recorded.
    for (const transaction of snapshot.transactions) {
      this.#transactions.set(transaction.trdNo, transaction);
      this.#paymentsByOrder.set(orderKey(transaction.mchtId, transaction.mchtTrdNo), transaction.trdNo);
      if (transaction.virtualAccount) this.#lastByAccount.set(transaction.virtualAccount.vAcntNo, transaction.trdNo);
    }
    for (const [mchtId, mchtTrdNo] of snapshot.usedOrderNos) this.#usedOrderNos.add(orderKey(mchtId, mchtTrdNo));
    for (const record of snapshot.billKeys) this.#billKeys.set(record.billKey, record);
    for (const [vAcntNo, trdNo] of snapshot.openAccounts) this.#openAccounts.set(vAcntNo, trdNo);
  }

  view(mchtId?: string): TransactionView[] {
    return this.all()
      .filter((t) => mchtId === undefined || t.mchtId === mchtId)
      .map((t) => ({
        trdNo: t.trdNo,
        mchtTrdNo: t.mchtTrdNo,
        mchtId: t.mchtId,
        method: t.method,
        status: t.status,
        amount: t.amount,
        cancelledAmount: t.cancelledAmount,
        taxFreeAmount: t.taxFreeAmount ?? 0,
        cancelledTaxFreeAmount: t.cancelledTaxFreeAmount ?? 0,
        ...(t.billKey ? { billKey: t.billKey } : {}),
        ...(t.virtualAccount ? { vAcntNo: t.virtualAccount.vAcntNo } : {}),
        createdAt: t.createdAt.toISOString(),
        cancels: t.cancels.map((c) => ({
          trdNo: c.trdNo,
          cnclOrd: c.cnclOrd,
          amount: c.amount,
          taxFreeAmount: c.taxFreeAmount ?? 0,
          at: c.at.toISOString(),
          nightly: c.nightly,
        })),
      }));
  }
}
