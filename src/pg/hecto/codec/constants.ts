/**
 * Hecto Financial (formerly Settlebank) wire constants: hosts, versions, status codes and the
 * published test merchants and keys. Source: Hecto's "PG 서비스 표준 WEB API" and its samples
 * (see /work/shared/reference/hecto-protocol.md).
 */

export const HECTO_HOSTS = {
  test: { window: 'https://tbnpg.settlebank.co.kr', api: 'https://tbgw.settlebank.co.kr' },
  live: { window: 'https://npg.settlebank.co.kr', api: 'https://gw.settlebank.co.kr' },
} as const;

/** Message version of every server API message except the inquiry. */
export const HECTO_VERSION = '0A19';
/** Message version of the transaction inquiry (`APITrdcheck`). */
export const HECTO_INQUIRY_VERSION = '0A1M';
/** `encCd` "23" = AES-256-ECB field encryption. */
export const HECTO_ENC_CD = '23';

/** `outStatCd` values. */
export const OUT_STAT = {
  success: '0021',
  failure: '0031',
  /** Virtual account issued, waiting for the deposit. */
  vaWaiting: '0051',
} as const;
export type OutStatCd = (typeof OUT_STAT)[keyof typeof OUT_STAT];

export const OUT_RSLT_OK = '0000';

/** Test keys published by Hecto and shared by every test MID. */
export const HECTO_TEST_LICENSE_KEY = 'ST1009281328226982205';
export const HECTO_TEST_ENCRYPTION_KEY = 'pgSettle30y739r82jtd709yOfZ2yK5K';

/** How a MID takes card data (카유 = number + expiry; 카유비생 = + password digits + birth date). */
export type KeyInAuth = 'NON_AUTH' | 'OLD_AUTH';

export interface HectoTestMerchant {
  readonly mchtId: string;
  readonly description: string;
  /** Card payment window: authenticated (card-company screen) or non-authenticated (card form). */
  readonly cardWindow?: 'AUTH' | 'NON_AUTH';
  /** Keyed-in card API (`APICardActionPay` with card fields). */
  readonly keyIn?: KeyInAuth;
  /** Billing keys (`APICardAuth`, billKey payments, `APICardActionDelkey`). */
  readonly billing: boolean;
  /** A keyed-in approval also returns a billing key. */
  readonly billKeyOnApproval: boolean;
  /** Virtual accounts: dynamic (회전식) or fixed (고정식). */
  readonly virtualAccount?: 'DYNAMIC' | 'FIXED';
  /** Account transfer window. */
  readonly transfer: boolean;
}

/** The published test MIDs (and PortOne's `portone1`). All use the published test keys. */
export const HECTO_TEST_MERCHANTS: readonly HectoTestMerchant[] = [
  {
    mchtId: 'portone1',
    description: 'PortOne test channel: authenticated card window, virtual accounts (window and API)',
    cardWindow: 'AUTH',
    billing: false,
    billKeyOnApproval: false,
    virtualAccount: 'DYNAMIC',
    transfer: true,
  },
  {
    mchtId: 'nxca_jt_bi',
    description: '카유 keyed-in card (number + expiry), billing',
    cardWindow: 'NON_AUTH',
    keyIn: 'NON_AUTH',
    billing: true,
    billKeyOnApproval: true,
    transfer: false,
  },
  {
    mchtId: 'nxca_ks_gu',
    description: '카유비생 keyed-in card (number + expiry + password 2 digits + birth date), billing-key issue',
    cardWindow: 'NON_AUTH',
    keyIn: 'OLD_AUTH',
    billing: true,
    billKeyOnApproval: false,
    transfer: false,
  },
  {
    mchtId: 'nxca_jt_il',
    description: 'authenticated card window',
    cardWindow: 'AUTH',
    billing: false,
    billKeyOnApproval: false,
    transfer: false,
  },
  {
    mchtId: 'nx_mid_il',
    description: 'account transfer and dynamic virtual accounts',
    billing: false,
    billKeyOnApproval: false,
    virtualAccount: 'DYNAMIC',
    transfer: true,
  },
  {
    mchtId: 'nxva_fix',
    description: 'fixed virtual accounts (004: 2022004000001~050, 011: 2022011000001~050)',
    billing: false,
    billKeyOnApproval: false,
    virtualAccount: 'FIXED',
    transfer: false,
  },
];

/** Server API paths (under the API host). */
export const HECTO_API_PATHS = {
  cardPay: '/spay/APICardActionPay.do',
  billKeyIssue: '/spay/APICardAuth.do',
  billKeyDelete: '/spay/APICardActionDelkey.do',
  cancel: '/spay/APICancel.do',
  virtualAccount: '/spay/APIVBank.do',
  refund: '/spay/APIRefund.do',
  inquiry: '/spay/APITrdcheck.do',
  /** Testbed only: simulate a deposit into a virtual account (GET). */
  depositTest: '/spay/APIVBankTest.do',
} as const;

/** Payment window paths (under the window host) and the `method` word each expects. */
export const HECTO_WINDOW_PATHS = {
  card: '/card/main.do',
  vbank: '/vbank/main.do',
  bank: '/bank/main.do',
} as const;
export type WindowMethod = keyof typeof HECTO_WINDOW_PATHS;

/** Banks that can issue PG virtual accounts (bankCd, 3 digits). */
export const VA_BANKS: Readonly<Record<string, string>> = {
  '003': 'IBK기업은행',
  '004': 'KB국민은행',
  '007': '수협은행',
  '011': 'NH농협은행',
  '020': '우리은행',
  '023': 'SC제일은행',
  '031': 'iM뱅크(대구은행)',
  '032': '부산은행',
  '034': '광주은행',
  '039': '경남은행',
  '045': '새마을금고',
  '071': '우체국',
  '081': '하나은행',
  '088': '신한은행',
  '089': '케이뱅크',
};

/** Card issuer identifiers (issrId → name), from the spec's 신용카드 식별자 table. */
export const CARD_ISSUERS: Readonly<Record<string, string>> = {
  BCC: '비씨',
  KBC: '국민',
  HNC: '하나(외환)',
  SSC: '삼성',
  SHN: '신한',
  WRI: '우리',
  HDC: '현대',
  LTC: '롯데',
  NHC: 'NH농협',
  '007': '수협',
  '035': '제주',
  '034': '광주',
  '037': '전북',
  '027': '시티',
  '090': '카카오뱅크',
  '089': '케이뱅크',
};

/** Payment method codes used by the inquiry and notifications. */
export const PAYMENT_METHOD_CODES = {
  CA: '신용카드',
  VA: '가상계좌',
  RA: '계좌이체',
  MP: '휴대폰결제',
} as const;
export type PaymentMethodCode = keyof typeof PAYMENT_METHOD_CODES;

/** Amount bounds of a card approval (CA42). */
export const CARD_MIN_AMOUNT = 1_000;
export const CARD_MAX_AMOUNT = 99_999_999;
