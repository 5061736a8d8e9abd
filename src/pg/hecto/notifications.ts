import { Secret } from '../../domain/secret.ts';
import { OUT_STAT, decryptField, hashesEqual, notificationHash, parseFormBody, type WireFields } from './codec/index.ts';
import type { NotificationParse, PgNotification, PgNotificationKind } from '../contract.ts';
import { fromKoreanDateTime, wireToWon } from './fields.ts';
import type { HectoKeys } from './keys.ts';
import { paymentMethodOf } from './mapping.ts';
import { maskCardNumber, redactFields } from './redact.ts';

/**
 * Hecto notifications (form POST to notiUrl): parse once, verify pktHash
 * (outStatCd + trdDtm + mchtId + mchtTrdNo + trdAmt + license key), then type. Nothing is read
 * from a notice before its hash matched.
 */
const REQUIRED = ['outStatCd', 'trdNo', 'method', 'bizType', 'mchtId', 'mchtTrdNo', 'trdDtm', 'trdAmt', 'pktHash'] as const;

/**
 * Control characters (NUL above all) never appear in a genuine notice, and PostgreSQL refuses NUL
 * in text: a notice carrying one is malformed, refused before any of it reaches a query.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** The MID a notice claims, unverified: only for choosing whose keys verify it. */
export function notificationMerchantId(rawBody: string): string | undefined {
  const mchtId = parseFormBody(rawBody).mchtId;
  return mchtId && !CONTROL_CHARACTER.test(mchtId) ? mchtId : undefined;
}

export function parseNotification(keys: HectoKeys, rawBody: string): NotificationParse {
  const fields = parseFormBody(rawBody);
  const garbled = Object.entries(fields).find(([name, value]) => name.includes('\u0000') || value.includes('\u0000'));
  if (garbled) return { ok: false, reason: 'MALFORMED', detail: 'a field holds a NUL character' };
  const missing = REQUIRED.filter((name) => !fields[name]);
  if (missing.length > 0) return { ok: false, reason: 'MALFORMED', detail: `missing ${missing.join(', ')}` };
  if (fields.mchtId !== keys.mchtId) return { ok: false, reason: 'WRONG_MERCHANT', detail: `notice for ${fields.mchtId}` };

  // Notices carry plain amounts; should one arrive encrypted, the hash is still over the plain value.
  const trdAmtText = plainAmount(fields.trdAmt ?? '', keys.encryptionKey);
  const amount = wireToWon(trdAmtText);
  const occurredAt = fromKoreanDateTime(fields.trdDtm);
  if (amount === undefined || trdAmtText === undefined) return { ok: false, reason: 'MALFORMED', detail: 'trdAmt is not an amount' };
  if (!occurredAt) return { ok: false, reason: 'MALFORMED', detail: 'trdDtm is not a date-time' };

  const expected = notificationHash(
    {
      outStatCd: fields.outStatCd ?? '',
      trdDtm: fields.trdDtm ?? '',
      mchtId: fields.mchtId ?? '',
      mchtTrdNo: fields.mchtTrdNo ?? '',
      trdAmt: trdAmtText,
    },
    keys.licenseKey,
  );
  if (!hashesEqual(expected, fields.pktHash)) return { ok: false, reason: 'BAD_SIGNATURE', detail: 'pktHash does not match' };

  return { ok: true, notification: typed(fields, amount, occurredAt) };
}

function plainAmount(value: string, encryptionKey: string): string | undefined {
  if (/^\d+$/.test(value)) return value;
  const decrypted = decryptField(value, encryptionKey);
  return decrypted.ok ? decrypted.value : undefined;
}

function typed(fields: WireFields, amount: bigint, occurredAt: Date): PgNotification {
  const paymentMethod = paymentMethodOf(fields.method ?? '');
  const kind = kindOf(fields);
  const dueAt = fromKoreanDateTime(fields.expireDt);
  const installmentMonths = fields.instmtMon && /^\d+$/.test(fields.instmtMon) ? Number(fields.instmtMon) : undefined;
  return {
    kind,
    ...(paymentMethod ? { paymentMethod } : {}),
    mid: fields.mchtId ?? '',
    eventKey: ['hecto', fields.mchtId, fields.trdNo, fields.bizType, fields.outStatCd].join(':'),
    pgTxId: fields.trdNo ?? '',
    ...(fields.orgTrdNo ? { originalPgTxId: fields.orgTrdNo } : {}),
    requestId: fields.mchtTrdNo ?? '',
    amount,
    occurredAt,
    ...(fields.cnclType ? { partial: fields.cnclType === '10' } : {}),
    ...(paymentMethod === 'CARD'
      ? {
          card: {
            ...(fields.cardNo ? { maskedNumber: maskCardNumber(fields.cardNo) } : {}),
            ...(fields.cardCd ? { issuerCode: fields.cardCd } : {}),
            ...(fields.cardNm ? { issuerName: fields.cardNm } : {}),
            ...(fields.cardApprNo ? { approvalNumber: fields.cardApprNo } : {}),
            ...(installmentMonths !== undefined ? { installmentMonths } : {}),
          },
        }
      : {}),
    ...(paymentMethod === 'VIRTUAL_ACCOUNT'
      ? {
          virtualAccount: {
            ...(fields.bankCd ? { bankCode: fields.bankCd } : {}),
            ...(fields.bankNm ? { bankName: fields.bankNm } : {}),
            ...(fields.vAcntNo ? { accountNumber: fields.vAcntNo } : {}),
            ...(dueAt ? { dueAt } : {}),
            ...(fields.dpstrNm ? { depositorName: fields.dpstrNm } : {}),
          },
        }
      : {}),
    ...(paymentMethod === 'TRANSFER' && (fields.bankCd || fields.bankNm)
      ? { transfer: { ...(fields.bankCd ? { bankCode: fields.bankCd } : {}), ...(fields.bankNm ? { bankName: fields.bankNm } : {}) } }
      : {}),
    ...(fields.billKey ? { billingKey: new Secret(fields.billKey) } : {}),
    ...(fields.mchtParam ? { customData: fields.mchtParam } : {}),
    raw: redactFields(fields),
  };
}

/** (method, bizType, outStatCd) → event. Anything else is recorded as unrecognized and changes nothing. */
function kindOf(fields: WireFields): PgNotificationKind {
  const { method, bizType, outStatCd } = fields;
  if (outStatCd === OUT_STAT.failure) return 'FAILED';
  if (method === 'VA') {
    if (bizType === 'A0' && (outStatCd === OUT_STAT.vaWaiting || outStatCd === OUT_STAT.success)) return 'VIRTUAL_ACCOUNT_ISSUED';
    if (bizType === 'B1' && outStatCd === OUT_STAT.success) return 'VIRTUAL_ACCOUNT_DEPOSITED';
    if (bizType === 'A2' && outStatCd === OUT_STAT.success) return 'VIRTUAL_ACCOUNT_ISSUE_CANCELLED';
    if (bizType === 'C0' && outStatCd === OUT_STAT.success) return 'CANCELLED';
    return 'UNRECOGNIZED';
  }
  if (bizType === 'B0' && outStatCd === OUT_STAT.success) return 'PAID';
  // A4 is the card authentication that issues a billing key (APICardAuth's bizType); the window's key-only mode notifies it.
  if (method === 'CA' && bizType === 'A4' && outStatCd === OUT_STAT.success && fields.billKey) return 'BILLING_KEY_ISSUED';
  if (bizType === 'C0' && outStatCd === OUT_STAT.success) return 'CANCELLED';
  return 'UNRECOGNIZED';
}
