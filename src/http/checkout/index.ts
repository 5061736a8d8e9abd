import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodType } from 'zod';
import type { Deps } from '../../services/deps.ts';
import {
  type BillingKeyWindowResult,
  billingKeyWindowResult,
  finishBillingKeyWindow,
  isBillingKeyAttempt,
  issueBillingKeyResponse,
  openBillingKeyWindow,
  takeBillingKeyWindowForm,
  v1BillingKeyResponse,
} from '../../services/checkout/billingKey.ts';
import { CheckoutError, checkoutErrors, liveReviewRefusalPath, liveReviewRefusalText } from '../../services/checkout/errors.ts';
import { openWindowCheckout } from '../../services/checkout/open.ts';
import { v1Response, v2Response, windowResult, type WindowResult } from '../../services/checkout/result.ts';
import type { CheckoutLocale } from '../../services/checkout/session.ts';
import { finishWindow, type WindowEnd } from '../../services/checkout/settle.ts';
import { takeWindowForm } from '../../services/checkout/window.ts';
import { demoShopRoutes } from './demo.ts';
import { billingKeyResultPage, errorPage, interruptedPage, refusalPage, resultPage, windowRedirectPage } from './pages.ts';
import {
  billingKeyCheckoutOf,
  checkoutOfV1,
  checkoutOfV2,
  localeOfRawBody,
  v1CheckoutBody,
  v2BillingKeyBody,
  v1BillingKeyCheckoutOf,
  v2CheckoutBody,
} from './requests.ts';

const sdkRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../sdk');
const readSdk = (file: string): string => readFileSync(path.join(sdkRoot, file), 'utf8');

/**
 * Checkout on the main origin: the browser SDK scripts (/sdk/v2/browser-sdk.js, /sdk/v1/iamport.js),
 * the JSON API they call (/checkout/api/…, open to any origin: the merchant's page is elsewhere
 * and no cookie is involved), and the buyer's pages (/checkout/window, /return, /cancel, /result,
 * /demo). Buyer-visible errors are pages in Korean (English by locale), never a stack trace.
 */
