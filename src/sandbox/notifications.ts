import {
  OUT_STAT,
  VA_BANKS,
  koreanTimestamp,
  notificationHash,
  type CardNotification,
  type TransferNotification,
  type VirtualAccountNotification,
} from '../pg/hecto/codec/index.ts';
import type { SandboxContext } from './context.ts';
import type { CancelRecord, LedgerTransaction } from './ledger.ts';

/**
 * Builds and sends the notifications Hecto posts to the merchant: card and transfer approvals and
 * cancels, VA issue (0051/A0), deposit (0021/B1), issue-cancel (A2) and refund (C0). Cancels carry
 * the original payment's mchtTrdNo and `orgTrdNo`, with the cancel's own trdNo and amount.
 */
export type NotificationEvent =
  | { kind: 'APPROVED'; at: Date }
  /** A key-only card window: the card was authenticated and a billKey issued (CA/A4, amount 0). */
  | { kind: 'BILL_KEY_ISSUED'; at: Date }
  | { kind: 'CANCELLED'; cancel: CancelRecord }
  | { kind: 'VA_ISSUED'; at: Date }
  | { kind: 'VA_DEPOSITED'; at: Date }
  | { kind: 'VA_ISSUE_CANCELLED'; at: Date };

export function notify(ctx: SandboxContext, transaction: LedgerTransaction, event: NotificationEvent): void {
  if (!ctx.settings.notify) return;
  if (event.kind === 'CANCELLED' && !ctx.settings.notifyCancels) return;
  const merchant = ctx.merchants.get(transaction.mchtId);
  if (!merchant) return;
  // The per-MID notice URL (registered with Hecto by e-mail) receives VA deposit notices.
  const url = event.kind === 'VA_DEPOSITED' ? (merchant.noticeUrl ?? transaction.notiUrl) : transaction.notiUrl;
  if (!url) return;
  const fields = buildNotification(transaction, event, merchant.licenseKey);
  ctx.notifier.send(url, stringFields(fields));
}

export function buildNotification(
  transaction: LedgerTransaction,
  event: NotificationEvent,
  licenseKey: string,
): CardNotification | VirtualAccountNotification | TransferNotification {
  const at = event.kind === 'CANCELLED' ? event.cancel.at : event.at;
  const trdDtm = koreanTimestamp(at).trdDtm;
  const outStatCd = event.kind === 'VA_ISSUED' ? OUT_STAT.vaWaiting : OUT_STAT.success;
  const trdAmt = String(event.kind === 'CANCELLED' ? event.cancel.amount : transaction.amount);
  const base = {
    outStatCd,
    trdNo: event.kind === 'CANCELLED' ? event.cancel.trdNo : transaction.trdNo,
    method: transaction.method,
    bizType: bizTypeOf(transaction, event),
    mchtId: transaction.mchtId,
    mchtTrdNo: transaction.mchtTrdNo,
    mchtCustNm: transaction.customerName,
    pmtprdNm: transaction.productName,
    trdDtm,
    trdAmt,
    email: transaction.email,
    mchtCustId: transaction.customerId,
    mchtParam: transaction.mchtParam,
    ...(event.kind === 'CANCELLED'
      ? {
          orgTrdNo: transaction.trdNo,
          orgTrdDt: transaction.trdDt,
          cnclType: event.cancel.amount === transaction.amount ? ('00' as const) : ('10' as const),
        }
      : {}),
    pktHash: notificationHash(
      { outStatCd, trdDtm, mchtId: transaction.mchtId, mchtTrdNo: transaction.mchtTrdNo, trdAmt },
      licenseKey,
    ),
  };
  if (transaction.method === 'CA') {
    const card = transaction.card;
    return {
      ...base,
      cardCd: card?.issuer.issrId,
      cardNm: card?.issuer.cardNm,
      cardNo: card?.masked,
      cardApprNo: card?.apprNo,
      instmtMon: card?.instmtMon,
      billKey: transaction.billKey,
    };
  }
  if (transaction.method === 'VA') {
    const account = transaction.virtualAccount;
    return {
      ...base,
      bankCd: account?.bankCd,
      bankNm: account ? VA_BANKS[account.bankCd] : undefined,
      acntType: account?.acntType,
      vAcntNo: account?.vAcntNo,
      expireDt: account?.expireDate,
      dpstrNm: event.kind === 'VA_DEPOSITED' ? account?.depositorName : undefined,
    };
  }
  return { ...base, bankCd: transaction.bank?.bankCd, bankNm: transaction.bank?.bankNm };
}

function bizTypeOf(transaction: LedgerTransaction, event: NotificationEvent): string {
  switch (event.kind) {
    case 'APPROVED':
      return 'B0';
    case 'BILL_KEY_ISSUED':
      return 'A4';
    case 'CANCELLED':
      return 'C0';
    case 'VA_ISSUED':
      return 'A0';
    case 'VA_DEPOSITED':
      return transaction.method === 'VA' ? 'B1' : 'B0';
    case 'VA_ISSUE_CANCELLED':
      return 'A2';
  }
}

function stringFields(fields: object): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) if (typeof value === 'string') result[key] = value;
  return result;
}
