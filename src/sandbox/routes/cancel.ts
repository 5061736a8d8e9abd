import { HECTO_OPERATIONS, OUT_RSLT_OK } from '../../pg/hecto/codec/index.ts';
import { cancelRejection, taxFreeCancelRejection } from '../cancelRules.ts';
import type { SandboxContext } from '../context.ts';
import { notify } from '../notifications.ts';
import { parseAmount, reply, verifyServerRequest } from '../protocol.ts';
import { answer, type RouteResult } from './result.ts';

const CANCEL = HECTO_OPERATIONS.cancel;

/** `APICancel.do` (CA or RA / C0): full or partial cancel of a card or transfer payment. */
export function cancel(ctx: SandboxContext, raw: string): RouteResult {
  const verified = verifyServerRequest(ctx, raw, CANCEL, { methods: ['CA', 'RA'], required: [['cnclAmt', '1009']], noAmountHashAlsoFor: ['RA'] });
  if (!verified.ok) return answer(verified.body);
  const request = verified.request;
  const { merchant, params, data } = request;
  const fail = (code: string): RouteResult => answer(reply(ctx, CANCEL, request, { code }));

  if (!data.orgTrdNo) return fail('6001');
  const amount = parseAmount(data.cnclAmt);
  if (amount === undefined || data.crcCd !== 'KRW' || !data.cnclOrd) return fail('6001');
  if (!ctx.ledger.claimOrderNo(merchant.mchtId, params.mchtTrdNo ?? '')) return fail('ST50');

  // The tax-free part of a compound-tax cancel, when sent (an unparsable one is 6001).
  const taxFreeAmount = data.taxFreeAmt ? parseAmount(data.taxFreeAmt) : undefined;
  if (data.taxFreeAmt && taxFreeAmount === undefined) return fail('6001');

  const transaction = ctx.ledger.get(data.orgTrdNo);
  const method = params.method === 'RA' ? 'RA' : 'CA';
  const rejection =
    cancelRejection(transaction, merchant.mchtId, [method], data.cnclOrd, amount) ??
    (transaction ? taxFreeCancelRejection(transaction, amount, taxFreeAmount) : undefined);
  if (rejection !== undefined || !transaction) return fail(rejection ?? 'ST06');

  const record = ctx.ledger.applyCancel(transaction, {
    mchtTrdNo: params.mchtTrdNo ?? '',
    cnclOrd: data.cnclOrd,
    amount,
    ...(taxFreeAmount !== undefined ? { taxFreeAmount } : {}),
    at: ctx.clock(),
    nightly: false,
  });
  notify(ctx, transaction, { kind: 'CANCELLED', cancel: record });
  return answer(
    reply(ctx, CANCEL, request, {
      code: OUT_RSLT_OK,
      trdNo: record.trdNo,
      data: {
        orgTrdNo: transaction.trdNo,
        cnclAmt: String(amount),
        cardCnclAmt: method === 'CA' ? String(amount) : undefined,
        pntCnclAmt: method === 'CA' ? '0' : undefined,
        coupCnclAmt: method === 'CA' ? '0' : undefined,
        blcAmt: String(ctx.ledger.remaining(transaction)),
      },
    }),
  );
}