export const checkoutRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app: FastifyInstance, { deps }) => {
  const core = readSdk('checkout-core.js');
  const scripts = { v2: `${core}\n${readSdk('v2/browser-sdk.js')}`, v1: `${core}\n${readSdk('v1/iamport.js')}` };
  app.get('/sdk/v2/browser-sdk.js', { schema: { hide: true } }, (_request, reply) => sendScript(reply, scripts.v2));
  app.get('/sdk/v1/iamport.js', { schema: { hide: true } }, (_request, reply) => sendScript(reply, scripts.v1));

  await app.register(async (scope) => {
    // Bodies arrive as JSON (the SDKs) or form posts (the PG's window): taken raw, parsed here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error, request, reply) => {
      const known = error instanceof CheckoutError ? error : error instanceof LocalizedCheckoutError ? error.error : undefined;
      // The buyer's language: the request's locale when it got that far, else Korean.
      const locale: CheckoutLocale = error instanceof LocalizedCheckoutError ? error.locale : 'ko';
      if (!known) request.log.error({ err: error }, 'checkout failed');
      const status = known?.status ?? 500;
      const message = known
        ? known.messageIn(locale)
        : locale === 'en'
          ? 'A temporary error occurred. Please try again shortly.'
          : '일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.';
      if (request.url.startsWith('/checkout/api/')) {
        const refusalUrl = known?.refusalPage ? `${deps.config.publicUrl}${known.refusalPage}?locale=${locale}` : undefined;
        return cors(reply).code(status).send({ code: known?.code ?? 'UnknownError', message, ...(refusalUrl ? { refusalUrl } : {}) });
      }
      return reply.code(status).type('text/html; charset=utf-8').send(errorPage(locale, message));
    });

    scope.options('/checkout/api/*', (_request, reply) => cors(reply).code(204).send());

    // The LIVE gate's refusal, shown in the window the SDK opened (its locale from the query).
    scope.get<{ Querystring: { locale?: string } }>(liveReviewRefusalPath, async (request, reply) => {
      const locale: CheckoutLocale = request.query.locale === 'en' ? 'en' : 'ko';
      return reply.code(403).type('text/html; charset=utf-8').send(refusalPage(locale, liveReviewRefusalText()[locale]));
    });

    scope.post('/checkout/api/v2/payments', async (request, reply) => {
      const { body, locale } = parseBody(request, v2CheckoutBody);
      const checkout = await inLocale(locale, async () => checkoutOfV2(body, deps.clock.now()));
      const opened = await inLocale(checkout.locale, () => openWindowCheckout(deps, checkout));
      return cors(reply).send({ txId: opened.txId, paymentId: opened.paymentId, windowUrl: opened.windowUrl });
    });

    scope.post('/checkout/api/v1/payments', async (request, reply) => {
      const { body, locale } = parseBody(request, v1CheckoutBody);
      if (body.params.customer_uid !== undefined) {
        // 빌링키 발급 결제창 (iamport's customer_uid): a key-only card window, registered as the V1 customer.
        const registration = await inLocale(locale, async () => v1BillingKeyCheckoutOf(body));
        const opened = await inLocale(registration.locale, () => openBillingKeyWindow(deps, registration));
        return cors(reply).send({ txId: opened.txId, merchant_uid: body.params.merchant_uid, customer_uid: body.params.customer_uid, windowUrl: opened.windowUrl });
      }
      const checkout = checkoutOfV1(body);
      const opened = await inLocale(checkout.locale, () => openWindowCheckout(deps, checkout));
      return cors(reply).send({ txId: opened.txId, merchant_uid: opened.paymentId, windowUrl: opened.windowUrl });
    });

    /** PortOne's requestIssueBillingKey: a key-only card window on a billing-capable channel. */
    scope.post('/checkout/api/v2/billing-keys', async (request, reply) => {
      const { body } = parseBody(request, v2BillingKeyBody);
      const checkout = billingKeyCheckoutOf(body);
      const opened = await inLocale(checkout.locale, () => openBillingKeyWindow(deps, checkout));
      return cors(reply).send({ txId: opened.txId, windowUrl: opened.windowUrl });
    });

    /** The buyer closed the popup or the layer without finishing: settled by inquiry like a cancel. */
    scope.post<{ Params: { txId: string } }>('/checkout/api/payments/:txId/abandon', async (request, reply) => {
      const { txId } = request.params;
      if (await isBillingKeyAttempt(deps, txId)) {
        const before = await billingKeyWindowResult(deps, txId);
        if (before.state === 'UNCONFIRMED') await finishBillingKeyWindow(deps, txId, 'ABANDONED', '');
        return cors(reply).send({ response: billingKeyResponseOf(await billingKeyWindowResult(deps, txId)) });
      }
      const before = await windowResult(deps, txId);
      if (before.state === 'UNCONFIRMED') await finishWindow(deps, txId, 'ABANDONED', '');
      const result = await windowResult(deps, txId);
      return cors(reply).send({ response: responseOf(result) });
    });

    scope.get<{ Params: { txId: string } }>('/checkout/window/:txId', async (request, reply) => {
      const { txId } = request.params;
      if (await isBillingKeyAttempt(deps, txId)) {
        const before = await billingKeyWindowResult(deps, txId);
        if (before.session.openedAt) {
          if (before.state !== 'UNCONFIRMED') return html(reply, billingKeyResultPage(before, billingKeyResponseOf(before), billingKeyRedirectOf(before), false));
          return html(reply, interruptedPage(before.session.locale, txId));
        }
        const { form, locale } = await takeBillingKeyWindowForm(deps, txId);
        return html(reply, windowRedirectPage(locale, form));
      }
      const before = await windowResult(deps, txId);
      if (before.session.openedAt) {
        // Back here after the PG's window: the ending if there is one, else (its answer was not a page, or the buyer went back) the way out.
        if (before.ended) return html(reply, resultPage(before, responseOf(before), redirectOf(before), false));
        return html(reply, interruptedPage(before.session.locale, txId));
      }
      const form = await takeWindowForm(deps, txId);
      return html(reply, windowRedirectPage(before.session.locale, form));
    });

    const finish = (end: WindowEnd) => async (request: FastifyRequest<{ Params: { txId: string } }>, reply: FastifyReply) => {
      const { txId } = request.params;
      const raw = typeof request.body === 'string' ? request.body : '';
      if (await isBillingKeyAttempt(deps, txId)) {
        await finishBillingKeyWindow(deps, txId, end, raw);
        const result = await billingKeyWindowResult(deps, txId);
        return html(reply, billingKeyResultPage(result, billingKeyResponseOf(result), billingKeyRedirectOf(result), false));
      }
      await finishWindow(deps, txId, end, raw);
      const result = await windowResult(deps, txId);
      return html(reply, resultPage(result, responseOf(result), redirectOf(result), false));
    };
    scope.post('/checkout/return/:txId', finish('RETURNED'));
    scope.post('/checkout/cancel/:txId', finish('CANCELLED'));

    scope.get<{ Params: { txId: string } }>('/checkout/result/:txId', async (request, reply) => {
      const { txId } = request.params;
      if (await isBillingKeyAttempt(deps, txId)) {
        const result = await billingKeyWindowResult(deps, txId);
        return html(reply, billingKeyResultPage(result, billingKeyResponseOf(result), undefined, true));
      }
      const result = await windowResult(deps, txId);
      return html(reply, resultPage(result, responseOf(result), undefined, true));
    });

    await scope.register(demoShopRoutes, { deps });
  });
};

