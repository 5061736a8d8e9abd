import { HECTO_API_PATHS, HECTO_INQUIRY_VERSION, HECTO_VERSION } from './constants.ts';

/**
 * One row per server API operation: where it goes, its method/bizType, which amount its pktHash
 * takes, and which fields are AES-encrypted in the request and in the reply. Both the connector
 * and the simulator read this table, so a field order or encryption list lives in one place.
 */
export type HashAmountSource = 'trdAmt' | 'cnclAmt' | 'none';

export interface HectoOperationSpec {
  readonly path: string;
  readonly ver: string;
  /** `params.method`; undefined where the message has none (inquiry carries it in `data`). */
  readonly method?: string;
  readonly bizType?: string;
  readonly hashAmount: HashAmountSource;
  readonly requestEncrypted: readonly string[];
  readonly replyEncrypted: readonly string[];
}

const TAX_AMOUNTS = ['taxAmt', 'vatAmt', 'taxFreeAmt', 'svcAmt'] as const;
const CARD_FIELDS = ['cardNo', 'vldDtMon', 'vldDtYear', 'idntNo', 'cardPwd'] as const;

export const HECTO_OPERATIONS = {
  /** Keyed-in approval (카유 / 카유비생). */
  cardApproval: {
    path: HECTO_API_PATHS.cardPay,
    ver: HECTO_VERSION,
    method: 'CA',
    bizType: 'B0',
    hashAmount: 'trdAmt',
    requestEncrypted: [...CARD_FIELDS, 'trdAmt', ...TAX_AMOUNTS],
    replyEncrypted: ['trdAmt'],
  },
  /** Payment with a billing key (same path, `billKey` instead of card fields). */
  billingPayment: {
    path: HECTO_API_PATHS.cardPay,
    ver: HECTO_VERSION,
    method: 'CA',
    bizType: 'B0',
    hashAmount: 'trdAmt',
    requestEncrypted: ['trdAmt', ...TAX_AMOUNTS],
    replyEncrypted: ['trdAmt'],
  },
  billKeyIssue: {
    path: HECTO_API_PATHS.billKeyIssue,
    ver: HECTO_VERSION,
    method: 'CA',
    bizType: 'A4',
    hashAmount: 'none',
    requestEncrypted: [...CARD_FIELDS],
    replyEncrypted: [],
  },
  billKeyDelete: {
    path: HECTO_API_PATHS.billKeyDelete,
    ver: HECTO_VERSION,
    method: 'CA',
    bizType: 'A1',
    hashAmount: 'none',
    requestEncrypted: [],
    replyEncrypted: [],
  },
  /** Card (method CA) or transfer (method RA) cancel, full or partial. */
  cancel: {
    path: HECTO_API_PATHS.cancel,
    ver: HECTO_VERSION,
    method: 'CA',
    bizType: 'C0',
    hashAmount: 'cnclAmt',
    requestEncrypted: ['cnclAmt', ...TAX_AMOUNTS],
    replyEncrypted: ['cnclAmt', 'cardCnclAmt', 'pntCnclAmt', 'coupCnclAmt', 'blcAmt'],
  },
  vaIssue: {
    path: HECTO_API_PATHS.virtualAccount,
    ver: HECTO_VERSION,
    method: 'VA',
    bizType: 'A0',
    hashAmount: 'trdAmt',
    requestEncrypted: ['trdAmt', 'vAcntNo', 'taxAmt', 'vatAmt', 'taxFreeAmt', 'escrPwd', 'rfdDpstrNm', 'csrcRegNo'],
    replyEncrypted: ['trdAmt', 'vAcntNo'],
  },
  vaChange: {
    path: HECTO_API_PATHS.virtualAccount,
    ver: HECTO_VERSION,
    method: 'VA',
    bizType: 'A1',
    hashAmount: 'trdAmt',
    requestEncrypted: ['trdAmt', 'vAcntNo'],
    replyEncrypted: ['trdAmt', 'vAcntNo'],
  },
  vaIssueCancel: {
    path: HECTO_API_PATHS.virtualAccount,
    ver: HECTO_VERSION,
    method: 'VA',
    bizType: 'A2',
    hashAmount: 'none',
    requestEncrypted: ['vAcntNo'],
    replyEncrypted: ['vAcntNo'],
  },
  vaRefund: {
    path: HECTO_API_PATHS.refund,
    ver: HECTO_VERSION,
    method: 'VA',
    bizType: 'C0',
    hashAmount: 'cnclAmt',
    requestEncrypted: ['cnclAmt', 'taxAmt', 'vatAmt', 'taxFreeAmt', 'refundAcntNo', 'vAcntNo'],
    replyEncrypted: ['cnclAmt', 'blcAmt', 'vAcntNo', 'refundAcntNo'],
  },
  /** Inquiry: amounts travel in plain text (the spec's example sends `"trdAmt": "500"`). */
  inquiry: {
    path: HECTO_API_PATHS.inquiry,
    ver: HECTO_INQUIRY_VERSION,
    hashAmount: 'trdAmt',
    requestEncrypted: [],
    replyEncrypted: [],
  },
} as const satisfies Record<string, HectoOperationSpec>;

export type HectoOperation = keyof typeof HECTO_OPERATIONS;

/** Fields the payment window request encrypts. */
export const WINDOW_REQUEST_ENCRYPTED = [
  'trdAmt',
  'mchtCustNm',
  'cphoneNo',
  'email',
  'mchtCustId',
  'taxAmt',
  'vatAmt',
  'taxFreeAmt',
  'svcAmt',
] as const;

/** Fields of the window result (posted to nextUrl) that are encrypted. */
export const WINDOW_RESULT_ENCRYPTED = ['trdAmt', 'mchtCustId', 'vtlAcntNo', 'cphoneNo', 'cardTrdAmt', 'pointTrdAmt'] as const;

/** The hash amount of a request: plain `trdAmt`/`cnclAmt`, or "0" for messages without amount. */
export function hashAmountOf(spec: HectoOperationSpec, plainData: Readonly<Record<string, string | undefined>>): string {
  if (spec.hashAmount === 'none') return '0';
  return plainData[spec.hashAmount] ?? '';
}
