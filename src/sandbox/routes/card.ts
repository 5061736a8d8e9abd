import { HECTO_OPERATIONS, OUT_RSLT_OK } from '../../pg/hecto/codec/index.ts';
import type { SandboxContext } from '../context.ts';
import { amountOutOfCardRange, checkCard, newApprovalNo, type AcceptedCard } from '../cardRules.ts';
import type { LedgerTransaction } from '../ledger.ts';
import { notify } from '../notifications.ts';
import { parseAmount, reply, verifyServerRequest, type VerifiedRequest } from '../protocol.ts';
import { answer, type RouteResult } from './result.ts';

const PAY = HECTO_OPERATIONS.cardApproval;
const ISSUE = HECTO_OPERATIONS.billKeyIssue;
const DELETE = HECTO_OPERATIONS.billKeyDelete;

/** `APICardActionPay.do`: keyed-in approval, or billing-key payment when `billKey` is present. */
export function cardPay(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, PAY, {
    required: [
      ['pmtprdNm', '1008'],
      ['trdAmt', '1009'],
      ['mchtCustId', '1013'],
    ],
  });
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, params, data } = request;
  const fail = (code: string, trdNo?: string): RouteResult =>
    answer(reply(ctx, PAY, request, { code, ...(trdNo ? { trdNo } : {}) }));

  const usesBillKey = (data.billKey ?? '') !== '';
  if (usesBillKey ? !merchant.billing : !merchant.keyIn) return fail('ST69');
  const amount = parseAmount(data.trdAmt);
  if (amount === undefined || data.crcCd !== 'KRW' || !/^\d{2}$/.test(data.instmtMon ?? '')) return fail('6001');
  // Compound tax (taxTypeCd G): the tax-free part, kept so later cancels can be checked against it.
  const taxFreeAmount = data.taxFreeAmt ? parseAmount(data.taxFreeAmt) : 0;
  if (taxFreeAmount === undefined || taxFreeAmount > amount) return fail('6001');

  // From here on the order number is used up, whatever the outcome (Hecto's ST50 rule).
  if (!ctx.ledger.claimOrderNo(merchant.mchtId, params.mchtTrdNo ?? '')) return fail('ST50');
  const now = ctx.clock();

  const card = usesBillKey ? billKeyCard(ctx, request) : checkCard(data, now, merchant.keyIn === 'OLD_AUTH');
  const declineCode = !card.ok ? card.code : amountOutOfCardRange(amount) ? 'CA42' : undefined;
  const behaviour = card.ok ? card.card.behaviour : undefined;
  if (behaviour?.kind === 'hang') return { body: '', transport: 'hang' };

  const base = {
    mchtTrdNo: params.mchtTrdNo ?? '',
    mchtId: merchant.mchtId,
    method: 'CA' as const,
    channel: usesBillKey ? ('BILLING' as const) : ('API' as const),
    amount,
    ...(taxFreeAmount > 0 ? { taxFreeAmount } : {}),
    productName: data.pmtprdNm,
    customerName: data.mchtCustNm,
    customerId: data.mchtCustId,
    ...(data.email ? { email: data.email } : {}),
    ...(data.notiUrl ? { notiUrl: data.notiUrl } : {}),
    ...(data.mchtParam ? { mchtParam: data.mchtParam } : {}),
  };
  const code = declineCode ?? (behaviour?.kind === 'decline' ? behaviour.code : undefined);
  if (code !== undefined || !card.ok) {
    const failed = ctx.ledger.record({ ...base, status: 'FAILED', resultCode: code ?? '9999' }, now);
    const message = behaviour?.kind === 'decline' ? behaviour.message : undefined;
    return answer(reply(ctx, PAY, request, { code: code ?? '9999', trdNo: failed.trdNo, ...(message ? { message } : {}) }));
  }

  const billKey = usesBillKey
    ? data.billKey
    : merchant.billKeyOnApproval
      ? issueBillKey(ctx, merchant.mchtId, card.card, now)
      : undefined;
  const transaction = ctx.ledger.record(
    {
      ...base,
      status: 'APPROVED',
      resultCode: OUT_RSLT_OK,
      ...(billKey ? { billKey } : {}),
      card: { masked: card.card.masked, issuer: card.card.issuer, apprNo: newApprovalNo(), instmtMon: data.instmtMon ?? '00' },
    },
    now,
  );
  notify(ctx, transaction, { kind: 'APPROVED', at: now });
  const body = reply(ctx, PAY, request, { code: OUT_RSLT_OK, trdNo: transaction.trdNo, data: approvalData(transaction) });
  return transportFor(card.card, body);
}

