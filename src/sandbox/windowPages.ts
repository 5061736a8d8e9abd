import { VA_BANKS } from '../pg/hecto/codec/index.ts';

/**
 * HTML of the simulated payment window: plain forms, no script, Korean text, usable on a phone
 * and in headless Chromium. Every value is escaped.
 */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export const hiddenFields = (fields: Readonly<Record<string, string | undefined>>): string =>
  Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value ?? '')}">`)
    .join('');

const won = (amount: number): string => `${amount.toLocaleString('ko-KR')}원`;

const STYLE = `
body{margin:0;font-family:-apple-system,"Apple SD Gothic Neo","Malgun Gothic",sans-serif;background:#f3f4f6;color:#111}
main{max-width:480px;margin:0 auto;padding:16px 20px;background:#fff;min-height:100vh;box-sizing:border-box}
h1{font-size:20px;margin:8px 0 16px}
.summary{background:#f9fafb;border:1px solid #e5e7eb;border-radius:8px;padding:12px;margin-bottom:16px}
.summary p{margin:4px 0}
.summary .product{overflow-wrap:anywhere;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}
label{display:block;margin:12px 0 4px;font-weight:600}
input,select{width:100%;box-sizing:border-box;padding:10px;font-size:16px;border:1px solid #d1d5db;border-radius:6px}
button{width:100%;padding:12px;font-size:16px;border:0;border-radius:6px;margin-top:12px;cursor:pointer}
.primary{background:#2563eb;color:#fff}
.secondary{background:#e5e7eb;color:#111}
.companies{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.companies button{margin-top:0;background:#eef2ff;color:#1e3a8a}
.error{color:#b91c1c}
`;

export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="ko"><head><meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - 헥토파이낸셜 테스트 결제창</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface OrderSummary {
  merchantName: string;
  productName: string;
  amount: number;
}

export function summary(order: OrderSummary): string {
  // Amount 0 is the key-only card window: the buyer registers a card, nothing is charged now.
  const amount = order.amount === 0 ? '<p><strong>정기결제 카드 등록</strong> (지금 결제되지 않습니다)</p>' : `<p>결제금액: <strong>${won(order.amount)}</strong></p>`;
  return `<div class="summary"><p>상점: ${escapeHtml(order.merchantName)}</p>
<p class="product">상품: ${escapeHtml(order.productName)}</p>${amount}</div>`;
}

/** Hecto's YYYYMMDDhhmmss (Korean time) as the buyer reads it: 2026년 12월 5일 02:59. */
export function formatKoreanDateTime(value: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(value);
  if (!m) return value;
  return `${m[1]}년 ${Number(m[2])}월 ${Number(m[3])}일 ${m[4]}:${m[5]}`;
}

/** The 닫기 (close) button that abandons the payment: a form POST to cancUrl. */
export function closeButton(cancUrl: string, fields: Readonly<Record<string, string | undefined>>): string {
  return `<form method="post" action="${escapeHtml(cancUrl)}">${hiddenFields(fields)}
<button type="submit" class="secondary" id="close">닫기</button></form>`;
}

export const CARD_COMPANIES: readonly { issrId: string; label: string }[] = [
  { issrId: 'BCC', label: 'BC' },
  { issrId: 'KBC', label: 'KB국민' },
  { issrId: 'HNC', label: '하나' },
  { issrId: 'SSC', label: '삼성' },
  { issrId: 'SHN', label: '신한' },
  { issrId: 'HDC', label: '현대' },
  { issrId: 'LTC', label: '롯데' },
  { issrId: 'NHC', label: 'NH농협' },
  { issrId: 'WRI', label: '우리' },
];

export function cardCompanyChoice(sid: string, order: OrderSummary, close: string, companies: readonly { issrId: string; label: string }[] = CARD_COMPANIES): string {
  const buttons = companies.map(
    (c) => `<button type="submit" name="issrId" value="${c.issrId}">${escapeHtml(c.label)}</button>`,
  ).join('');
  return page(
    '카드사 선택',
    `<h1>카드사를 선택하세요</h1>${summary(order)}
<form method="post" action="/card/authorize.do">${hiddenFields({ sid })}<div class="companies">${buttons}</div></form>${close}`,
  );
}

export function cardCompanyApproval(sid: string, order: OrderSummary, companyLabel: string, issrId: string, close: string): string {
  return page(
    `${companyLabel} 카드 인증`,
    `<h1>${escapeHtml(companyLabel)}카드 결제 인증</h1>${summary(order)}
<p>테스트 환경입니다. 결제하기를 누르면 카드사 인증이 완료된 것으로 처리됩니다.</p>
<form method="post" action="/card/pay.do">${hiddenFields({ sid, issrId })}
<button type="submit" class="primary" id="pay">결제하기</button></form>${close}`,
  );
}

export function cardForm(sid: string, order: OrderSummary, close: string, error?: string, onlyCompanies?: readonly string[]): string {
  const keyOnly = order.amount === 0;
  const only = onlyCompanies ? `<p data-testid="card-companies">결제 가능 카드사: ${escapeHtml(onlyCompanies.join(', ') || '없음')}</p>` : '';
  return page(
    keyOnly ? '카드 등록' : '카드 정보 입력',
    `<h1>카드 정보를 입력하세요</h1>${summary(order)}${only}${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/card/pay.do">${hiddenFields({ sid })}
<label for="cardNo">카드번호</label><input id="cardNo" name="cardNo" inputmode="numeric" autocomplete="cc-number" required>
<label for="expiry">유효기간 (MM/YY)</label><input id="expiry" name="expiry" placeholder="MM/YY" autocomplete="cc-exp" required>
<label for="cardPwd">비밀번호 앞 2자리</label><input id="cardPwd" name="cardPwd" type="password" inputmode="numeric" maxlength="2">
<label for="idntNo">생년월일</label><input id="idntNo" name="idntNo" inputmode="numeric" placeholder="YYMMDD">
<button type="submit" class="primary" id="pay">${keyOnly ? '카드 등록하기' : '결제하기'}</button></form>${close}`,
  );
}

export function bankChoice(sid: string, order: OrderSummary, action: string, buttonLabel: string, close: string, withDepositor: boolean): string {
  const options = Object.entries(VA_BANKS)
    .map(([code, name]) => `<option value="${code}">${escapeHtml(name)}</option>`)
    .join('');
  const depositor = withDepositor
    ? '<label for="dpstrNm">입금자명</label><input id="dpstrNm" name="dpstrNm" placeholder="입금자명">'
    : '';
  return page(
    '은행 선택',
    `<h1>은행을 선택하세요</h1>${summary(order)}
<form method="post" action="${action}">${hiddenFields({ sid })}
<label for="bankCd">은행</label><select id="bankCd" name="bankCd">${options}</select>${depositor}
<button type="submit" class="primary" id="pay">${escapeHtml(buttonLabel)}</button></form>${close}`,
  );
}

/** The result page; its 닫기 button form-POSTs the result to nextUrl. */
export function resultPage(title: string, lines: readonly string[], nextUrl: string, result: Readonly<Record<string, string | undefined>>): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><div class="summary">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>
<form method="post" action="${escapeHtml(nextUrl)}">${hiddenFields(result)}
<button type="submit" class="primary" id="close">닫기</button></form>`,
  );
}

export function errorPage(message: string): string {
  return page('오류', `<h1>결제를 진행할 수 없습니다</h1><p class="error">${escapeHtml(message)}</p>`);
}

export const formatWon = won;
