/**
 * Hecto result codes (거절코드 표, spec §41.1: PG common codes and credit-card codes) mapped to
 * paymux failure reasons, with the spec's Korean text and an English translation.
 *
 * `outcome` says what a client may conclude: DECLINED — Hecto refused and nothing happened;
 * UNCERTAIN — Hecto itself could not tell (timeouts of the card network, "processing", gateway
 * errors), so an approval or cancel must be treated as unknown and settled by an inquiry.
 * An unmapped code is not in this table: `describeResultCode` answers undefined and the caller
 * must treat the outcome as unknown, never as success or failure.
 */
export type PaymuxFailureReason =
  | 'INVALID_REQUEST'
  | 'PG_CREDENTIALS'
  | 'MERCHANT_NOT_REGISTERED'
  | 'DUPLICATE_ORDER'
  | 'DUPLICATE_APPROVAL'
  | 'TRANSACTION_NOT_FOUND'
  | 'ALREADY_PAID'
  | 'ALREADY_CANCELLED'
  | 'CANCEL_ROUND_MISMATCH'
  | 'CANCEL_AMOUNT_EXCEEDED'
  | 'CANCEL_NOT_ALLOWED'
  | 'CANCEL_PERIOD_EXPIRED'
  | 'PARTIAL_CANCEL_NOT_ALLOWED'
  | 'INVALID_AMOUNT'
  | 'INVALID_CARD_EXPIRY'
  | 'INVALID_CARD_PASSWORD'
  | 'INVALID_IDENTITY_NUMBER'
  | 'INSTALLMENT_NOT_ALLOWED'
  | 'CARD_LIMIT_EXCEEDED'
  | 'CARD_NOT_USABLE'
  | 'CARD_DECLINED'
  | 'CALL_CARD_COMPANY'
  | 'CUSTOMER_NOT_FOUND'
  | 'ACCOUNT_HOLDER_MISMATCH'
  | 'USER_CANCELLED'
  | 'AUTHENTICATION_FAILED'
  | 'SESSION_EXPIRED'
  | 'PG_MAINTENANCE'
  | 'SERVICE_UNAVAILABLE'
  | 'PG_SYSTEM_ERROR'
  | 'PROCESSING';

export type ResultOutcome = 'OK' | 'DECLINED' | 'UNCERTAIN';

export interface ResultCodeInfo {
  readonly code: string;
  readonly ko: string;
  readonly en: string;
  readonly outcome: ResultOutcome;
  /** undefined for 0000. */
  readonly reason?: PaymuxFailureReason;
  /** Whether the same request may succeed later (maintenance, traffic); never for declines of the card. */
  readonly retryable: boolean;
}

type Row = readonly [code: string, ko: string, en: string, reason: PaymuxFailureReason, extra?: 'uncertain' | 'retryable'];