/** A checkout error raised once the request's locale is known. */
class LocalizedCheckoutError extends Error {
  constructor(
    readonly error: CheckoutError,
    readonly locale: CheckoutLocale,
  ) {
    super(error.message);
  }
}

async function inLocale<T>(locale: CheckoutLocale, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof CheckoutError ? new LocalizedCheckoutError(error, locale) : error;
  }
}

/** Parses a checkout body; its validation errors already speak the language the body asks for. */
function parseBody<T>(request: FastifyRequest, schema: ZodType<T>): { body: T; locale: CheckoutLocale } {
  let json: unknown;
  try {
    json = JSON.parse(typeof request.body === 'string' ? request.body : '');
  } catch {
    throw checkoutErrors.badRequest('JSON 형식이 아닙니다.', 'the body is not JSON.');
  }
  const locale = localeOfRawBody(json);
  // PostgreSQL text cannot hold NUL: a request carrying one is refused here, as the V2 API does.
  if (JSON.stringify(json)?.includes('\\u0000')) {
    throw new LocalizedCheckoutError(checkoutErrors.badRequest('허용되지 않는 문자(NUL)가 있습니다.', 'a value contains a NUL character.'), locale);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    throw new LocalizedCheckoutError(checkoutErrors.badRequest(`${field} 값을 확인해 주세요.`, `${field}: ${issue?.message ?? 'invalid'}`), locale);
  }
  return { body: parsed.data, locale };
}

/** The billing-key window's answer in the dialect that asked: iamport's callback body for IMP.request_pay, else PortOne's IssueBillingKeyResponse. */
const billingKeyResponseOf = (result: BillingKeyWindowResult) => (result.session.api === 'V1' ? v1BillingKeyResponse(result) : issueBillingKeyResponse(result));

const responseOf = (result: WindowResult) => (result.session.api === 'V1' ? v1Response(result) : v2Response(result));

/** Where redirection mode sends the buyer: the merchant's URL with PortOne's query parameters. */
function redirectOf(result: WindowResult): string | undefined {
  const target = result.session.windowType === 'REDIRECTION' ? result.session.redirectUrl : undefined;
  if (!target) return undefined;
  const url = new URL(target);
  if (result.session.api === 'V1') {
    const r = v1Response(result);
    url.searchParams.set('imp_uid', r.imp_uid ?? '');
    url.searchParams.set('merchant_uid', r.merchant_uid);
    url.searchParams.set('imp_success', String(r.success));
    if (r.error_code) url.searchParams.set('error_code', r.error_code);
    if (r.error_msg) url.searchParams.set('error_msg', r.error_msg);
  } else {
    const r = v2Response(result);
    url.searchParams.set('paymentId', r.paymentId);
    url.searchParams.set('txId', r.txId);
    for (const key of ['code', 'message', 'pgCode', 'pgMessage'] as const) {
      const value = r[key];
      if (value) url.searchParams.set(key, value);
    }
  }
  return url.toString();
}

/** Where redirection mode sends the buyer after a billing-key window: redirectUrl with billingKey or code/message. */
function billingKeyRedirectOf(result: BillingKeyWindowResult): string | undefined {
  const target = result.session.windowType === 'REDIRECTION' ? result.session.redirectUrl : undefined;
  if (!target || result.state === 'UNCONFIRMED') return undefined;
  const url = new URL(target);
  if (result.session.api === 'V1') {
    // iamport's m_redirect_url: imp_success, merchant_uid, customer_uid (and error_code / error_msg); imp_uid empty, as nothing was paid.
    const r = v1BillingKeyResponse(result);
    url.searchParams.set('imp_uid', '');
    url.searchParams.set('merchant_uid', r.merchant_uid);
    url.searchParams.set('customer_uid', r.customer_uid);
    url.searchParams.set('imp_success', String(r.success));
    if (r.error_code) url.searchParams.set('error_code', r.error_code);
    if (r.error_msg) url.searchParams.set('error_msg', r.error_msg);
    return url.toString();
  }
  const r = issueBillingKeyResponse(result);
  url.searchParams.set('transactionType', r.transactionType);
  for (const key of ['billingKey', 'code', 'message', 'pgCode', 'pgMessage'] as const) {
    const value = r[key];
    if (value) url.searchParams.set(key, value);
  }
  return url.toString();
}

function cors(reply: FastifyReply): FastifyReply {
  return reply
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'POST, OPTIONS')
    .header('access-control-allow-headers', 'content-type')
    .header('access-control-max-age', '600');
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
}

function sendScript(reply: FastifyReply, source: string): FastifyReply {
  return reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=300').type('text/javascript; charset=utf-8').send(source);
}
