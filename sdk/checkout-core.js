/*
 * paymux checkout core, shared by /sdk/v2/browser-sdk.js and /sdk/v1/iamport.js (the server
 * serves this file followed by the dialect's wrapper). Plain ES2019, no build step.
 * It opens the payment window as a popup, an iframe layer, or by redirection, asks paymux to
 * prepare the checkout, and resolves with the response the result page posts back (or, when the
 * buyer closes the window, with what paymux learnt from the PG). It never rejects.
 */
(function () {
  'use strict';
  if (window.__paymuxCheckout) return;

  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var MESSAGE_SOURCE = 'paymux-checkout';

  var TEXT = {
    ko: {
      popupBlocked: '팝업이 차단되어 결제창을 열 수 없습니다. 팝업 차단을 해제해 주세요.',
      network: '결제 서버에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.',
      redirectUrl: '리디렉션 방식에는 redirectUrl이 필요합니다.',
      loading: '결제창을 불러오는 중입니다…',
      close: '결제창 닫기',
      title: '결제창',
      titleBillingKey: '카드 등록'
    },
    en: {
      popupBlocked: 'The payment window was blocked. Please allow pop-ups for this site.',
      network: 'Could not reach the payment server. Please try again shortly.',
      redirectUrl: 'redirectUrl is required for the redirection window.',
      loading: 'Loading the payment window…',
      close: 'Close the payment window',
      title: 'Payment',
      titleBillingKey: 'Card registration'
    }
  };

  function localeOf(value) {
    return typeof value === 'string' && /^en/i.test(value) ? 'en' : 'ko';
  }

  function isMobile() {
    return /Mobi|Android|iPhone|iPad|iPod/i.test(navigator.userAgent);
  }

  /** iamport's `channel` of the payment: what kind of device the buyer pays on. */
  function deviceOf() {
    return isMobile() ? 'mobile' : 'pc';
  }

  /** PortOne's windowType {pc, mobile}: IFRAME on desktop and REDIRECTION on phones by default. */
  function chooseWindowType(requested) {
    var types = requested || {};
    var mobile = isMobile();
    var chosen = mobile ? types.mobile : types.pc;
    if (chosen === 'POPUP' || chosen === 'IFRAME' || chosen === 'REDIRECTION') return chosen;
    return mobile ? 'REDIRECTION' : 'IFRAME';
  }

  function postJson(path, body) {
    return fetch(origin + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json();
    });
  }

  /** Where the window is shown: a popup, a full-screen layer with an iframe, or this page itself. */
  function openSurface(windowType, text, title, onUserClose) {
    if (windowType === 'POPUP') {
      var width = 480;
      var height = 760;
      var left = Math.max(0, (window.screen.width - width) / 2);
      var top = Math.max(0, (window.screen.height - height) / 2);
      var popup = window.open('', 'paymux_checkout_' + Date.now(), 'width=' + width + ',height=' + height + ',left=' + left + ',top=' + top);
      if (!popup) return null;
      try {
        popup.document.write('<!DOCTYPE html><meta charset="UTF-8"><title>paymux</title><p style="font-family:sans-serif;padding:24px">' + text.loading + '</p>');
      } catch (ignored) { /* a cross-origin page already: nothing to write */ }
      var watcher = setInterval(function () {
        if (popup.closed) {
          clearInterval(watcher);
          onUserClose();
        }
      }, 400);
      return {
        navigate: function (url) { popup.location.href = url; },
        close: function () { clearInterval(watcher); try { popup.close(); } catch (ignored) { /* already closed */ } }
      };
    }
    if (windowType === 'IFRAME') {
      var layer = document.createElement('div');
      layer.setAttribute('data-paymux-checkout', '');
      layer.style.cssText = 'position:fixed;inset:0;z-index:2147483647;background:rgba(17,24,39,.55);display:flex;align-items:center;justify-content:center';
      var phone = window.innerWidth <= 520;
      var box = document.createElement('div');
      box.style.cssText = 'display:flex;flex-direction:column;background:#fff;overflow:hidden;' +
        (phone ? 'width:100vw;height:100vh' : 'width:480px;height:min(760px,94vh);border-radius:12px;box-shadow:0 20px 50px rgba(0,0,0,.3)');
      var bar = document.createElement('div');
      bar.style.cssText = 'flex:none;height:44px;display:flex;align-items:center;justify-content:space-between;padding:0 6px 0 16px;border-bottom:1px solid #e5e7eb;background:#f9fafb';
      var heading = document.createElement('span');
      heading.textContent = title;
      heading.style.cssText = 'font:600 15px/1 -apple-system,BlinkMacSystemFont,"Apple SD Gothic Neo","Malgun Gothic","Noto Sans KR",sans-serif;color:#111827';
      bar.appendChild(heading);
      var closer = document.createElement('button');
      closer.type = 'button';
      closer.setAttribute('aria-label', text.close);
      closer.title = text.close;
      closer.textContent = '\u00d7';
      closer.style.cssText = 'width:36px;height:36px;border:0;border-radius:18px;background:transparent;color:#374151;font:400 26px/36px sans-serif;cursor:pointer;padding:0';
      closer.addEventListener('click', function () { onUserClose(); });
      bar.appendChild(closer);
      var frame = document.createElement('iframe');
      frame.name = 'paymux_checkout_frame';
      frame.title = 'paymux checkout';
      frame.style.cssText = 'flex:1;border:0;width:100%';
      box.appendChild(bar);
      box.appendChild(frame);
      layer.appendChild(box);
      document.body.appendChild(layer);
      return {
        navigate: function (url) { frame.src = url; },
        close: function () { if (layer.parentNode) layer.parentNode.removeChild(layer); }
      };
    }
    return {
      navigate: function (url) { location.href = url; },
      close: function () {}
    };
  }

  /**
   * Runs one window checkout. `start` is the server's answer to the prepare call; `failure` makes
   * the dialect's failure response; the result page posts the dialect's response back.
   */
  function runCheckout(options) {
    return new Promise(function (resolve) {
      var text = TEXT[options.locale];
      var finished = false;
      var txId = null;
      var surface = null;
      // A refusal paymux explains on a page of its own (the LIVE gate): shown until the buyer closes it.
      var refusal = null;
      function finish(response) {
        if (finished) return;
        finished = true;
        window.removeEventListener('message', onMessage);
        if (surface) surface.close();
        resolve(response);
      }
      function onMessage(event) {
        var data = event.data;
        if (event.origin !== origin || !data || data.source !== MESSAGE_SOURCE) return;
        if (refusal && data.close) return finish(refusal);
        if (data.txId !== txId) return;
        finish(data.response);
      }
      function onUserClose() {
        if (finished) return;
        if (!txId) return finish(refusal || options.failure('BadRequest', text.network));
        // Closed without a result: paymux asks the PG and answers the cancellation (or the payment, if it went through).
        postJson('/checkout/api/payments/' + encodeURIComponent(txId) + '/abandon', {}).then(function (answer) {
          finish(answer.response || options.failure(answer.code || 'UnknownError', answer.message || text.network));
        }, function () {
          finish(options.failure('UnknownError', text.network));
        });
      }
      if (options.windowType === 'REDIRECTION' && !options.redirectUrl) return finish(options.failure('BadRequest', text.redirectUrl));
      surface = openSurface(options.windowType, text, options.title || text.title, onUserClose);
      if (!surface) return finish(options.failure('BadRequest', text.popupBlocked));
      window.addEventListener('message', onMessage);
      options.prepareBody.device = deviceOf();
      postJson(options.preparePath, options.prepareBody).then(function (answer) {
        if (!answer || !answer.txId) {
          var failed = options.failure(answer && answer.code ? answer.code : 'UnknownError', answer && answer.message ? answer.message : text.network);
          if (answer && answer.refusalUrl && options.windowType !== 'REDIRECTION') {
            refusal = failed;
            return surface.navigate(answer.refusalUrl);
          }
          return finish(failed);
        }
        txId = answer.txId;
        surface.navigate(answer.windowUrl);
      }, function () {
        finish(options.failure('UnknownError', text.network));
      });
    });
  }

  window.__paymuxCheckout = {
    runCheckout: runCheckout,
    chooseWindowType: chooseWindowType,
    localeOf: localeOf,
    deviceOf: deviceOf,
    text: TEXT,
    origin: origin
  };
})();