/** `APICardAuth.do` (A4): issue a billing key without charging. */
export function billKeyIssue(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, ISSUE);
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, params, data } = request;
  const fail = (code: string, trdNo?: string): RouteResult =>
    answer(reply(ctx, ISSUE, request, { code, ...(trdNo ? { trdNo } : {}) }));

  if (!merchant.billing) return fail('ST69');
  if (data.keyRegYn !== 'Y' && data.keyRegYn !== 'N') return fail('6001');
  if (!ctx.ledger.claimOrderNo(merchant.mchtId, params.mchtTrdNo ?? '')) return fail('ST50');
  const now = ctx.clock();
  const trdNo = ctx.ledger.newTrdNo('CA', merchant.mchtId, now);

  const card = checkCard(data, now, merchant.keyIn === 'OLD_AUTH');
  if (!card.ok) return fail(card.code, trdNo);
  const behaviour = card.card.behaviour;
  if (behaviour.kind === 'hang') return { body: '', transport: 'hang' };
  if (behaviour.kind === 'decline') {
    return answer(reply(ctx, ISSUE, request, { code: behaviour.code, trdNo, ...(behaviour.message ? { message: behaviour.message } : {}) }));
  }
  const billKey = data.keyRegYn === 'Y' ? issueBillKey(ctx, merchant.mchtId, card.card, now) : undefined;
  const body = reply(ctx, ISSUE, request, {
    code: OUT_RSLT_OK,
    trdNo,
    data: {
      cardNo: card.card.masked,
      issrId: card.card.issuer.issrId,
      cardNm: card.card.issuer.cardNm,
      cardKind: card.card.issuer.cardKind,
      billKey,
    },
  });
  return transportFor(card.card, body);
}

/** `APICardActionDelkey.do` (A1): delete a billing key. */
export function billKeyDelete(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, DELETE);
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, params, data } = request;
  const fail = (code: string, trdNo?: string): RouteResult =>
    answer(reply(ctx, DELETE, request, { code, ...(trdNo ? { trdNo } : {}) }));

  if (!merchant.billing) return fail('ST69');
  if (!data.billKey) return fail('6001');
  if (!ctx.ledger.claimOrderNo(merchant.mchtId, params.mchtTrdNo ?? '')) return fail('ST50');
  const now = ctx.clock();
  const trdNo = ctx.ledger.newTrdNo('CA', merchant.mchtId, now);
  const record = ctx.ledger.getBillKey(data.billKey);
  if (!record || record.deletedAt || record.mchtId !== merchant.mchtId) return fail('ST01', trdNo);
  record.deletedAt = now;
  return answer(reply(ctx, DELETE, request, { code: OUT_RSLT_OK, trdNo, data: { billKey: record.billKey } }));
}

function billKeyCard(ctx: SandboxContext, request: VerifiedRequest): { ok: true; card: AcceptedCard } | { ok: false; code: string } {
  const record = ctx.ledger.getBillKey(request.data.billKey ?? '');
  if (!record || record.deletedAt || record.mchtId !== request.merchant.mchtId) return { ok: false, code: 'ST01' };
  return { ok: true, card: { behaviour: record.behaviour, issuer: record.issuer, masked: record.masked } };
}

function issueBillKey(ctx: SandboxContext, mchtId: string, card: AcceptedCard, now: Date): string {
  const billKey = ctx.ledger.newBillKey(mchtId, now);
  ctx.ledger.saveBillKey({ billKey, mchtId, behaviour: card.behaviour, issuer: card.issuer, masked: card.masked, createdAt: now });
  return billKey;
}

function approvalData(transaction: LedgerTransaction): Record<string, string | undefined> {
  const card = transaction.card;
  return {
    trdAmt: String(transaction.amount),
    billKey: transaction.billKey,
    cardNo: card?.masked,
    issrId: card?.issuer.issrId,
    cardNm: card?.issuer.cardNm,
    cardKind: card?.issuer.cardKind,
    ninstmtTypeCd: 'N',
    instmtMon: card?.instmtMon,
    apprNo: card?.apprNo,
  };
}

function transportFor(card: AcceptedCard, body: string): RouteResult {
  if (card.behaviour.kind === 'slow') return { body, transport: 'slow' };
  if (card.behaviour.kind === 'drop') return { body, transport: 'drop' };
  return { body };
}
