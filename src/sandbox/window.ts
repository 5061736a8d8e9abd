import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  CARD_ISSUERS,
  OUT_RSLT_OK,
  OUT_STAT,
  VA_BANKS,
  WINDOW_REQUEST_ENCRYPTED,
  WINDOW_RESULT_ENCRYPTED,
  decryptFields,
  encryptFields,
  hashesEqual,
  koreanMessage,
  koreanTimestamp,
  parseFormBody,
  windowRequestHash,
  type WindowMethod,
  type WireFields,
} from '../pg/hecto/codec/index.ts';
import { amountOutOfCardRange, checkCard, newApprovalNo, type AcceptedCard } from './cardRules.ts';
import type { SandboxContext } from './context.ts';
import type { LedgerTransaction } from './ledger.ts';
import type { SandboxMerchant } from './merchants.ts';
import { notify } from './notifications.ts';
import { parseAmount } from './protocol.ts';
import { newDynamicAccountNo, resolveExpiry } from './vaRules.ts';
import * as pages from './windowPages.ts';

/**
 * The payment window (결제창): `/card/main.do`, `/vbank/main.do`, `/bank/main.do` take the
 * merchant's form POST, validate it (JSON error as Hecto does), and walk the buyer through HTML
 * pages. On success the simulator books the payment, notifies notiUrl, and the result page's 닫기
 * button form-POSTs the result (no hash) to nextUrl; 닫기 before paying posts to cancUrl.
 */
interface WindowSession {
  id: string;
  method: WindowMethod;
  merchant: SandboxMerchant;
  /** The request with encrypted fields decrypted. */
  order: WireFields;
  amount: number;
  /** Card window asked with `keyRegYn=Y` and amount 0: registers the card and issues a billKey, no charge. */
  keyOnly: boolean;
  expireDate?: string;
  createdAt: Date;
}

const SESSION_TTL_MS = 30 * 60_000;
const REQUIRED: readonly (readonly [string, string])[] = [
  ['mchtId', '1001'],
  ['method', '1002'],
  ['trdDt', '1003'],
  ['trdTm', '1004'],
  ['mchtTrdNo', '1005'],
  ['mchtName', '1006'],
  ['pmtPrdtNm', '1008'],
  ['trdAmt', '1009'],
  ['notiUrl', '1010'],
  ['nextUrl', '1011'],
  ['cancUrl', '1012'],
  ['pktHash', '1901'],
];