const PG_COMMON: readonly Row[] = [
  ['0009', '사용자취소', 'Cancelled by the buyer', 'USER_CANCELLED'],
  ['1001', '결제 요청 정보 누락(상점아이디)', 'Missing request field (merchant ID)', 'INVALID_REQUEST'],
  ['1002', '결제 요청 정보 누락(결제수단)', 'Missing request field (payment method)', 'INVALID_REQUEST'],
  ['1003', '결제 요청 정보 누락(거래일자)', 'Missing request field (trade date)', 'INVALID_REQUEST'],
  ['1004', '결제 요청 정보 누락(거래시간)', 'Missing request field (trade time)', 'INVALID_REQUEST'],
  ['1005', '결제 요청 정보 누락(상점주문번호)', 'Missing request field (merchant order number)', 'INVALID_REQUEST'],
  ['1006', '결제 요청 정보 누락(상점한글명)', 'Missing request field (merchant Korean name)', 'INVALID_REQUEST'],
  ['1007', '결제 요청 정보 누락(상점영문명)', 'Missing request field (merchant English name)', 'INVALID_REQUEST'],
  ['1008', '결제 요청 정보 누락(상품명)', 'Missing request field (product name)', 'INVALID_REQUEST'],
  ['1009', '결제 요청 정보 누락(거래금액)', 'Missing request field (amount)', 'INVALID_REQUEST'],
  ['1010', '결제 요청 정보 누락(결과처리URL)', 'Missing request field (notification URL)', 'INVALID_REQUEST'],
  ['1011', '결제 요청 정보 누락(결과화면URL)', 'Missing request field (result page URL)', 'INVALID_REQUEST'],
  ['1012', '결제 요청 정보 누락(결제취소URL)', 'Missing request field (cancel page URL)', 'INVALID_REQUEST'],
  ['1013', '결제 요청 정보 누락(상점고객아이디)', 'Missing request field (customer ID)', 'INVALID_REQUEST'],
  ['1101', '결제 요청 정보 길이 오류(상점아이디)', 'Field length error (merchant ID)', 'INVALID_REQUEST'],
  ['1102', '결제 요청 정보 길이 오류(결제수단)', 'Field length error (payment method)', 'INVALID_REQUEST'],
  ['1103', '결제 요청 정보 길이 오류(요청일자)', 'Field length error (request date)', 'INVALID_REQUEST'],
  ['1104', '결제 요청 정보 길이 오류(요청시간)', 'Field length error (request time)', 'INVALID_REQUEST'],
  ['1105', '결제 요청 정보 길이 오류(상점주문번호)', 'Field length error (merchant order number)', 'INVALID_REQUEST'],
  ['1106', '결제 요청 정보 길이 오류(상점한글명)', 'Field length error (merchant Korean name)', 'INVALID_REQUEST'],
  ['1107', '결제 요청 정보 길이 오류(상점영문명)', 'Field length error (merchant English name)', 'INVALID_REQUEST'],
  ['1108', '결제 요청 정보 길이 오류(상품명)', 'Field length error (product name)', 'INVALID_REQUEST'],
  ['1109', '결제 요청 정보 길이 오류(거래금액)', 'Field length error (amount)', 'INVALID_REQUEST'],
  ['1110', '결제 요청 정보 길이 오류(고객명)', 'Field length error (customer name)', 'INVALID_REQUEST'],
  ['1111', '결제 요청 정보 길이 오류(결과처리URL)', 'Field length error (notification URL)', 'INVALID_REQUEST'],
  ['1112', '결제 요청 정보 길이 오류(결과화면URL)', 'Field length error (result page URL)', 'INVALID_REQUEST'],
  ['1113', '결제 요청 정보 길이 오류(결제취소URL)', 'Field length error (cancel page URL)', 'INVALID_REQUEST'],
  ['1114', '결제 요청 정보 길이 오류(상점예약필드)', 'Field length error (merchant parameter)', 'INVALID_REQUEST'],
  ['1115', '결제 요청 정보 길이 오류(이메일)', 'Field length error (e-mail)', 'INVALID_REQUEST'],
  ['1116', '결제 요청 정보 길이 오류(상품제공기간)', 'Field length error (service period)', 'INVALID_REQUEST'],
  ['1117', '결제 요청 정보 길이 오류(상점고객아이디)', 'Field length error (customer ID)', 'INVALID_REQUEST'],
  ['1118', '결제 요청 정보 길이 오류(면세여부)', 'Field length error (tax type)', 'INVALID_REQUEST'],
  ['1119', '결제 요청 정보 길이 오류(과세금액)', 'Field length error (taxable amount)', 'INVALID_REQUEST'],
  ['1120', '결제 요청 정보 길이 오류(부가세금액)', 'Field length error (VAT amount)', 'INVALID_REQUEST'],
  ['1121', '결제 요청 정보 길이 오류(비과세금액)', 'Field length error (tax-free amount)', 'INVALID_REQUEST'],
  ['1122', '결제 요청 정보 길이 오류(봉사료)', 'Field length error (service charge)', 'INVALID_REQUEST'],
  ['1123', '결제 요청 정보 길이 오류(카드결제타입)', 'Field length error (card payment type)', 'INVALID_REQUEST'],
  ['1124', '결제 요청 정보 길이 오류(특정카드사코드)', 'Field length error (card company code)', 'INVALID_REQUEST'],
  ['1125', '결제 요청 정보 길이 오류(앱스키마)', 'Field length error (app scheme)', 'INVALID_REQUEST'],
  ['1126', '결제 요청 정보 길이 오류(고객IP주소)', 'Field length error (customer IP)', 'INVALID_REQUEST'],
  ['1127', '결제 요청 정보 길이 오류(hash 데이터)', 'Field length error (hash)', 'INVALID_REQUEST'],
  ['1901', '해쉬값 불일치 오류', 'Hash (pktHash) mismatch — check the license key', 'PG_CREDENTIALS'],
  ['1902', '암호화 항목 미처리 오류', 'Encrypted field could not be decrypted — check the encryption key', 'PG_CREDENTIALS'],
  ['2001', '보안숫자가 일치하지 않음', 'Security number does not match', 'AUTHENTICATION_FAILED'],
  ['2002', '보안숫자 인증 횟수 초과', 'Too many security number attempts', 'AUTHENTICATION_FAILED'],
  ['2003', '인증 시간 초과', 'Authentication timed out', 'SESSION_EXPIRED'],
  ['3007', '취소 한도 초과', 'Cancel limit exceeded', 'CANCEL_NOT_ALLOWED'],
  ['5001', '잘못된 경로로 접근(null error)', 'Invalid access (null error)', 'INVALID_REQUEST'],
  ['5002', '거래 시간 초과(expired error)', 'Transaction time expired', 'SESSION_EXPIRED'],
  ['5003', '잘못된 경로로 접근(encoding error)', 'Invalid access (encoding error)', 'INVALID_REQUEST'],
  ['5004', '잘못된 경로로 접근(parse error)', 'Invalid access (parse error)', 'INVALID_REQUEST'],
  ['5005', '잘못된 경로로 접근(mapping error)', 'Invalid access (mapping error)', 'INVALID_REQUEST'],
  ['5006', '잘못된 경로로 접근(io error)', 'Invalid access (I/O error)', 'INVALID_REQUEST'],
  ['6001', '유효하지 않은 요청 전문', 'Invalid request message', 'INVALID_REQUEST'],
  ['9001', '레거시코드 조회 오류', 'Legacy code lookup error', 'PG_SYSTEM_ERROR', 'retryable'],
  ['9002', '결제창옵션 조회 오류', 'Payment window option lookup error', 'PG_SYSTEM_ERROR', 'retryable'],
  ['9003', '결제창배너 조회 오류', 'Payment window banner lookup error', 'PG_SYSTEM_ERROR', 'retryable'],
  ['9004', '약관리스트 조회 오류', 'Terms lookup error', 'PG_SYSTEM_ERROR', 'retryable'],
  ['9005', '공지사항 조회 오류', 'Notice lookup error', 'PG_SYSTEM_ERROR', 'retryable'],
  ['9006', '제휴할인 조회 오류', 'Partner discount lookup error', 'PG_SYSTEM_ERROR', 'retryable'],
  ['9007', '결제정보 조회 오류', 'Payment information lookup error', 'PG_SYSTEM_ERROR', 'retryable'],
  ['9901', '게이트웨이 요청 전문 오류', 'Gateway request message error', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['9902', '게이트웨이 응답 전문 오류', 'Gateway response message error', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['9903', '게이트웨이 요청 오류', 'Gateway request error', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['9904', '게이트웨이 응답 오류', 'Gateway response error', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['9905', '게이트웨이 시스템 오류', 'Gateway system error', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['9999', '내부 시스템 오류', 'Internal system error', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['ST01', '고객정보 없음', 'Customer (billing key) not found', 'CUSTOMER_NOT_FOUND'],
  ['ST03', '기 결제건', 'Already paid', 'ALREADY_PAID'],
  ['ST06', '거래정보 없음', 'Transaction not found', 'TRANSACTION_NOT_FOUND'],
  ['ST07', '유효하지 않은 전문', 'Invalid message', 'INVALID_REQUEST'],
  ['ST08', '이미 등록된 계좌입니다', 'Account already registered', 'INVALID_REQUEST'],
  ['ST09', '유효하지 않은 요청전문', 'Invalid request message', 'INVALID_REQUEST'],
  ['ST10', '내부 시스템 오류', 'Internal system error', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['ST11', '원천사 점검 시간', 'Card company or bank under maintenance', 'PG_MAINTENANCE', 'retryable'],
  ['ST13', '인증내역 없음', 'No authentication record', 'AUTHENTICATION_FAILED'],
  ['ST19', '기타 거래 불가', 'Transaction not possible', 'SERVICE_UNAVAILABLE'],
  ['ST24', '예금주 불일치', 'Account holder does not match', 'ACCOUNT_HOLDER_MISMATCH'],
  ['ST25', '중복 취소 요청', 'Duplicate cancel request', 'ALREADY_CANCELLED'],
  ['ST26', '취소 정보 오류', 'Cancel information error', 'INVALID_REQUEST'],
  ['ST30', '인증 시간 만료', 'Authentication expired', 'SESSION_EXPIRED'],
  ['ST32', '예금주 성명 오류', 'Account holder name error', 'ACCOUNT_HOLDER_MISMATCH'],
  ['ST38', '처리 진행 중', 'Still processing', 'PROCESSING', 'uncertain'],
  ['ST39', '환불 중복 요청', 'Duplicate refund request', 'ALREADY_CANCELLED'],
  ['ST41', '트래픽 과다', 'Too much traffic', 'PG_SYSTEM_ERROR', 'retryable'],
  ['ST44', '원천사 정보 오류', 'Card company or bank information error', 'PG_SYSTEM_ERROR'],
  ['ST45', '취소 실패', 'Cancel failed', 'CANCEL_NOT_ALLOWED'],
  ['ST46', '취소기간 경과', 'Cancel period has passed', 'CANCEL_PERIOD_EXPIRED'],
  ['ST47', '미등록 상점', 'Merchant not registered', 'MERCHANT_NOT_REGISTERED'],
  ['ST48', '미등록 가맹점', 'Merchant not registered', 'MERCHANT_NOT_REGISTERED'],
  ['ST50', '중복요청', 'Duplicate request (merchant order number already used)', 'DUPLICATE_ORDER'],
  ['ST54', '부분취소 불가', 'Partial cancel not allowed', 'PARTIAL_CANCEL_NOT_ALLOWED'],
  ['ST55', '복합과세 금액 불일치', 'Tax amounts do not add up', 'INVALID_AMOUNT'],
  ['ST56', '취소회차 오류', 'Cancel round (cnclOrd) error', 'CANCEL_ROUND_MISMATCH'],
  ['ST57', '취소금액(환불금액)이 원거래금액을 초과합니다.', 'Cancel (refund) amount exceeds the remaining amount', 'CANCEL_AMOUNT_EXCEEDED'],
  ['ST58', '취소요청금액이 원거래금액과 일치하지 않습니다.', 'Cancel amount does not match the original amount', 'INVALID_AMOUNT'],
  ['ST60', '비정상 처리', 'Abnormal processing', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['ST68', '서비스 중지', 'Service suspended', 'SERVICE_UNAVAILABLE'],
  ['ST69', '서비스 불가', 'Service not available for this merchant', 'SERVICE_UNAVAILABLE'],
  ['ST70', '정책 차단', 'Blocked by policy', 'SERVICE_UNAVAILABLE'],
  ['ST79', '시스템 오류', 'System error', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['ST99', '기타 오류', 'Other error', 'PG_SYSTEM_ERROR'],
  ['VTIM', '원천사 타임아웃', 'Card company or bank timed out', 'PG_SYSTEM_ERROR', 'uncertain'],
];

const CARD: readonly Row[] = [
  ['CA01', '원천사 점검', 'Card company under maintenance', 'PG_MAINTENANCE', 'retryable'],
  ['CA02', '원천사 장애', 'Card company failure', 'PG_SYSTEM_ERROR', 'retryable'],
  ['CA03', '전문 유효성 체크', 'Message validation failed', 'INVALID_REQUEST'],
  ['CA04', '결제 중계사 장애', 'Payment relay failure', 'PG_SYSTEM_ERROR', 'retryable'],
  ['CA10', '거래정보 없음', 'Transaction not found', 'TRANSACTION_NOT_FOUND'],
  ['CA11', '기매입 거래', 'Already purchased (settled) transaction', 'CANCEL_NOT_ALLOWED'],
  ['CA12', '기취소 거래', 'Already cancelled', 'ALREADY_CANCELLED'],
  ...range('CA', 13, 19, '요청정보 오류', 'Request information error', 'INVALID_REQUEST'),
  ['CA20', '카드 유효기간이 유효하지 않습니다.', 'Invalid card expiry', 'INVALID_CARD_EXPIRY'],
  ...range('CA', 21, 23, '할부 관련 오류', 'Installment error', 'INSTALLMENT_NOT_ALLOWED'),
  ['CA26', '사용횟수 초과', 'Usage count exceeded', 'CARD_LIMIT_EXCEEDED'],
  ...range('CA', 27, 29, '비밀번호 관련 오류', 'Card password error', 'INVALID_CARD_PASSWORD'),
  ['CA30', '식별번호 오류', 'Birth date or business number error', 'INVALID_IDENTITY_NUMBER'],
  ...range('CA', 31, 37, '한도 관련 오류', 'Card limit exceeded', 'CARD_LIMIT_EXCEEDED'),
  ['CA38', '포인트한도 미달로 거래 불가', 'Not enough points', 'CARD_LIMIT_EXCEEDED'],
  ...range('CA', 40, 41, '거래금액 오류', 'Amount error', 'INVALID_AMOUNT'),
  ['CA42', '1000원 미만 99,999,999원 이상 금액 거래 불가', 'Amount must be between 1,000 and 99,999,999 won', 'INVALID_AMOUNT'],
  ...range('CA', 50, 57, '카드상태 오류', 'Card cannot be used (lost, stolen, suspended or similar)', 'CARD_NOT_USABLE'),
  ['CA58', '미등록 카드입니다. 카드사로 문의해 주세요.', 'Card not registered; contact the card company', 'CARD_NOT_USABLE'],
  ['CA59', '법인카드는 거래가 불가능합니다.', 'Corporate cards are not accepted', 'CARD_DECLINED'],
  ...range('CA', 60, 64, '가맹점상태 오류', 'Merchant status error', 'SERVICE_UNAVAILABLE'),
  ['CA65', '인증거래미약정가맹점', 'Merchant not contracted for authenticated payments', 'SERVICE_UNAVAILABLE'],
  ['CA70', '식별번호(생년월일/사업자번호)+비밀번호가 유효하지 않음', 'Birth date/business number and password are invalid', 'INVALID_CARD_PASSWORD'],
  ['CA75', '공동인증서 인증정보가 유효하지 않습니다.', 'Certificate authentication invalid', 'AUTHENTICATION_FAILED'],
  ['CA80', '서비스 불가 거래', 'Transaction not serviceable', 'CARD_DECLINED'],
  ['CA81', '거래 처리 중 오류 발생', 'Error while processing the transaction', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['CA82', '카드사 전화 요망', 'Call the card company', 'CALL_CARD_COMPANY'],
  ['CA83', '해당 거래는 취소가 불가합니다.', 'This transaction cannot be cancelled', 'CANCEL_NOT_ALLOWED'],
  ['CA84', '기타 오류가 발생하였습니다.', 'Other error', 'CARD_DECLINED'],
  ['CA85', '취소거래 처리 시 오류가 발생하였습니다.', 'Error while processing the cancel', 'PG_SYSTEM_ERROR', 'uncertain'],
  ['CA86', '이중 거래 입니다.', 'Duplicate approval', 'DUPLICATE_APPROVAL'],
  ['CA87', '가맹점 번호가 유효하지 않습니다.', 'Invalid merchant number', 'MERCHANT_NOT_REGISTERED'],
  ['CA88', '해당 선불카드(기프트카드)는 부분취소가 불가합니다.', 'Partial cancel is not possible for this prepaid card', 'PARTIAL_CANCEL_NOT_ALLOWED'],
  ['J999', '카드사 전화 요망', 'Call the card company', 'CALL_CARD_COMPANY'],
  ['0905', '본인확인요망', 'Identity verification required', 'CALL_CARD_COMPANY'],
  ['8373', '카드사 전화 요망', 'Call the card company', 'CALL_CARD_COMPANY'],
  ['8375', '기타 에러 처리', 'Other error', 'CARD_DECLINED'],
];

function range(
  prefix: string,
  from: number,
  to: number,
  ko: string,
  en: string,
  reason: PaymuxFailureReason,
): Row[] {
  const rows: Row[] = [];
  for (let n = from; n <= to; n++) rows.push([`${prefix}${String(n).padStart(2, '0')}`, ko, en, reason]);
  return rows;
}

export const RESULT_OK: ResultCodeInfo = {
  code: '0000',
  ko: '정상처리',
  en: 'Processed normally',
  outcome: 'OK',
  retryable: false,
};

export const RESULT_CODES: ReadonlyMap<string, ResultCodeInfo> = new Map<string, ResultCodeInfo>([
  ['0000', RESULT_OK],
  ...[...PG_COMMON, ...CARD].map(([code, ko, en, reason, extra]): [string, ResultCodeInfo] => [
    code,
    {
      code,
      ko,
      en,
      reason,
      outcome: extra === 'uncertain' ? 'UNCERTAIN' : 'DECLINED',
      retryable: extra === 'retryable' || extra === 'uncertain',
    },
  ]),
]);

/** The table entry of a code; undefined when Hecto sent a code this table does not know. */
export function describeResultCode(code: string): ResultCodeInfo | undefined {
  return RESULT_CODES.get(code);
}

/** Korean message of a code (the simulator's `outRsltMsg`); the code itself when unknown. */
export function koreanMessage(code: string): string {
  return RESULT_CODES.get(code)?.ko ?? code;
}
