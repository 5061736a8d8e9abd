/*
 * paymux browser SDK (PortOne V2 compatible): installs window.PortOne with requestPayment and
 * requestIssueBillingKey. Load it with a <script> tag, or point PortOne's npm loader at it:
 *   import * as PortOne from '@portone/browser-sdk/v2';
 *   PortOne.__INTERNAL__setPortOneSdkUrl('https://<paymux>/sdk/v2/browser-sdk.js');
 * requestPayment resolves with PortOne's response ({transactionType, txId, paymentId, code?,
 * message?, pgCode?, pgMessage?}); `code` present means failure; it never rejects for a payment
 * failure. The merchant's server must still verify with GET /payments/{paymentId}.
 */
(function () {
  'use strict';
  var core = window.__paymuxCheckout;

  function requestPayment(request) {
    request = request || {};
    var windowType = core.chooseWindowType(request.windowType);
    var locale = core.localeOf(request.locale);
    return core.runCheckout({
      locale: locale,
      windowType: windowType,
      redirectUrl: request.redirectUrl,
      preparePath: '/checkout/api/v2/payments',
      prepareBody: { request: request, windowType: windowType, origin: location.origin },
      failure: function (code, message) {
        return { transactionType: 'PAYMENT', txId: '', paymentId: request.paymentId, code: code, message: message };
      }
    });
  }

  /**
   * 결제창 빌링키 발급: the buyer registers a card in the PG's card window on a billing-capable
   * channel (no charge). Resolves with PortOne's IssueBillingKeyResponse
   * ({transactionType: 'ISSUE_BILLING_KEY', billingKey} or code/message on failure); with
   * redirection the buyer lands on redirectUrl?billingKey=… (or &code=&message=).
   */
  function requestIssueBillingKey(request) {
    request = request || {};
    var windowType = core.chooseWindowType(request.windowType);
    var locale = core.localeOf(request.locale);
    return core.runCheckout({
      locale: locale,
      windowType: windowType,
      title: core.text[locale].titleBillingKey,
      redirectUrl: request.redirectUrl,
      preparePath: '/checkout/api/v2/billing-keys',
      prepareBody: { request: request, windowType: windowType, origin: location.origin },
      failure: function (code, message) {
        return { transactionType: 'ISSUE_BILLING_KEY', code: code, message: message };
      }
    });
  }

  window.PortOne = {
    __paymux: true,
    requestPayment: requestPayment,
    requestIssueBillingKey: requestIssueBillingKey
  };
})();
