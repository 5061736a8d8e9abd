import {
  HECTO_ENC_CD,
  NO_AMOUNT,
  OUT_RSLT_OK,
  OUT_STAT,
  buildEnvelope,
  decryptFields,
  encryptFields,
  hashAmountOf,
  hashesEqual,
  koreanMessage,
  parseEnvelope,
  serverReplyHash,
  serverRequestHash,
  type HectoOperationSpec,
  type WireFields,
} from '../pg/hecto/codec/index.ts';
import type { SandboxContext } from './context.ts';
import type { SandboxMerchant } from './merchants.ts';

/**
 * The server API's common front half (parse → merchant → params → decrypt → hash) and reply
 * builder. Each failure answers Hecto's envelope with outStatCd 0031 and the code of the first
 * check that failed.
 */
export interface VerifiedRequest {
  merchant: SandboxMerchant;
  params: WireFields;
  /** `data` with the operation's encrypted fields decrypted. */
  data: WireFields;
}

export type Verification = { ok: true; request: VerifiedRequest } | { ok: false; body: string };

export interface VerifyOptions {
  /** Accepted `params.method` values (default: the spec's). */
  methods?: readonly string[];
  /** Fields the spec sends plain but a client might encrypt; decrypted when not plain digits. */
  maybeEncrypted?: readonly string[];
  /** Required `data` fields and the 10xx code each answers when missing (checked before the hash). */
  required?: readonly (readonly [field: string, code: string])[];
  /**
   * Methods whose request hash may also use the literal "0" for the amount (unsettled: Hecto's
   * transfer-cancel table, §13.2, says "0" where the card cancel hashes `cnclAmt`); both are taken.
   */
  noAmountHashAlsoFor?: readonly string[];
}

const DATE = /^\d{8}$/;
const TIME = /^\d{6}$/;

export function verifyServerRequest(
  ctx: SandboxContext,
  raw: string,
  spec: HectoOperationSpec,
  options: VerifyOptions = {},
): Verification {
  const envelope = parseEnvelope(raw);
  if (!envelope.ok) return fail(undefined, spec, {}, {}, '6001');
  const { params } = envelope;
  const echo = { pktHash: envelope.data.pktHash ?? '' };

  const mchtId = params.mchtId ?? '';
  if (mchtId === '') return fail(undefined, spec, params, echo, '1001');
  const merchant = ctx.merchants.get(mchtId);
  if (!merchant) return fail(undefined, spec, params, echo, 'ST47');

  if (params.ver !== spec.ver) return fail(merchant, spec, params, echo, '6001');
  if (spec.method !== undefined) {
    const methods = options.methods ?? [spec.method];
    if (!params.method) return fail(merchant, spec, params, echo, '1002');
    if (!methods.includes(params.method) || params.bizType !== spec.bizType) {
      return fail(merchant, spec, params, echo, '6001');
    }
    if (params.encCd !== undefined && params.encCd !== HECTO_ENC_CD) return fail(merchant, spec, params, echo, '6001');
  }
  if (!params.trdDt) return fail(merchant, spec, params, echo, '1003');
  if (!params.trdTm) return fail(merchant, spec, params, echo, '1004');
  if (!params.mchtTrdNo) return fail(merchant, spec, params, echo, '1005');
  if (!DATE.test(params.trdDt)) return fail(merchant, spec, params, echo, '1103');
  if (!TIME.test(params.trdTm)) return fail(merchant, spec, params, echo, '1104');
  if (params.mchtTrdNo.length > 100) return fail(merchant, spec, params, echo, '1105');

  for (const [field, code] of options.required ?? []) {
    if (!envelope.data[field]) return fail(merchant, spec, params, echo, code);
  }

  const encrypted = [
    ...spec.requestEncrypted,
    ...(options.maybeEncrypted ?? []).filter((field) => !/^\d*$/.test(envelope.data[field] ?? '')),
  ];
  const decrypted = decryptFields(envelope.data, encrypted, merchant.encryptionKey);
  if (!decrypted.ok) return fail(merchant, spec, params, echo, '1902');
  const data = decrypted.value;

  const hashOf = (amount: string) =>
    serverRequestHash({ trdDt: params.trdDt ?? '', trdTm: params.trdTm ?? '', mchtId, mchtTrdNo: params.mchtTrdNo ?? '', amount }, merchant.licenseKey);
  const amountHashes = [hashAmountOf(spec, data), ...(options.noAmountHashAlsoFor?.includes(params.method ?? '') ? [NO_AMOUNT] : [])];
  if (!amountHashes.some((amount) => hashesEqual(hashOf(amount), data.pktHash))) return fail(merchant, spec, params, echo, '1901');

  return { ok: true, request: { merchant, params, data } };
}

