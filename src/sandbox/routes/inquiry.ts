import { HECTO_OPERATIONS, OUT_STAT, parseKoreanDateTime } from '../../pg/hecto/codec/index.ts';
import type { SandboxContext } from '../context.ts';
import type { LedgerTransaction } from '../ledger.ts';
import { reply, verifyServerRequest } from '../protocol.ts';
import { expireIfDue } from '../vaRules.ts';
import { answer, type RouteResult } from './result.ts';

const INQUIRY = HECTO_OPERATIONS.inquiry;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `APITrdcheck.do` (ver 0A1M): the state of one payment, found by `orgTrdNo` or by
 * `orgMchtTrdNo`, within a day of `orgTrdDt`. outRsltCd 0000 normal (VA: deposited), 0001
 * cancelled (VA: refunded or issue cancelled), 0009 failed; a waiting VA answers 0051/0051
 * (the spec defines no code for it, so the simulator uses one nobody can read as paid).
 */
export function inquiry(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, INQUIRY, { maybeEncrypted: ['trdAmt'] });
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, data } = request;
  const fail = (code: string): RouteResult => answer(reply(ctx, INQUIRY, request, { code }));

  if (!data.orgTrdDt || (!data.orgTrdNo && !data.orgMchtTrdNo)) return fail('6001');
  const transaction = data.orgTrdNo
    ? ctx.ledger.get(data.orgTrdNo)
    : ctx.ledger.findByOrder(merchant.mchtId, data.orgMchtTrdNo ?? '');
  if (
    !transaction ||
    transaction.mchtId !== merchant.mchtId ||
    (data.method && data.method !== transaction.method) ||
    !withinADay(data.orgTrdDt, transaction.trdDt)
  ) {
    return fail('ST06');
  }
  expireIfDue(ctx, transaction);
  const state = inquiryState(transaction);
  return answer(
    reply(ctx, INQUIRY, request, {
      code: state.code,
      outStatCd: state.outStatCd,
      ...(state.message ? { message: state.message } : {}),
      trdNo: transaction.trdNo,
      data: { method: transaction.method, trdAmt: String(transaction.amount), cnclAmt: String(transaction.cancelledAmount) },
    }),
  );
}

function inquiryState(transaction: LedgerTransaction): { outStatCd: string; code: string; message?: string } {
  switch (transaction.status) {
    case 'APPROVED':
    case 'PARTIAL_CANCELLED':
    case 'VA_DEPOSITED':
    case 'VA_PARTIAL_REFUNDED':
      return { outStatCd: OUT_STAT.success, code: '0000', message: '정상거래' };
    case 'CANCELLED':
    case 'VA_REFUNDED':
    case 'VA_ISSUE_CANCELLED':
      return { outStatCd: OUT_STAT.success, code: '0001', message: '취소거래' };
    case 'VA_WAITING':
      return { outStatCd: OUT_STAT.vaWaiting, code: '0051', message: '가상계좌 입금대기' };
    case 'FAILED':
    case 'VA_EXPIRED':
      return { outStatCd: OUT_STAT.failure, code: '0009', message: '결제실패' };
  }
}

function withinADay(orgTrdDt: string, trdDt: string): boolean {
  const asked = parseKoreanDateTime(orgTrdDt);
  const actual = parseKoreanDateTime(trdDt);
  return asked !== undefined && actual !== undefined && Math.abs(asked.getTime() - actual.getTime()) <= DAY_MS;
}
