import type { PaymentWindowForm } from '../../pg/contract.ts';
import type { BillingKeyWindowResult } from '../../services/checkout/billingKey.ts';
import type { WindowResult } from '../../services/checkout/result.ts';
import type { CheckoutLocale } from '../../services/checkout/session.ts';

/**
 * The buyer-facing pages of checkout: plain HTML in Korean (English by locale), readable on a
 * phone, every value escaped. Nothing here shows a stack trace or a raw PG message dump.
 */
export function escapeHtml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** JSON inside a <script>: `<` escaped so no value can close the script element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replaceAll('<', '\\u003c');

export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:-apple-system,BlinkMacSystemFont,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;background:#f3f4f6;color:#111827;line-height:1.5}
main{max-width:480px;margin:0 auto;padding:24px 20px;background:#fff;min-height:100vh}
h1{font-size:22px;margin:8px 0 16px}
.card{border:1px solid #e5e7eb;border-radius:12px;padding:16px;margin:16px 0;background:#f9fafb}
.row{display:flex;justify-content:space-between;gap:12px;margin:6px 0}
.row span:first-child{color:#6b7280}
.row span:last-child{font-weight:600;text-align:right;word-break:break-all}
.status{display:flex;align-items:center;gap:12px;margin:12px 0 20px}
.status h1{margin:0}
.mark{flex:none;width:40px;height:40px;border-radius:20px;display:flex;align-items:center;justify-content:center;font-size:22px;font-weight:700}
.ok{background:#dcfce7;color:#166534}.fail{background:#fee2e2;color:#991b1b}.wait{background:#fef3c7;color:#92400e}
button,.button{display:block;width:100%;padding:14px;font-size:16px;border:0;border-radius:10px;background:#2563eb;color:#fff;text-align:center;text-decoration:none;cursor:pointer;margin-top:12px}
.muted{color:#6b7280;font-size:14px}
`;

export function page(locale: CheckoutLocale, title: string, body: string, script = ''): string {
  return `<!DOCTYPE html><html lang="${locale}"><head><meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - paymux</title><style>${STYLE}</style></head>
<body><main>${body}</main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

const T = {
  ko: {
    redirecting: '결제창으로 이동합니다',
    redirectingHint: '잠시만 기다려 주세요. 이동하지 않으면 아래 버튼을 눌러 주세요.',
    continue: '결제창 열기',
    errorTitle: '결제를 진행할 수 없습니다',
    paid: '결제가 완료되었습니다',
    issued: '가상계좌가 발급되었습니다',
    failed: '결제에 실패했습니다',
    cancelled: '결제가 취소되었습니다',
    unconfirmed: '결제 결과를 확인하고 있습니다',
    unconfirmedHint: '결제사의 확인을 기다리고 있습니다. 결과는 상점에서 다시 확인해 드립니다.',
    order: '주문명',
    amount: '결제금액',
    bank: '입금은행',
    account: '계좌번호',
    holder: '예금주',
    due: '입금기한',
    reason: '사유',
    close: '닫기',
    back: '상점으로 돌아가기',
    closing: '이 창은 자동으로 닫힙니다.',
    keyIssued: '카드가 등록되었습니다',
    keyFailed: '카드를 등록하지 못했습니다',
    keyCancelled: '카드 등록이 취소되었습니다',
    keyUnconfirmed: '카드 등록 결과를 확인하고 있습니다',
    keyPendingHint: '카드사의 확인을 기다리고 있습니다. 확인되면 상점에 알려 드리니 카드를 다시 등록하지 않으셔도 됩니다.',
    keyOrder: '등록',
    keyOrderDefault: '정기결제 카드 등록',
    interrupted: '결제가 끝나지 않았습니다',
    interruptedHint: '결제창이 정상적으로 표시되지 않았거나 결제 도중 돌아오셨습니다. 아래 버튼을 누르면 결제를 취소하고 상점으로 돌아갑니다.',
    cancelAndBack: '결제 취소하고 돌아가기',
    won: (n: bigint) => `${n.toLocaleString('ko-KR')}원`,
  },
  en: {
    redirecting: 'Opening the payment window',
    redirectingHint: 'Please wait. If nothing happens, press the button below.',
    continue: 'Open the payment window',
    errorTitle: 'The payment cannot proceed',
    paid: 'Payment complete',
    issued: 'Virtual account issued',
    failed: 'Payment failed',
    cancelled: 'Payment cancelled',
    unconfirmed: 'Confirming the payment',
    unconfirmedHint: 'Waiting for the payment company to confirm. The shop will check the result again.',
    order: 'Order',
    amount: 'Amount',
    bank: 'Bank',
    account: 'Account number',
    holder: 'Account holder',
    due: 'Deposit by',
    reason: 'Reason',
    close: 'Close',
    back: 'Back to the shop',
    closing: 'This window closes by itself.',
    keyIssued: 'Card registered',
    keyFailed: 'The card could not be registered',
    keyCancelled: 'Card registration cancelled',
    keyUnconfirmed: 'Confirming the card registration',
    keyPendingHint: 'Waiting for the card company to confirm. The shop will be notified; there is no need to register the card again.',
    keyOrder: 'Registration',
    keyOrderDefault: 'Card registration for recurring payments',
    interrupted: 'The payment did not finish',
    interruptedHint: 'The payment window did not show properly, or you came back before finishing. Press the button below to cancel and return to the shop.',
    cancelAndBack: 'Cancel and return',
    won: (n: bigint) => `KRW ${n.toLocaleString('en-US')}`,
  },
} as const;

/** The page that carries the connector's form to the PG's window (submits itself; a button if scripts are off). */
export function windowRedirectPage(locale: CheckoutLocale, form: PaymentWindowForm): string {
  const t = T[locale];
  const fields = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return page(
    locale,
    t.redirecting,
    `<h1>${t.redirecting}</h1><p class="muted">${t.redirectingHint}</p>
<form id="pg-window" method="${form.method}" action="${escapeHtml(form.action)}" accept-charset="UTF-8">${fields}<button type="submit">${t.continue}</button></form>`,
    // Submitted after load, so the browser keeps this page in its history: Back from the PG's window
    // (say, when it answered something that is not a page) comes here and finds the way out.
    `window.addEventListener('load',function(){setTimeout(function(){document.getElementById('pg-window').submit();},0);});`,
  );
}

/**
 * A refusal shown inside the payment window (the LIVE gate): what is wrong and a close button. The
 * button only tells the SDK to close the window (no data), so any parent may hear it.
 */
export function refusalPage(locale: CheckoutLocale, message: string): string {
  const t = T[locale];
  const script = `(function(){var b=document.getElementById('close');b.addEventListener('click',function(){var m={source:'paymux-checkout',txId:null,close:true};
try{if(window.opener){window.opener.postMessage(m,'*');}else if(window.parent!==window){window.parent.postMessage(m,'*');}}catch(e){}});})();`;
  return page(
    locale,
    t.errorTitle,
    `<h1>${t.errorTitle}</h1><div class="card" role="alert" data-testid="refusal"><p>${escapeHtml(message)}</p></div><button type="button" id="close" class="button">${t.close}</button>`,
    script,
  );
}

export function errorPage(locale: CheckoutLocale, message: string): string {
  const t = T[locale];
  return page(locale, t.errorTitle, `<h1>${t.errorTitle}</h1><div class="card"><p>${escapeHtml(message)}</p></div>`);
}

/** A deadline in Korean time, spelled out (no locale data needed): 2026년 12월 5일 03:14 / 2026-12-05 03:14 (KST). */
function kstDate(iso: string, locale: CheckoutLocale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const kst = new Date(date.getTime() + 9 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  const [y, mo, d, h, mi] = [kst.getUTCFullYear(), kst.getUTCMonth() + 1, kst.getUTCDate(), kst.getUTCHours(), kst.getUTCMinutes()];
  return locale === 'en' ? `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)} (KST)` : `${y}년 ${mo}월 ${d}일 ${two(h)}:${two(mi)}`;
}

const BANK_NAMES: Readonly<Record<string, string>> = {
  KDB: 'KDB산업은행', IBK: 'IBK기업은행', KOOKMIN: 'KB국민은행', SUHYUP: '수협은행', NONGHYUP: 'NH농협은행', LOCAL_NONGHYUP: '지역농축협',
  WOORI: '우리은행', SC: 'SC제일은행', CITI: '한국씨티은행', DAEGU: '대구은행', BUSAN: '부산은행', GWANGJU: '광주은행', JEJU: '제주은행',
  JEONBUK: '전북은행', KYONGNAM: '경남은행', KFCC: '새마을금고', SHINHYUP: '신협', POST: '우체국', HANA: '하나은행', SHINHAN: '신한은행',
  K_BANK: '케이뱅크', KAKAO: '카카오뱅크', TOSS: '토스뱅크',
};

/**
 * The result page the PG's window returns to. It tells the buyer what happened, then hands the
 * SDK's response to the merchant page (postMessage to the opener or parent, only to the origin
 * that asked) or, in redirection mode, goes to the merchant's redirect URL. `view` shows it alone.
 */
export function resultPage(result: WindowResult, response: unknown, redirectTo: string | undefined, view: boolean): string {
  const locale = result.session.locale;
  const t = T[locale];
  const p = result.payment;
  const rows: [string, string][] = [
    [t.order, p.orderName],
    [t.amount, t.won(p.totalAmount)],
  ];
  let title: string;
  let badge: string;
  if (result.state === 'PAID') {
    title = t.paid;
    badge = 'ok';
  } else if (result.state === 'VIRTUAL_ACCOUNT_ISSUED') {
    title = t.issued;
    badge = 'ok';
    const account = (p.methodDetail?.virtualAccount ?? {}) as Record<string, unknown>;
    const bank = typeof account.bank === 'string' ? account.bank : '';
    rows.push([t.bank, locale === 'ko' ? (BANK_NAMES[bank] ?? bank) : bank]);
    rows.push([t.account, typeof account.accountNumber === 'string' ? account.accountNumber : '']);
    if (typeof account.remitteeName === 'string') rows.push([t.holder, account.remitteeName]);
    if (typeof account.expiredAt === 'string') rows.push([t.due, kstDate(account.expiredAt, locale)]);
  } else if (result.state === 'UNCONFIRMED') {
    title = t.unconfirmed;
    badge = 'wait';
  } else {
    title = result.state === 'CANCELLED_BY_BUYER' ? t.cancelled : t.failed;
    badge = 'fail';
    if (result.message) rows.push([t.reason, result.message]);
  }
  const mark = badge === 'ok' ? '✓' : badge === 'fail' ? '!' : '…';
  const body = `<div class="status" id="result-state" data-state="${result.state}"><span class="mark ${badge}" aria-hidden="true">${mark}</span><h1>${escapeHtml(title)}</h1></div>
${result.state === 'UNCONFIRMED' ? `<p class="muted">${t.unconfirmedHint}</p>` : ''}
<div class="card" id="result">${rows.map(([k, v]) => `<div class="row"><span>${escapeHtml(k)}</span><span>${escapeHtml(v)}</span></div>`).join('')}</div>
${redirectTo && !view ? `<a class="button" id="back" href="${escapeHtml(redirectTo)}">${t.back}</a>` : `<button type="button" id="close">${t.close}</button>`}`;
  return handBack(result.session, result.txId, title, body, response, redirectTo, view);
}

/**
 * Finishes a result page: shown alone (`view`), or handing the SDK's response to the merchant page
 * (postMessage to the opener or parent, only to the origin that asked), or with redirection going
 * on to the merchant's URL. The status block is scrolled into view (a long page on a phone).
 */
function handBack(
  session: { locale: CheckoutLocale; returnOrigin?: string | undefined },
  txId: string,
  title: string,
  body: string,
  response: unknown,
  redirectTo: string | undefined,
  view: boolean,
): string {
  const locale = session.locale;
  const reveal = `var state=document.getElementById('result-state');if(state&&state.scrollIntoView){state.scrollIntoView({block:'start'});}`;
  if (view) return page(locale, title, body, reveal);
  const target = session.returnOrigin ?? '*';
  const script = redirectTo
    ? `location.replace(${scriptJson(redirectTo)});`
    : `(function(){${reveal}var message={source:'paymux-checkout',txId:${scriptJson(txId)},response:${scriptJson(response)}};
var target=window.opener||(window.parent!==window?window.parent:null);
function send(){if(target){try{target.postMessage(message,${scriptJson(target)});}catch(e){}}}
send();document.getElementById('close').addEventListener('click',function(){send();if(window.opener){window.close();}});})();`;
  return page(locale, title, body, script);
}

/** The result page of a key-only card window (결제창 빌링키 발급). */
export function billingKeyResultPage(result: BillingKeyWindowResult, response: unknown, redirectTo: string | undefined, view: boolean): string {
  const locale = result.session.locale;
  const t = T[locale];
  const rows: [string, string][] = [[t.keyOrder, result.issueName ?? t.keyOrderDefault]];
  const [title, badge] =
    result.state === 'ISSUED'
      ? [t.keyIssued, 'ok']
      : result.state === 'UNCONFIRMED' || result.state === 'PENDING'
        ? [t.keyUnconfirmed, 'wait']
        : [result.state === 'CANCELLED_BY_BUYER' ? t.keyCancelled : t.keyFailed, 'fail'];
  if (result.failure?.reason && result.state !== 'ISSUED') rows.push([t.reason, result.failure.reason]);
  const mark = badge === 'ok' ? '✓' : badge === 'fail' ? '!' : '…';
  const body = `<div class="status" id="result-state" data-state="${result.state}"><span class="mark ${badge}" aria-hidden="true">${mark}</span><h1>${escapeHtml(title)}</h1></div>
<div class="card" id="result">${rows.map(([k, v]) => `<div class="row"><span>${escapeHtml(k)}</span><span>${escapeHtml(v)}</span></div>`).join('')}</div>
${result.state === 'PENDING' ? `<p class="muted">${t.keyPendingHint}</p>` : ''}
${redirectTo && !view ? `<a class="button" id="back" href="${escapeHtml(redirectTo)}">${t.back}</a>` : `<button type="button" id="close">${t.close}</button>`}`;
  return handBack(result.session, result.txId, title, body, response, redirectTo, view);
}

/**
 * The page the buyer finds when coming back to paymux's window page after the PG's window without
 * an ending (the PG answered something other than a page, or the buyer pressed Back): never a dead
 * end, its button cancels the attempt and returns to the shop like the window's own 닫기.
 */
export function interruptedPage(locale: CheckoutLocale, txId: string): string {
  const t = T[locale];
  return page(
    locale,
    t.interrupted,
    `<div class="status" id="result-state" data-state="INTERRUPTED"><span class="mark wait" aria-hidden="true">!</span><h1>${t.interrupted}</h1></div>
<p class="muted">${t.interruptedHint}</p>
<form method="post" action="/checkout/cancel/${encodeURIComponent(txId)}"><button type="submit" id="cancel-and-back">${t.cancelAndBack}</button></form>`,
  );
}
