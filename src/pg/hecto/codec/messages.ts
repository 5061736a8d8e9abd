/**
 * Typed Hecto messages. Field names are Hecto's, spelling included (`pmtprdNm` in the card API,
 * `pmtPrdtNm` in the window, `prdtNm` in the VA API). Amounts are decimal strings of won. Types
 * describe plain (decrypted) values; which fields travel encrypted is in operations.ts.
 */

/** `params` of every server API request except the inquiry. */
export interface RequestParams {
  mchtId: string;
  ver: string;
  method: string;
  bizType: string;
  encCd: string;
  mchtTrdNo: string;
  trdDt: string;
  trdTm: string;
  mobileYn?: 'Y' | 'N';
  osType?: 'A' | 'I' | 'W' | 'M' | 'E';
}

/** `params` of every server API reply. */
export interface ReplyParams extends RequestParams {
  trdNo: string;
  outStatCd: string;
  outRsltCd: string;
  outRsltMsg: string;
}

interface TaxAmounts {
  taxTypeCd?: 'N' | 'Y' | 'G';
  taxAmt?: string;
  vatAmt?: string;
  taxFreeAmt?: string;
  svcAmt?: string;
}

/** Card fields: only ever in memory for one call. */
export interface CardFields {
  cardNo: string;
  /** MM */
  vldDtMon: string;
  /** YY */
  vldDtYear: string;
  /** 카유비생 only: YYMMDD birth date or 10-digit business number. */
  idntNo?: string;
  /** 카유비생 only: first 2 digits of the card password. */
  cardPwd?: string;
}

/** `APICardActionPay` (CA/B0) with card fields. */
export interface CardApprovalData extends CardFields, TaxAmounts {
  pktHash: string;
  pmtprdNm: string;
  mchtCustNm: string;
  mchtCustId: string;
  email?: string;
  /** "00" = lump sum. */
  instmtMon: string;
  crcCd: 'KRW' | 'USD';
  trdAmt: string;
  notiUrl?: string;
  mchtParam?: string;
}

/** `APICardActionPay` (CA/B0) with a billing key. */
export interface BillingPaymentData extends TaxAmounts {
  pktHash: string;
  pmtprdNm: string;
  mchtCustNm: string;
  mchtCustId: string;
  email?: string;
  billKey: string;
  instmtMon: string;
  crcCd: 'KRW' | 'USD';
  trdAmt: string;
  notiUrl?: string;
  mchtParam?: string;
}

export interface CardApprovalReplyData {
  pktHash: string;
  trdAmt: string;
  billKey?: string;
  /** Masked, e.g. 111122******4444. */
  cardNo?: string;
  issrId?: string;
  cardNm?: string;
  cardKind?: string;
  ninstmtTypeCd?: 'Y' | 'N';
  instmtMon?: string;
  apprNo?: string;
}

/** `APICardAuth` (CA/A4): issue a billing key without charging. */
export interface BillKeyIssueData extends CardFields {
  pktHash: string;
  mchtCustNm?: string;
  mchtCustId?: string;
  keyRegYn: 'Y' | 'N';
}

export interface BillKeyIssueReplyData {
  pktHash: string;
  cardNo?: string;
  issrId?: string;
  cardNm?: string;
  cardKind?: string;
  billKey?: string;
}

/** `APICardActionDelkey` (CA/A1). */
export interface BillKeyDeleteData {
  pktHash: string;
  billKey: string;
  etcInfo?: string;
}

export interface BillKeyDeleteReplyData {
  pktHash: string;
  billKey: string;
}

/** `APICancel` (CA or RA / C0). */
export interface CancelData extends TaxAmounts {
  pktHash: string;
  orgTrdNo: string;
  crcCd: 'KRW' | 'USD';
  /** "001", "002", … one per successful cancel of the payment. */
  cnclOrd: string;
  cnclAmt: string;
  cnclRsn?: string;
}

export interface CancelReplyData {
  pktHash: string;
  orgTrdNo?: string;
  cnclAmt: string;
  cardCnclAmt?: string;
  pntCnclAmt?: string;
  coupCnclAmt?: string;
  /** Remaining cancellable balance after this cancel. */
  blcAmt: string;
}

/** `APIVBank` VA/A0: issue a virtual account. */
export interface VaIssueData {
  pktHash: string;
  bankCd: string;
  /** 1 dynamic (회전식), 2 fixed (고정식), 3 fixed-unlimited. */
  acntType: '1' | '2' | '3';
  /** Fixed accounts only. */
  vAcntNo?: string;
  /** YYYYMMDDhhmmss; default trade date + 10 days. */
  expireDate?: string;
  prdtNm: string;
  sellerNm: string;
  ordNm?: string;
  trdAmt: string;
  dpstrNm?: string;
  taxTypeCd?: 'N' | 'Y' | 'G';
  escrAgrYn?: 'Y' | 'N';
  csrcIssReqYn?: 'Y' | 'N';
  email?: string;
  notiUrl?: string;
  mchtParam?: string;
  mchtCustId?: string;
}

export interface VaIssueReplyData {
  pktHash: string;
  bankCd: string;
  vAcntNo: string;
  expireDate: string;
  trdAmt: string;
  acntType: string;
}

/** `APIVBank` VA/A1: change amount or deadline of an issued account. */
export interface VaChangeData {
  pktHash: string;
  bankCd: string;
  vAcntNo: string;
  expireDate: string;
  trdAmt: string;
  acntType: string;
}

