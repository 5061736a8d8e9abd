/*
 * paymux V1 browser module (iamport compatible): installs window.IMP.
 *   IMP.init('imp12345678');
 *   IMP.request_pay({ pg: 'settle.portone1', pay_method: 'card', merchant_uid, name, amount,
 *                     buyer_name, buyer_email, buyer_tel, m_redirect_url }, function (rsp) { … });
 * `pg` is "settle" or "settle.<MID>" (or pass `channelKey`). The window opens as an iframe layer
 * on desktop (a popup with `popup: true`) and by redirection to m_redirect_url on phones. The
 * callback gets V1's response ({success, imp_uid, merchant_uid, error_code, error_msg, …}); with
 * redirection the buyer lands on m_redirect_url?imp_uid=&merchant_uid=&imp_success=. Verify on
 * the server with GET /payments/{imp_uid}.
 * With `customer_uid` and `amount: 0` (빌링키 발급 결제창, on a billing-capable MID such as
 * settle.nxca_ks_gu) the card is only registered, as that customer_uid: the callback gets
 * {success, imp_uid: null, merchant_uid, customer_uid, error_code, error_msg}; charge it later with
 * POST /subscribe/payments/again. customer_uid with amount > 0 is refused before the window opens.
 */
(function () {
  'use strict';
  var core = window.__paymuxCheckout;
  var merchantCode = null;

  function init(code) {
    merchantCode = code;
  }

  function windowTypeOf(params) {
    var mobile = /Mobi|Android|iPhone|iPad|iPod/i.test(navigator.userAgent);
    if (mobile && params.m_redirect_url) return 'REDIRECTION';
    if (params.popup === true) return 'POPUP';
    return core.chooseWindowType({ pc: 'IFRAME', mobile: params.m_redirect_url ? 'REDIRECTION' : 'IFRAME' });
  }

  function request_pay(params, callback) {
    params = params || {};
    var done = typeof callback === 'function' ? callback : function () {};
    var locale = core.localeOf(params.language);
    var failure = function (code, message) {
      var response = { success: false, imp_uid: null, merchant_uid: params.merchant_uid, error_code: code, error_msg: message };
      if (params.customer_uid !== undefined) response.customer_uid = params.customer_uid;
      return response;
    };
    if (!merchantCode) {
      done(failure('F0', locale === 'en' ? 'Call IMP.init(merchant code) first.' : 'IMP.init(가맹점 식별코드)을 먼저 호출해 주세요.'));
      return;
    }
    var windowType = windowTypeOf(params);
    core.runCheckout({
      locale: locale,
      windowType: windowType,
      title: params.customer_uid !== undefined ? core.text[locale].titleBillingKey : undefined,
      redirectUrl: params.m_redirect_url,
      preparePath: '/checkout/api/v1/payments',
      prepareBody: { merchantCode: merchantCode, params: params, windowType: windowType, origin: location.origin },
      failure: failure
    }).then(done);
  }

  window.IMP = { init: init, request_pay: request_pay };
})();