export interface ReplyInput {
  code: string;
  /** Overrides the table's Korean message. */
  message?: string;
  trdNo?: string;
  /** Plain reply data (encrypted here per the spec); `pktHash` is added. */
  data?: Record<string, string | undefined>;
  /** Outcome status when not the default (0021 for 0000, else 0031). */
  outStatCd?: string;
  /** Amount for a computed reply hash. */
  hashAmount?: string;
}

/** Builds the reply envelope for a verified request. */
export function reply(ctx: SandboxContext, spec: HectoOperationSpec, request: VerifiedRequest, input: ReplyInput): string {
  const { merchant, params, data } = request;
  const outStatCd = input.outStatCd ?? (input.code === OUT_RSLT_OK ? OUT_STAT.success : OUT_STAT.failure);
  const pktHash =
    ctx.settings.replyHash === 'computed'
      ? serverReplyHash(
          outStatCd,
          {
            trdDt: params.trdDt ?? '',
            trdTm: params.trdTm ?? '',
            mchtId: merchant.mchtId,
            mchtTrdNo: params.mchtTrdNo ?? '',
            amount: input.hashAmount ?? hashAmountOf(spec, data),
          },
          merchant.licenseKey,
        )
      : (data.pktHash ?? '');
  return envelopeBody(merchant, spec, params, outStatCd, input, { pktHash, ...input.data });
}

function fail(
  merchant: SandboxMerchant | undefined,
  spec: HectoOperationSpec,
  params: WireFields,
  data: Record<string, string>,
  code: string,
): { ok: false; body: string } {
  return { ok: false, body: envelopeBody(merchant, spec, params, OUT_STAT.failure, { code }, data) };
}

function envelopeBody(
  merchant: SandboxMerchant | undefined,
  spec: HectoOperationSpec,
  params: WireFields,
  outStatCd: string,
  input: ReplyInput,
  data: Record<string, string | undefined>,
): string {
  const replyParams = {
    mchtId: params.mchtId ?? '',
    ver: params.ver ?? spec.ver,
    ...(spec.method !== undefined ? { method: params.method ?? spec.method, bizType: params.bizType ?? spec.bizType, encCd: params.encCd ?? HECTO_ENC_CD } : {}),
    mchtTrdNo: params.mchtTrdNo ?? '',
    trdNo: input.trdNo ?? '',
    trdDt: params.trdDt ?? '',
    trdTm: params.trdTm ?? '',
    outStatCd,
    outRsltCd: input.code,
    outRsltMsg: input.message ?? koreanMessage(input.code),
  };
  const replyData = merchant ? encryptFields(data, spec.replyEncrypted, merchant.encryptionKey) : data;
  return buildEnvelope(replyParams, replyData);
}

const AMOUNT = /^\d{1,12}$/;

/** Parses a plain won amount; undefined unless it is 1–12 digits. */
export function parseAmount(value: string | undefined): number | undefined {
  if (value === undefined || !AMOUNT.test(value)) return undefined;
  return Number(value);
}