export function registerWindowRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const sessions = new Map<string, WindowSession>();

  const open = (method: WindowMethod) => async (request: { body: unknown }, reply: FastifyReply) => {
    const fields = parseFormBody(typeof request.body === 'string' ? request.body : '');
    const checked = validate(ctx, fields, method);
    if (!checked.ok) return reply.type('application/json; charset=UTF-8').send(checked.error);
    const session: WindowSession = { id: randomUUID(), ...checked.session, createdAt: ctx.clock() };
    sessions.set(session.id, session);
    return html(reply, firstPage(session));
  };
  app.post('/card/main.do', open('card'));
  app.post('/vbank/main.do', open('vbank'));
  app.post('/bank/main.do', open('bank'));

  /** Looks a session up from the posted `sid`; answers an error page when gone or expired. */
  const withSession =
    (method: WindowMethod, handle: (session: WindowSession, form: WireFields, reply: FastifyReply) => unknown) =>
    async (request: { body: unknown }, reply: FastifyReply) => {
      const form = parseFormBody(typeof request.body === 'string' ? request.body : '');
      const session = sessions.get(form.sid ?? '');
      if (!session || session.method !== method) return html(reply, pages.errorPage('결제 정보가 없거나 이미 처리되었습니다.'));
      if (ctx.clock().getTime() - session.createdAt.getTime() > SESSION_TTL_MS) {
        sessions.delete(session.id);
        return html(reply, pages.errorPage(koreanMessage('5002')));
      }
      return handle(session, form, reply);
    };

  app.post(
    '/card/authorize.do',
    withSession('card', (session, form, reply) => {
      const issrId = form.issrId ?? '';
      const company = offeredCompanies(session).find((c) => c.issrId === issrId);
      if (!company || session.merchant.cardWindow !== 'AUTH') return html(reply, pages.errorPage(koreanMessage('6001')));
      return html(reply, pages.cardCompanyApproval(session.id, orderSummary(session), company.label, issrId, closeButton(session)));
    }),
  );

  app.post(
    '/card/pay.do',
    withSession('card', (session, form, reply) => {
      const card =
        session.merchant.cardWindow !== 'AUTH'
          ? formCard(ctx, session, form)
          : offeredCompanies(session).some((c) => c.issrId === form.issrId)
            ? authenticatedCard(form.issrId ?? '')
            : ({ ok: false, code: '6001', retry: false } as const);
      if (card.ok && session.order.cardCd && !offeredCompanies(session).some((c) => c.issrId === card.card.issuer.issrId)) {
        const labels = onlyCompanyLabels(session) ?? [];
        return html(reply, pages.cardForm(session.id, orderSummary(session), closeButton(session), `${card.card.issuer.cardNm} 카드는 이 상점에서 사용할 수 없습니다.`, labels));
      }
      if (!card.ok) {
        if (card.retry) return html(reply, pages.cardForm(session.id, orderSummary(session), closeButton(session), koreanMessage(card.code), onlyCompanyLabels(session)));
        sessions.delete(session.id);
        return html(reply, failurePage(ctx, session, card.code));
      }
      sessions.delete(session.id);
      return html(reply, session.keyOnly ? completeBillKey(ctx, session, card.card) : completeCard(ctx, session, card.card));
    }),
  );

  app.post(
    '/vbank/issue.do',
    withSession('vbank', (session, form, reply) => {
      sessions.delete(session.id);
      return html(reply, completeVirtualAccount(ctx, session, form));
    }),
  );

  app.post(
    '/bank/pay.do',
    withSession('bank', (session, form, reply) => {
      sessions.delete(session.id);
      return html(reply, completeTransfer(ctx, session, form.bankCd ?? ''));
    }),
  );
}

type Validation =
  | { ok: true; session: Omit<WindowSession, 'id' | 'createdAt'> }
  | { ok: false; error: Record<string, string> };

function validate(ctx: SandboxContext, fields: WireFields, method: WindowMethod): Validation {
  const error = (code: string): Validation => ({
    ok: false,
    error: {
      outRsltMsg: koreanMessage(code),
      mchtTrdNo: fields.mchtTrdNo ?? '',
      outRsltCd: code,
      outStatCd: OUT_STAT.failure,
      mchtId: fields.mchtId ?? '',
    },
  });
  for (const [field, code] of REQUIRED) if (!fields[field]) return error(code);
  const merchant = ctx.merchants.get(fields.mchtId ?? '');
  if (!merchant) return error('ST47');
  if (fields.method !== method) return error('6001');
  if (!/^\d{8}$/.test(fields.trdDt ?? '')) return error('1103');
  if (!/^\d{6}$/.test(fields.trdTm ?? '')) return error('1104');
  if ((fields.mchtTrdNo ?? '').length > 100) return error('1105');
  const decrypted = decryptFields(fields, WINDOW_REQUEST_ENCRYPTED, merchant.encryptionKey);
  if (!decrypted.ok) return error('1902');
  const order = decrypted.value;
  const expected = windowRequestHash(
    {
      mchtId: merchant.mchtId,
      method,
      mchtTrdNo: order.mchtTrdNo ?? '',
      trdDt: order.trdDt ?? '',
      trdTm: order.trdTm ?? '',
      trdAmt: order.trdAmt ?? '',
    },
    merchant.licenseKey,
  );
  if (!hashesEqual(expected, order.pktHash)) return error('1901');
  const amount = parseAmount(order.trdAmt);
  const keyOnly = method === 'card' && fields.keyRegYn === 'Y';
  if (keyOnly ? amount !== 0 : amount === undefined || amount <= 0) return error('6001');
  const capable = method === 'card' ? merchant.cardWindow : method === 'vbank' ? merchant.virtualAccount : merchant.transfer;
  if (!capable || (keyOnly && !merchant.billing)) return error('ST69');
  if (method === 'card' && !keyOnly && amountOutOfCardRange(amount ?? 0)) return error('CA42');
  if (ctx.ledger.isOrderNoUsed(merchant.mchtId, order.mchtTrdNo ?? '')) return error('ST50');
  let expireDate: string | undefined;
  if (method === 'vbank') {
    expireDate = resolveExpiry(order.expireDt, ctx.clock());
    if (!expireDate) return error('6001');
  }
  return { ok: true, session: { method, merchant, order, amount: amount ?? 0, keyOnly, ...(expireDate ? { expireDate } : {}) } };
}

