import { HECTO_OPERATIONS, OUT_RSLT_OK, VA_BANKS, koreanMessage, parseEnvelope } from '../../pg/hecto/codec/index.ts';
import { cancelRejection } from '../cancelRules.ts';
import type { SandboxContext } from '../context.ts';
import { notify } from '../notifications.ts';
import { parseAmount, reply, verifyServerRequest } from '../protocol.ts';
import { expireIfDue, isFixedTestAccount, newDynamicAccountNo, resolveExpiry } from '../vaRules.ts';
import { answer, type RouteResult } from './result.ts';

const ISSUE = HECTO_OPERATIONS.vaIssue;
const CHANGE = HECTO_OPERATIONS.vaChange;
const ISSUE_CANCEL = HECTO_OPERATIONS.vaIssueCancel;
const REFUND = HECTO_OPERATIONS.vaRefund;

/** `APIVBank.do`: bizType A0 issue, A1 change, A2 issue-cancel. */
export function vbank(ctx: SandboxContext, raw: string): RouteResult {
  const envelope = parseEnvelope(raw);
  const bizType = envelope.ok ? envelope.params.bizType : undefined;
  if (bizType === 'A1') return change(ctx, raw);
  if (bizType === 'A2') return issueCancel(ctx, raw);
  return issue(ctx, raw);
}

function issue(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, ISSUE, {
    required: [
      ['prdtNm', '1008'],
      ['sellerNm', '1006'],
      ['trdAmt', '1009'],
    ],
  });
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, params, data } = request;
  const fail = (code: string): RouteResult => answer(reply(ctx, ISSUE, request, { code }));

  if (!merchant.virtualAccount) return fail('ST69');
  const amount = parseAmount(data.trdAmt);
  if (amount === undefined || amount <= 0 || !data.bankCd || !VA_BANKS[data.bankCd]) return fail('6001');
  const acntType = data.acntType || '1';
  const wantsFixed = acntType === '2';
  if (acntType !== '1' && acntType !== '2') return fail('ST69');
  if (wantsFixed !== (merchant.virtualAccount === 'FIXED')) return fail('ST69');
  const now = ctx.clock();
  const expireDate = resolveExpiry(data.expireDate, now);
  if (!expireDate) return fail('6001');
  const requested = data.vAcntNo ?? '';
  if (wantsFixed && !isFixedTestAccount(data.bankCd, requested)) return fail('6001');
  if (wantsFixed) {
    const previous = ctx.ledger.findLastByAccount(requested);
    if (previous) expireIfDue(ctx, previous);
    if (ctx.ledger.isAccountOpen(requested)) return fail('ST08');
  }
  if (!ctx.ledger.claimOrderNo(merchant.mchtId, params.mchtTrdNo ?? '')) return fail('ST50');

  const vAcntNo = wantsFixed ? requested : newDynamicAccountNo(ctx);
  const transaction = ctx.ledger.record(
    {
      mchtTrdNo: params.mchtTrdNo ?? '',
      mchtId: merchant.mchtId,
      method: 'VA',
      channel: 'API',
      status: 'VA_WAITING',
      amount,
      resultCode: OUT_RSLT_OK,
      virtualAccount: { bankCd: data.bankCd, vAcntNo, expireDate, acntType },
      productName: data.prdtNm,
      ...(data.ordNm ? { customerName: data.ordNm } : {}),
      ...(data.mchtCustId ? { customerId: data.mchtCustId } : {}),
      ...(data.email ? { email: data.email } : {}),
      ...(data.notiUrl ? { notiUrl: data.notiUrl } : {}),
      ...(data.mchtParam ? { mchtParam: data.mchtParam } : {}),
    },
    now,
  );
  notify(ctx, transaction, { kind: 'VA_ISSUED', at: now });
  return answer(
    reply(ctx, ISSUE, request, {
      code: OUT_RSLT_OK,
      trdNo: transaction.trdNo,
      data: { bankCd: data.bankCd, vAcntNo, expireDate, trdAmt: String(amount), acntType },
    }),
  );
}

function change(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, CHANGE, { required: [['trdAmt', '1009']] });
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, params, data } = request;
  const fail = (code: string): RouteResult => answer(reply(ctx, CHANGE, request, { code }));

  if (!merchant.virtualAccount) return fail('ST69');
  const amount = parseAmount(data.trdAmt);
  if (amount === undefined || amount <= 0 || !data.vAcntNo || !data.expireDate) return fail('6001');
  const transaction = ctx.ledger.findLastByAccount(data.vAcntNo);
  if (!transaction || transaction.mchtId !== merchant.mchtId) return fail('ST06');
  expireIfDue(ctx, transaction);
  if (transaction.status === 'VA_DEPOSITED' || transaction.status.startsWith('VA_PARTIAL') || transaction.status === 'VA_REFUNDED') {
    return fail('ST03');
  }
  if (transaction.status !== 'VA_WAITING') return fail('ST06');
  const now = ctx.clock();
  const expireDate = resolveExpiry(data.expireDate, now);
  if (!expireDate) return fail('6001');
  if (!ctx.ledger.claimOrderNo(merchant.mchtId, params.mchtTrdNo ?? '')) return fail('ST50');

  const account = transaction.virtualAccount;
  if (!account) return fail('ST06');
  transaction.amount = amount;
  account.expireDate = expireDate;
  return answer(
    reply(ctx, CHANGE, request, {
      code: OUT_RSLT_OK,
      trdNo: transaction.trdNo,
      data: { bankCd: account.bankCd, vAcntNo: account.vAcntNo, expireDate, trdAmt: String(amount), acntType: account.acntType },
    }),
  );
}

