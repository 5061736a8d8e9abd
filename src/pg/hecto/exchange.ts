import {
  HECTO_ENC_CD,
  buildEnvelope,
  decryptFields,
  encryptFields,
  hashAmountOf,
  parseEnvelope,
  serverRequestHash,
  type HectoOperationSpec,
  type WireFields,
} from './codec/index.ts';
import type { PgCallRecord, PgLogger, PgOperation, PgOutcome, PgResult, RedactedMessage } from '../contract.ts';
import { postJson, type HttpTimeouts } from './client.ts';
import type { HectoKeys } from './keys.ts';
import { classifyReply, unknown } from './mapping.ts';
import { redactEnvelope } from './redact.ts';

/**
 * One server-API call from end to end: hash, encrypt, send, classify, decrypt, interpret, and
 * the call record. Operations (connector.ts) only say what to send and how to read a success.
 */
export interface ExchangeContext {
  readonly apiBaseUrl: string;
  readonly timeouts: HttpTimeouts;
  readonly now: () => Date;
  readonly logger?: PgLogger;
}

export interface Reply {
  readonly params: WireFields;
  /** Reply data with the operation's encrypted fields decrypted. */
  readonly data: WireFields;
}

export interface ExchangeRequest<T> {
  readonly operation: PgOperation;
  readonly spec: HectoOperationSpec;
  readonly keys: HectoKeys;
  /** Plain params without mchtId/ver/method/bizType/encCd (taken from the spec and keys). */
  readonly order: { readonly mchtTrdNo: string; readonly trdDt: string; readonly trdTm: string };
  /** Plain data without pktHash; encrypted here per the spec. */
  readonly data: Readonly<Record<string, string | undefined>>;
  /** outStatCd values that mean success for this operation (default 0021). */
  readonly okStatuses?: readonly string[];
  /** Replies this operation reads itself instead of the generic classification (the inquiry's states). */
  readonly answers?: (params: WireFields) => boolean;
  /** Reads a successful (or `answers`) reply; may still answer unknown on a mismatch. */
  readonly interpret: (reply: Reply) => PgOutcome<T>;
}

export async function exchange<T>(ctx: ExchangeContext, request: ExchangeRequest<T>): Promise<PgResult<T>> {
  const { spec, keys, order } = request;
  const params = {
    mchtId: keys.mchtId,
    ver: spec.ver,
    ...(spec.method !== undefined ? { method: spec.method, bizType: spec.bizType, encCd: HECTO_ENC_CD } : {}),
    mchtTrdNo: order.mchtTrdNo,
    trdDt: order.trdDt,
    trdTm: order.trdTm,
  };
  const pktHash = serverRequestHash(
    { trdDt: order.trdDt, trdTm: order.trdTm, mchtId: keys.mchtId, mchtTrdNo: order.mchtTrdNo, amount: hashAmountOf(spec, request.data) },
    keys.licenseKey,
  );
  const plainData = { pktHash, ...request.data };
  const body = buildEnvelope(params, encryptFields(plainData, spec.requestEncrypted, keys.encryptionKey));

  const startedAt = ctx.now();
  const started = performance.now();
  const wire = await postJson(ctx.apiBaseUrl + spec.path, body, ctx.timeouts);
  const durationMs = Math.round(performance.now() - started);

  let outcome: PgOutcome<T>;
  let response: RedactedMessage;
  let replyParams: WireFields | undefined;
  if (wire.kind !== 'reply') {
    outcome = unknown(wire.kind, wire.detail);
    response = { error: wire.detail };
  } else if (wire.status !== 200) {
    outcome = unknown('http_status', `HTTP ${wire.status}`);
    response = { status: String(wire.status), body: `[${Buffer.byteLength(wire.body)} bytes not kept]` };
  } else {
    const envelope = parseEnvelope(wire.body);
    if (!envelope.ok) {
      outcome = unknown('unparsable', envelope.reason === 'NOT_JSON' ? 'reply is not JSON' : 'reply is not a Hecto envelope');
      response = { body: `[${Buffer.byteLength(wire.body)} bytes not kept]` };
    } else {
      replyParams = envelope.params;
      const read = readReply(request, keys, envelope.params, envelope.data);
      outcome = read.outcome;
      response = read.response;
    }
  }

  const record: PgCallRecord = {
    operation: request.operation,
    startedAt,
    durationMs,
    outcome: outcome.outcome,
    ...(replyParams?.outRsltCd ? { pgCode: replyParams.outRsltCd } : {}),
    ...(replyParams?.outRsltMsg ? { pgMessage: replyParams.outRsltMsg } : {}),
    ...(outcome.outcome === 'unknown' ? { unknownCause: outcome.cause } : {}),
    requestId: order.mchtTrdNo,
    request: redactEnvelope(params, plainData),
    response,
  };
  // Only what identifies the call and how it ended: never a field of the messages.
  ctx.logger?.[outcome.outcome === 'unknown' ? 'warn' : 'info'](
    {
      pg: 'hecto',
      operation: request.operation,
      mchtId: keys.mchtId,
      requestId: order.mchtTrdNo,
      durationMs,
      outcome: outcome.outcome,
      ...(record.pgCode ? { pgCode: record.pgCode } : {}),
      ...(record.unknownCause ? { cause: record.unknownCause } : {}),
    },
    'hecto call',
  );
  return { ...outcome, record };
}

function readReply<T>(
  request: ExchangeRequest<T>,
  keys: HectoKeys,
  params: WireFields,
  rawData: WireFields,
): { outcome: PgOutcome<T>; response: RedactedMessage } {
  // Some replies carry amounts in plain text where the spec says encrypted; accept both.
  const encrypted = request.spec.replyEncrypted.filter((field) => !/^\d*$/.test(rawData[field] ?? ''));
  const decrypted = decryptFields(rawData, encrypted, keys.encryptionKey);
  const data = decrypted.ok ? decrypted.value : rawData;
  const response = redactEnvelope(params, decrypted.ok ? data : withoutFields(rawData, request.spec.replyEncrypted));

  const answered = request.answers?.(params) ?? false;
  const classified = answered ? ({ kind: 'ok' } as const) : classifyReply(params, request.okStatuses);
  if (classified.kind === 'declined') return { outcome: classified.declined, response };
  if (classified.kind === 'unknown') return { outcome: classified.unknown, response };
  if (!decrypted.ok) return { outcome: unknown('unparsable', `reply field ${decrypted.field} does not decrypt`), response };
  // The echo of our order number proves the answer is about this request.
  if (params.mchtTrdNo && params.mchtTrdNo !== request.order.mchtTrdNo) {
    return { outcome: unknown('mismatch', 'reply is about another order number'), response };
  }
  return { outcome: request.interpret({ params, data }), response };
}

function withoutFields(data: WireFields, fields: readonly string[]): WireFields {
  return Object.fromEntries(Object.entries(data).filter(([name]) => !fields.includes(name)));
}
