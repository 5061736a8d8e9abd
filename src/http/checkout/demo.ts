import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { demoPaymentStatus, demoShop, type DemoShop } from '../../services/checkout/demo.ts';
import { errorPage, escapeHtml, page, scriptJson } from './pages.ts';

/**
 * The demo shop (/checkout/demo): a new user picks a TEST channel and a method and pays with a
 * test card through the real browser SDK, the README's "first payment". Only the seeded demo
 * store's TEST channels are offered; without them the page says so.
 */
export const demoShopRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app: FastifyInstance, { deps }) => {
  app.get('/checkout/demo', { schema: { hide: true } }, async (_request, reply) => {
    const shop = await demoShop(deps);
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    if (!shop) return reply.code(404).send(errorPage('ko', '데모 상점이 없습니다. 테스트 채널이 있는 데모 상점은 처음 시작할 때 만들어집니다.'));
    return reply.send(demoPage(shop));
  });
  app.get<{ Params: { paymentId: string } }>('/checkout/demo/api/payments/:paymentId', { schema: { hide: true } }, async (request, reply) => {
    const status = await demoPaymentStatus(deps, request.params.paymentId);
    if (!status) return reply.code(404).send({ message: '결제 건이 없습니다.' });
    return reply.send(status);
  });
};

const PRODUCT = { name: 'paymux 테스트 티셔츠', amount: 15_000 };