/**
 * The card companies the window offers: all, or those the request's `cardCd` names (paymux's
 * restriction for LIVE windows to the companies that approved the merchant; see README.md).
 * Unknown identifiers are ignored; a list naming none of the window's companies offers none.
 */
function offeredCompanies(session: WindowSession): readonly { issrId: string; label: string }[] {
  const restriction = session.order.cardCd;
  if (restriction === undefined || restriction === '') return pages.CARD_COMPANIES;
  const allowed = new Set(restriction.split(',').map((id) => id.trim()));
  return pages.CARD_COMPANIES.filter((c) => allowed.has(c.issrId));
}

function firstPage(session: WindowSession): string {
  const summary = orderSummary(session);
  const close = closeButton(session);
  if (session.method === 'vbank') return pages.bankChoice(session.id, summary, '/vbank/issue.do', '가상계좌 발급받기', close, true);
  if (session.method === 'bank') return pages.bankChoice(session.id, summary, '/bank/pay.do', '결제하기', close, false);
  if (session.merchant.cardWindow === 'AUTH') return pages.cardCompanyChoice(session.id, summary, close, offeredCompanies(session));
  return pages.cardForm(session.id, summary, close, undefined, onlyCompanyLabels(session));
}

/** The companies a restricted card form names (undefined when every company is offered). */
function onlyCompanyLabels(session: WindowSession): string[] | undefined {
  return session.order.cardCd ? offeredCompanies(session).map((c) => c.label) : undefined;
}

type WindowCard = { ok: true; card: AcceptedCard } | { ok: false; code: string; retry: boolean };