function issueCancel(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, ISSUE_CANCEL);
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, params, data } = request;
  const fail = (code: string): RouteResult => answer(reply(ctx, ISSUE_CANCEL, request, { code }));

  if (!data.orgTrdNo || !data.vAcntNo) return fail('6001');
  const transaction = ctx.ledger.get(data.orgTrdNo);
  const account = transaction?.virtualAccount;
  if (!transaction || !account || transaction.mchtId !== merchant.mchtId) return fail('ST06');
  if (account.vAcntNo !== data.vAcntNo) return fail('6001');
  expireIfDue(ctx, transaction);
  if (transaction.status === 'VA_ISSUE_CANCELLED') return fail('CA12');
  if (transaction.status !== 'VA_WAITING' && transaction.status !== 'VA_EXPIRED') return fail('ST03');
  if (!ctx.ledger.claimOrderNo(merchant.mchtId, params.mchtTrdNo ?? '')) return fail('ST50');

  const now = ctx.clock();
  transaction.status = 'VA_ISSUE_CANCELLED';
  ctx.ledger.closeAccount(account.vAcntNo);
  notify(ctx, transaction, { kind: 'VA_ISSUE_CANCELLED', at: now });
  return answer(
    reply(ctx, ISSUE_CANCEL, request, {
      code: OUT_RSLT_OK,
      trdNo: ctx.ledger.newTrdNo('VA', merchant.mchtId, now),
      data: { orgTrdNo: transaction.trdNo, vAcntNo: account.vAcntNo },
    }),
  );
}

/** `APIRefund.do` (VA/C0): refund a deposited account, fully or in rounds. */
export function refund(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, REFUND, { required: [['cnclAmt', '1009']] });
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, params, data } = request;
  const fail = (code: string): RouteResult => answer(reply(ctx, REFUND, request, { code }));

  if (!data.orgTrdNo) return fail('6001');
  const amount = parseAmount(data.cnclAmt);
  if (amount === undefined || data.crcCd !== 'KRW' || !data.cnclOrd) return fail('6001');
  if (!data.refundBankCd || !data.refundAcntNo || !data.refundDpstrNm) return fail('6001');
  if (!ctx.ledger.claimOrderNo(merchant.mchtId, params.mchtTrdNo ?? '')) return fail('ST50');

  const transaction = ctx.ledger.get(data.orgTrdNo);
  const rejection = cancelRejection(transaction, merchant.mchtId, ['VA'], data.cnclOrd, amount);
  if (rejection !== undefined || !transaction) return fail(rejection ?? 'ST06');
  const record = ctx.ledger.applyCancel(transaction, {
    mchtTrdNo: params.mchtTrdNo ?? '',
    cnclOrd: data.cnclOrd,
    amount,
    at: ctx.clock(),
    nightly: false,
  });
  notify(ctx, transaction, { kind: 'CANCELLED', cancel: record });
  return answer(
    reply(ctx, REFUND, request, {
      code: OUT_RSLT_OK,
      trdNo: record.trdNo,
      data: {
        orgTrdNo: transaction.trdNo,
        cnclAmt: String(amount),
        blcAmt: String(ctx.ledger.remaining(transaction)),
        vAcntNo: transaction.virtualAccount?.vAcntNo,
      },
    }),
  );
}

export interface DepositTestReply {
  method: string;
  bizType: string;
  outRsltCd: string;
  outRsltMsg: string;
}

/**
 * `GET APIVBankTest.do?mchtId=&method=VA&bizType=F1&vAcntNo=&trdAmt=` (testbed only): simulates
 * the buyer's deposit and sends the deposit notification. `dpstrNm` (depositor) is optional.
 */
export function depositTest(ctx: SandboxContext, query: Readonly<Record<string, string | undefined>>): DepositTestReply {
  const result = (code: string, message?: string): DepositTestReply => ({
    method: query.method ?? 'VA',
    bizType: query.bizType ?? 'F1',
    outRsltCd: code,
    outRsltMsg: message ?? (code === OUT_RSLT_OK ? '정상 처리 되었습니다.' : koreanMessage(code)),
  });
  if (!query.mchtId) return result('1001');
  if (!ctx.merchants.get(query.mchtId)) return result('ST47');
  if (query.method !== 'VA' || query.bizType !== 'F1' || !query.vAcntNo) return result('6001');
  if (!query.trdAmt) return result('1009');
  const amount = parseAmount(query.trdAmt);
  if (amount === undefined) return result('6001');

  const transaction = ctx.ledger.findLastByAccount(query.vAcntNo);
  if (!transaction || transaction.mchtId !== query.mchtId) return result('ST06');
  expireIfDue(ctx, transaction);
  if (transaction.status === 'VA_EXPIRED') return result('5002');
  if (transaction.status !== 'VA_WAITING' || !transaction.virtualAccount) return result('ST03');
  if (amount !== transaction.amount) return result('ST19', '입금액이 주문금액과 일치하지 않습니다.');

  const now = ctx.clock();
  transaction.status = 'VA_DEPOSITED';
  transaction.virtualAccount.depositedAt = now;
  transaction.virtualAccount.depositorName = query.dpstrNm || transaction.customerName || '홍길동';
  ctx.ledger.closeAccount(transaction.virtualAccount.vAcntNo);
  notify(ctx, transaction, { kind: 'VA_DEPOSITED', at: now });
  return result(OUT_RSLT_OK);
}