function demoPage(shop: DemoShop): string {
  const options = shop.channels
    .map(
      (c) =>
        `<option value="${escapeHtml(c.key)}" data-va="${c.virtualAccount}" data-transfer="${c.transfer}" data-card-form="${c.cardForm}">${escapeHtml(c.name)} (${escapeHtml(c.mid)})</option>`,
    )
    .join('');
  const body = `<style>
label{display:block;font-weight:600;margin:14px 0 6px}
select{width:100%;padding:12px;font-size:16px;border:1px solid #d1d5db;border-radius:10px;background:#fff}
.methods{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.methods label{margin:0;font-weight:500;border:1px solid #d1d5db;border-radius:10px;padding:12px;display:flex;gap:8px;align-items:center}
.product{display:flex;gap:16px;align-items:center}
.thumb{width:72px;height:72px;border-radius:12px;background:linear-gradient(135deg,#60a5fa,#2563eb);flex:none}
.tip{font-size:14px;background:#eff6ff;border:1px solid #bfdbfe;border-radius:10px;padding:12px;margin-top:16px}
.tip code{font-size:13px}
.tip p{margin:6px 0}
.methods label.off{opacity:.45}
#outcome-account .row span:last-child{font-size:17px}
pre{white-space:pre-wrap;word-break:break-all;font-size:13px;background:#111827;color:#e5e7eb;border-radius:10px;padding:12px}
</style>
<p class="muted">TEST · ${escapeHtml(shop.storeName)}</p>
<h1>데모 상점</h1>
<div class="card product"><div class="thumb" aria-hidden="true"></div><div><strong>${escapeHtml(PRODUCT.name)}</strong><br>${PRODUCT.amount.toLocaleString('ko-KR')}원</div></div>
<label for="channel">결제 채널</label><select id="channel">${options}</select>
<label>결제수단</label>
<div class="methods"><label><input type="radio" name="method" value="CARD" checked> 신용카드</label><label id="method-va"><input type="radio" name="method" value="VIRTUAL_ACCOUNT"> 가상계좌</label><label id="method-transfer"><input type="radio" name="method" value="TRANSFER"> 계좌이체</label></div>
<label for="windowType">결제창 방식</label>
<select id="windowType"><option value="IFRAME">레이어 (iframe)</option><option value="POPUP">팝업</option><option value="REDIRECTION">페이지 이동 (리디렉션)</option></select>
<button type="button" id="pay">${PRODUCT.amount.toLocaleString('ko-KR')}원 결제하기</button>
<div class="tip" id="tip"><strong>테스트 결제 방법</strong><p id="tip-text"></p><p class="muted">실제 돈은 나가지 않습니다. 거절 카드 <code>4000000000000002</code>(한도초과)로 실패도 확인할 수 있습니다.</p></div>
<section id="outcome" hidden><h2>결제 결과</h2><p id="outcome-text"></p><div class="card" id="outcome-account" hidden></div><p class="muted">브라우저 SDK 응답 (실제 상점은 이 값을 서버에서 GET /payments/{paymentId}로 다시 확인합니다)</p><pre id="outcome-json"></pre></section>`;
  const script = `(function(){
var shop=${scriptJson({ storeId: shop.storeId, product: PRODUCT })};
var outcome=document.getElementById('outcome');
var channel=document.getElementById('channel');
var TIPS={
  CARD_COMPANY:'카드사 버튼(예: KB국민)을 고른 뒤 <b>결제하기</b>를 누르면 승인됩니다.',
  NUMBER_EXPIRY:'카드번호 <code>1111222233334444</code>, 유효기간 <code>12/30</code>을 입력하세요.',
  NUMBER_EXPIRY_PASSWORD_BIRTH:'카드번호 <code>1111222233334444</code>, 유효기간 <code>12/30</code>, 비밀번호 앞 2자리 <code>12</code>, 생년월일 <code>900101</code>을 입력하세요.'
};
function method(){return document.querySelector('input[name=method]:checked').value;}
/** Only the methods the chosen channel can take; the tip names what its window asks for. */
function refresh(){
  var option=channel.options[channel.selectedIndex];
  var allowed={CARD:true,VIRTUAL_ACCOUNT:option.getAttribute('data-va')==='true',TRANSFER:option.getAttribute('data-transfer')==='true'};
  document.querySelectorAll('input[name=method]').forEach(function(input){
    input.disabled=!allowed[input.value];
    input.parentNode.classList.toggle('off',input.disabled);
    if(input.disabled&&input.checked){document.querySelector('input[name=method][value=CARD]').checked=true;}
  });
  var tip=document.getElementById('tip-text');
  if(method()==='VIRTUAL_ACCOUNT'){tip.innerHTML='은행을 고르고 <b>가상계좌 발급받기</b>를 누르면 계좌가 발급됩니다 (입금은 테스트 도구로 흉내 냅니다).';}
  else if(method()==='TRANSFER'){tip.innerHTML='은행을 고르고 <b>결제하기</b>를 누르면 이체가 승인됩니다.';}
  else{tip.innerHTML=TIPS[option.getAttribute('data-card-form')]||TIPS.CARD_COMPANY;}
}
channel.addEventListener('change',refresh);
document.querySelectorAll('input[name=method]').forEach(function(input){input.addEventListener('change',refresh);});
refresh();
var BANKS={KOOKMIN:'KB국민은행',SHINHAN:'신한은행',WOORI:'우리은행',HANA:'하나은행',NONGHYUP:'NH농협은행',IBK:'IBK기업은행',KDB:'KDB산업은행',SUHYUP:'수협은행',SC:'SC제일은행',CITI:'한국씨티은행',DAEGU:'대구은행',BUSAN:'부산은행',GWANGJU:'광주은행',JEJU:'제주은행',JEONBUK:'전북은행',KYONGNAM:'경남은행',KFCC:'새마을금고',SHINHYUP:'신협',POST:'우체국',K_BANK:'케이뱅크',KAKAO:'카카오뱅크',TOSS:'토스뱅크'};
function row(label,value){var r=document.createElement('div');r.className='row';var a=document.createElement('span');a.textContent=label;var b=document.createElement('span');b.textContent=value;r.appendChild(a);r.appendChild(b);return r;}
function show(response){
  outcome.hidden=false;
  document.getElementById('outcome-json').textContent=JSON.stringify(response,null,2);
  var text=document.getElementById('outcome-text');
  var account=document.getElementById('outcome-account');
  account.hidden=true;account.textContent='';
  outcome.scrollIntoView({behavior:'smooth',block:'start'});
  if(response.code){text.textContent='실패: '+(response.message||response.code);return;}
  text.textContent='서버에서 결제를 확인하는 중…';
  fetch('/checkout/demo/api/payments/'+encodeURIComponent(response.paymentId)).then(function(r){return r.json();}).then(function(p){
    var labels={PAID:'결제 완료',VIRTUAL_ACCOUNT_ISSUED:'가상계좌 발급 (입금 대기)',FAILED:'결제 실패',READY:'결제 대기',PAY_PENDING:'확인 중'};
    text.textContent='서버 확인 결과: '+(labels[p.status]||p.status)+' · '+Number(p.amount).toLocaleString('ko-KR')+'원';
    text.setAttribute('data-status',p.status);
    var va=p.method&&p.method.virtualAccount;
    if(va&&p.status==='VIRTUAL_ACCOUNT_ISSUED'){
      account.appendChild(row('입금은행',BANKS[va.bank]||va.bank));
      account.appendChild(row('계좌번호',va.accountNumber));
      if(va.expiredAt){account.appendChild(row('입금기한',new Date(va.expiredAt).toLocaleString('ko-KR',{timeZone:'Asia/Seoul',dateStyle:'medium',timeStyle:'short'})));}
      account.hidden=false;
    }
    outcome.scrollIntoView({behavior:'smooth',block:'start'});
  });
}
var query=new URLSearchParams(location.search);
if(query.get('paymentId')){show({paymentId:query.get('paymentId'),txId:query.get('txId'),code:query.get('code')||undefined,message:query.get('message')||undefined});}
document.getElementById('pay').addEventListener('click',function(){
  var type=document.getElementById('windowType').value;
  PortOne.requestPayment({
    storeId:shop.storeId, channelKey:channel.value,
    paymentId:'demo-'+Date.now()+'-'+Math.random().toString(36).slice(2,8),
    orderName:shop.product.name, totalAmount:shop.product.amount, currency:'KRW', payMethod:method(),
    customer:{fullName:'홍길동',email:'buyer@example.com',phoneNumber:'01012345678'},
    windowType:{pc:type,mobile:type}, redirectUrl:location.origin+location.pathname,
    virtualAccount:{accountExpiry:{validHours:72}}
  }).then(show);
});
})();`;
  return page('ko', '데모 상점', body, '')
    .replace('</body>', `<script src="/sdk/v2/browser-sdk.js"></script><script>${script}</script></body>`);
}