/** Authenticated window: the buyer "logged in" at the chosen card company; any company approves. */
function authenticatedCard(issrId: string): WindowCard {
  const cardNm = CARD_ISSUERS[issrId];
  if (!cardNm) return { ok: false, code: '6001', retry: false };
  const masked = `941000******${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;
  return { ok: true, card: { behaviour: { kind: 'approve' }, issuer: { issrId, cardNm, cardKind: `${cardNm} 개인신용` }, masked } };
}

/** Non-authenticated window: the card form. Format errors let the buyer retry; card declines end it. */
function formCard(ctx: SandboxContext, session: WindowSession, form: WireFields): WindowCard {
  const [month, year] = (form.expiry ?? '').split('/').map((part) => part.trim());
  const requiresAll = session.merchant.keyIn === 'OLD_AUTH';
  const checked = checkCard(
    { cardNo: form.cardNo, vldDtMon: month, vldDtYear: year, cardPwd: form.cardPwd, idntNo: form.idntNo },
    ctx.clock(),
    requiresAll,
  );
  if (!checked.ok) return { ok: false, code: checked.code, retry: true };
  const behaviour = checked.card.behaviour;
  // The window has no client timeout to exercise, so the unknown-outcome cards approve here.
  if (behaviour.kind === 'decline') return { ok: false, code: behaviour.code, retry: false };
  return { ok: true, card: { ...checked.card, behaviour: { kind: 'approve' } } };
}

function completeCard(ctx: SandboxContext, session: WindowSession, card: AcceptedCard): string {
  const now = ctx.clock();
  if (!ctx.ledger.claimOrderNo(session.merchant.mchtId, session.order.mchtTrdNo ?? '')) return failurePage(ctx, session, 'ST50');
  const transaction = ctx.ledger.record(
    {
      ...bookingBase(session),
      method: 'CA',
      status: 'APPROVED',
      resultCode: OUT_RSLT_OK,
      card: { masked: card.masked, issuer: card.issuer, apprNo: newApprovalNo(), instmtMon: session.order.instmtMon || '00' },
    },
    now,
  );
  notify(ctx, transaction, { kind: 'APPROVED', at: now });
  return pages.resultPage(
    '결제가 완료되었습니다',
    [`${card.issuer.cardNm}카드 ${card.masked}`, `승인번호 ${transaction.card?.apprNo ?? ''}`, `결제금액 ${pages.formatWon(transaction.amount)}`],
    session.order.nextUrl ?? '',
    windowResult(session, transaction, {
      authNo: transaction.card?.apprNo,
      intMon: transaction.card?.instmtMon,
      fnNm: card.issuer.cardNm,
      fnCd: card.issuer.issrId,
    }),
  );
}

/**
 * Key-only card window: the order number is used up, a billKey is issued for the card, the
 * notification (CA/A4, amount 0, with billKey) goes to notiUrl, and nextUrl gets the billKey too.
 * No charge is booked, so nothing appears in the ledger's transactions or the nightly cancel.
 */
function completeBillKey(ctx: SandboxContext, session: WindowSession, card: AcceptedCard): string {
  const now = ctx.clock();
  const mchtId = session.merchant.mchtId;
  if (!ctx.ledger.claimOrderNo(mchtId, session.order.mchtTrdNo ?? '')) return failurePage(ctx, session, 'ST50');
  const billKey = ctx.ledger.newBillKey(mchtId, now);
  ctx.ledger.saveBillKey({ billKey, mchtId, behaviour: card.behaviour, issuer: card.issuer, masked: card.masked, createdAt: now });
  const { trdDt, trdTm } = koreanTimestamp(now);
  const authorization: LedgerTransaction = {
    ...bookingBase(session),
    trdNo: ctx.ledger.newTrdNo('CA', mchtId, now),
    method: 'CA',
    status: 'APPROVED',
    amount: 0,
    cancelledAmount: 0,
    cancels: [],
    trdDt,
    trdTm,
    createdAt: now,
    resultCode: OUT_RSLT_OK,
    billKey,
    card: { masked: card.masked, issuer: card.issuer, apprNo: '', instmtMon: '00' },
  };
  notify(ctx, authorization, { kind: 'BILL_KEY_ISSUED', at: now });
  return pages.resultPage(
    '카드가 등록되었습니다',
    [`${card.issuer.cardNm}카드 ${card.masked}`, '정기결제용 카드 등록이 완료되었습니다 (결제되지 않았습니다).'],
    session.order.nextUrl ?? '',
    windowResult(session, authorization, { billKey, cardNo: card.masked, fnNm: card.issuer.cardNm, fnCd: card.issuer.issrId }),
  );
}

function completeVirtualAccount(ctx: SandboxContext, session: WindowSession, form: WireFields): string {
  const bankCd = form.bankCd ?? '';
  const bankNm = VA_BANKS[bankCd];
  if (!bankNm) return failurePage(ctx, session, '6001');
  if (!ctx.ledger.claimOrderNo(session.merchant.mchtId, session.order.mchtTrdNo ?? '')) return failurePage(ctx, session, 'ST50');
  const now = ctx.clock();
  const vAcntNo = newDynamicAccountNo(ctx);
  const expireDate = session.expireDate ?? '';
  const transaction = ctx.ledger.record(
    {
      ...bookingBase(session),
      method: 'VA',
      status: 'VA_WAITING',
      resultCode: OUT_RSLT_OK,
      virtualAccount: { bankCd, vAcntNo, expireDate, acntType: '1', ...(form.dpstrNm ? { depositorName: form.dpstrNm } : {}) },
    },
    now,
  );
  notify(ctx, transaction, { kind: 'VA_ISSUED', at: now });
  return pages.resultPage(
    '가상계좌가 발급되었습니다',
    [`${bankNm} ${vAcntNo}`, `입금금액 ${pages.formatWon(transaction.amount)}`, `입금기한 ${pages.formatKoreanDateTime(expireDate)}`],
    session.order.nextUrl ?? '',
    windowResult(session, transaction, { vtlAcntNo: vAcntNo, expireDt: expireDate, fnNm: bankNm, fnCd: bankCd }, OUT_STAT.vaWaiting),
  );
}

function completeTransfer(ctx: SandboxContext, session: WindowSession, bankCd: string): string {
  const bankNm = VA_BANKS[bankCd];
  if (!bankNm) return failurePage(ctx, session, '6001');
  if (!ctx.ledger.claimOrderNo(session.merchant.mchtId, session.order.mchtTrdNo ?? '')) return failurePage(ctx, session, 'ST50');
  const now = ctx.clock();
  const transaction = ctx.ledger.record(
    { ...bookingBase(session), method: 'RA', status: 'APPROVED', resultCode: OUT_RSLT_OK, bank: { bankCd, bankNm } },
    now,
  );
  notify(ctx, transaction, { kind: 'APPROVED', at: now });
  return pages.resultPage(
    '계좌이체가 완료되었습니다',
    [`${bankNm}`, `결제금액 ${pages.formatWon(transaction.amount)}`],
    session.order.nextUrl ?? '',
    windowResult(session, transaction, { fnNm: bankNm, fnCd: bankCd }),
  );
}

function bookingBase(session: WindowSession) {
  const order = session.order;
  return {
    mchtTrdNo: order.mchtTrdNo ?? '',
    mchtId: session.merchant.mchtId,
    channel: 'WINDOW' as const,
    amount: session.amount,
    productName: order.pmtPrdtNm,
    ...(order.mchtCustNm ? { customerName: order.mchtCustNm } : {}),
    ...(order.mchtCustId ? { customerId: order.mchtCustId } : {}),
    ...(order.email ? { email: order.email } : {}),
    ...(order.notiUrl ? { notiUrl: order.notiUrl } : {}),
    ...(order.mchtParam ? { mchtParam: order.mchtParam } : {}),
  };
}

/** The nextUrl post: plain fields plus the spec's encrypted ones; no hash. */
function windowResult(
  session: WindowSession,
  transaction: LedgerTransaction,
  extra: Record<string, string | undefined>,
  outStatCd: string = OUT_STAT.success,
): Record<string, string | undefined> {
  const plain = {
    mchtId: session.merchant.mchtId,
    outStatCd,
    outRsltCd: OUT_RSLT_OK,
    outRsltMsg: '정상적으로 처리되었습니다.',
    method: session.method,
    mchtTrdNo: transaction.mchtTrdNo,
    mchtCustId: session.order.mchtCustId,
    trdNo: transaction.trdNo,
    trdAmt: String(transaction.amount),
    mchtParam: session.order.mchtParam,
    authDt: koreanTimestamp(transaction.createdAt).trdDtm,
    ...extra,
  };
  return encryptFields(plain, WINDOW_RESULT_ENCRYPTED, session.merchant.encryptionKey);
}

function failurePage(ctx: SandboxContext, session: WindowSession, code: string): string {
  if (code !== 'ST50' && ctx.ledger.claimOrderNo(session.merchant.mchtId, session.order.mchtTrdNo ?? '')) {
    ctx.ledger.record({ ...bookingBase(session), method: session.method === 'card' ? 'CA' : session.method === 'vbank' ? 'VA' : 'RA', status: 'FAILED', resultCode: code }, ctx.clock());
  }
  const message = koreanMessage(code);
  return pages.resultPage('결제에 실패했습니다', [message], session.order.nextUrl ?? '', {
    mchtId: session.merchant.mchtId,
    outStatCd: OUT_STAT.failure,
    outRsltCd: code,
    outRsltMsg: message,
    method: session.method,
    mchtTrdNo: session.order.mchtTrdNo,
    mchtParam: session.order.mchtParam,
  });
}

function closeButton(session: WindowSession): string {
  return pages.closeButton(session.order.cancUrl ?? '', {
    mchtId: session.merchant.mchtId,
    outStatCd: OUT_STAT.failure,
    outRsltCd: '0009',
    outRsltMsg: koreanMessage('0009'),
    method: session.method,
    mchtTrdNo: session.order.mchtTrdNo,
    mchtParam: session.order.mchtParam,
  });
}

function orderSummary(session: WindowSession): pages.OrderSummary {
  return { merchantName: session.order.mchtName ?? '', productName: session.order.pmtPrdtNm ?? '', amount: session.amount };
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/html; charset=UTF-8').send(body);
}
