import {
  HECTO_WINDOW_PATHS,
  WINDOW_REQUEST_ENCRYPTED,
  encryptFields,
  koreanTimestamp,
  windowRequestHash,
  type WindowMethod,
  type WindowRequest,
} from './codec/index.ts';
import type { PaymentWindowForm, PaymentWindowInput, PgPaymentMethod } from '../contract.ts';
import { installmentField, koreanDateTime, wonToWire } from './fields.ts';
import type { HectoKeys } from './keys.ts';

const WINDOW_METHODS: Readonly<Record<PgPaymentMethod, WindowMethod>> = {
  CARD: 'card',
  VIRTUAL_ACCOUNT: 'vbank',
  TRANSFER: 'bank',
};

/** paymux's card-company names (카드사 심사) as Hecto's card issuer identifiers (issrId). */
const CARD_COMPANY_ISSUERS: Readonly<Record<string, string>> = {
  BC: 'BCC',
  KB국민: 'KBC',
  하나: 'HNC',
  삼성: 'SSC',
  신한: 'SHN',
  현대: 'HDC',
  롯데: 'LTC',
  NH농협: 'NHC',
  우리: 'WRI',
};

/** The window's card-issuer restriction: the known companies' issrIds, comma-separated. */
export function cardIssuersField(companies: readonly string[]): string {
  return companies.flatMap((company) => (CARD_COMPANY_ISSUERS[company] ? [CARD_COMPANY_ISSUERS[company]] : [])).join(',');
}

/**
 * The payment window form (결제창): plain fields, the window hash
 * (mchtId + method + mchtTrdNo + trdDt + trdTm + trdAmt + key) over the plain amount, then the
 * amount and customer fields encrypted. The browser posts it as is; nothing here is secret from
 * the buyer except the license key, which only the hash depends on.
 */
export function buildPaymentWindow(
  windowBaseUrl: string,
  keys: HectoKeys,
  input: PaymentWindowInput & { readonly requestId: string },
  now: Date,
): PaymentWindowForm {
  const method = WINDOW_METHODS[input.paymentMethod];
  const { trdDt, trdTm } = koreanTimestamp(now);
  // Key-only card window (unsettled, see src/sandbox/README.md): amount "0", as Hecto's hashes use for messages without one.
  const keyOnly = method === 'card' && input.issueBillingKeyOnly === true;
  const trdAmt = keyOnly ? '0' : wonToWire(input.amount);
  const plain: WindowRequest = {
    mchtId: keys.mchtId,
    method,
    trdDt,
    trdTm,
    mchtTrdNo: input.requestId,
    mchtName: input.merchantName,
    pmtPrdtNm: input.orderName,
    trdAmt,
    notiUrl: input.notificationUrl,
    nextUrl: input.returnUrl,
    cancUrl: input.cancelUrl,
    ...(input.customer?.name ? { mchtCustNm: input.customer.name } : {}),
    ...(input.customer?.id ? { mchtCustId: input.customer.id } : {}),
    ...(input.customer?.email ? { email: input.customer.email } : {}),
    ...(input.customer?.phone ? { cphoneNo: input.customer.phone.replace(/\D/g, '') } : {}),
    ...(input.customData ? { mchtParam: input.customData } : {}),
    ...(method === 'card' && !keyOnly ? { instmtMon: installmentField(input.installmentMonths) } : {}),
    ...(keyOnly ? { keyRegYn: 'Y' } : {}),
    ...(method === 'card' && input.allowedCardCompanies ? { cardCd: cardIssuersField(input.allowedCardCompanies) } : {}),
    ...(method === 'vbank' && input.dueAt ? { expireDt: koreanDateTime(input.dueAt) } : {}),
    pktHash: windowRequestHash({ mchtId: keys.mchtId, method, mchtTrdNo: input.requestId, trdDt, trdTm, trdAmt }, keys.licenseKey),
  };
  const encrypted = encryptFields(plain, WINDOW_REQUEST_ENCRYPTED, keys.encryptionKey);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(encrypted)) if (typeof value === 'string') fields[name] = value;
  return { action: windowBaseUrl + HECTO_WINDOW_PATHS[method], method: 'POST', fields, requestId: input.requestId };
}