export type VaChangeReplyData = VaChangeData;

/** `APIVBank` VA/A2: cancel an issued (not yet paid) account. */
export interface VaIssueCancelData {
  pktHash: string;
  orgTrdNo: string;
  vAcntNo: string;
}

export interface VaIssueCancelReplyData {
  pktHash: string;
  orgTrdNo?: string;
  acntType?: string;
  vAcntNo: string;
}

/** `APIRefund` VA/C0: refund a deposited account to the buyer's bank account. */
export interface VaRefundData extends TaxAmounts {
  pktHash: string;
  orgTrdNo: string;
  crcCd: 'KRW';
  cnclOrd: string;
  cnclAmt: string;
  refundBankCd: string;
  refundAcntNo: string;
  refundDpstrNm: string;
  cnclRsn?: string;
}

export interface VaRefundReplyData {
  pktHash: string;
  orgTrdNo?: string;
  cnclAmt: string;
  blcAmt?: string;
  vAcntNo?: string;
}

/** `APITrdcheck` params (ver 0A1M; no method/bizType/encCd). */
export interface InquiryParams {
  mchtId: string;
  ver: string;
  mchtTrdNo: string;
  trdDt: string;
  trdTm: string;
}

export interface InquiryData {
  pktHash: string;
  /** CA, VA, RA, … */
  method: string;
  /** Plain amount of the original transaction. */
  trdAmt: string;
  /** Trade date of the original request (YYYYMMDD); Hecto searches the day before to the day after. */
  orgTrdDt: string;
  orgMchtTrdNo: string;
  orgTrdNo?: string;
}

export interface InquiryReplyParams extends InquiryParams {
  trdNo: string;
  outStatCd: string;
  /** 0000 normal (VA: deposited), 0001 cancelled (VA: refunded), 0009 failed, or a reject code. */
  outRsltCd: string;
  outRsltMsg: string;
}

export interface InquiryReplyData {
  pktHash: string;
  method: string;
  trdAmt: string;
  cnclAmt?: string;
}

/** Payment window form (browser POST to `/card/main.do`, `/vbank/main.do`, `/bank/main.do`). */
export interface WindowRequest extends TaxAmounts {
  mchtId: string;
  /** `card`, `vbank`, `bank` */
  method: string;
  trdDt: string;
  trdTm: string;
  mchtTrdNo: string;
  mchtName: string;
  mchtEName?: string;
  pmtPrdtNm: string;
  trdAmt: string;
  mchtCustNm?: string;
  mchtCustId?: string;
  email?: string;
  cphoneNo?: string;
  custAcntSumry?: string;
  notiUrl: string;
  nextUrl: string;
  cancUrl: string;
  mchtParam?: string;
  expireDt?: string;
  instmtMon?: string;
  prdtTerm?: string;
  custIp?: string;
  appScheme?: string;
  /** Card window on a billing MID: "Y" registers the card and issues a billKey without a charge (trdAmt "0"; unsettled). */
  keyRegYn?: string;
  /**
   * Card window: the card issuers (issrId, comma-separated) to offer. Not in Hecto's published
   * window spec (unsettled, see src/sandbox/README.md); the simulator honours it.
   */
  cardCd?: string;
  pktHash: string;
}

/** What the window posts to `nextUrl` (or `cancUrl`) — carries no hash, so it proves nothing. */
export interface WindowResult {
  mchtId: string;
  outStatCd: string;
  outRsltCd: string;
  outRsltMsg: string;
  method: string;
  mchtTrdNo: string;
  mchtCustId?: string;
  trdNo?: string;
  trdAmt?: string;
  mchtParam?: string;
  authDt?: string;
  authNo?: string;
  intMon?: string;
  fnNm?: string;
  fnCd?: string;
  billKey?: string;
  vtlAcntNo?: string;
  expireDt?: string;
}

/** Notification (form POST to notiUrl). Values are plain. The receiver answers `OK`. */
export interface NotificationBase {
  outStatCd: string;
  trdNo: string;
  /** CA, VA, RA */
  method: string;
  /** B0 approval, C0 cancel/refund, A0 VA issued, B1 VA deposited, A2 VA issue cancelled */
  bizType: string;
  mchtId: string;
  mchtTrdNo: string;
  mchtCustNm?: string;
  mchtName?: string;
  pmtprdNm?: string;
  /** YYYYMMDDhhmmss; approval time, or the cancel time for cancels. */
  trdDtm: string;
  trdAmt: string;
  email?: string;
  mchtCustId?: string;
  orgTrdNo?: string;
  orgTrdDt?: string;
  /** 00 full cancel, 10 partial cancel. */
  cnclType?: '00' | '10';
  mchtParam?: string;
  pktHash: string;
}

export interface CardNotification extends NotificationBase {
  cardCd?: string;
  cardNm?: string;
  cardNo?: string;
  cardApprNo?: string;
  instmtMon?: string;
  billKey?: string;
}

export interface VirtualAccountNotification extends NotificationBase {
  bankCd?: string;
  bankNm?: string;
  acntType?: string;
  vAcntNo?: string;
  expireDt?: string;
  dpstrNm?: string;
}

export interface TransferNotification extends NotificationBase {
  bankCd?: string;
  bankNm?: string;
}

export type HectoNotification = CardNotification | VirtualAccountNotification | TransferNotification;
