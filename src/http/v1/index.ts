import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { ServiceError, type ServiceErrorCode } from '../../services/errors.ts';
import { authenticateV1 } from '../../services/v1/tokens.ts';
import { describeValidationError, findNulCharacter, isClientError, parseLenientJson } from '../validation.ts';
import { parseForm } from './input.ts';
import { sendV1, v1PrincipalOf } from './reply.ts';
import { v1PaymentRoutes } from './payments.ts';
import { v1SubscribeRoutes } from './subscribe.ts';
import { v1TokenRoute, v1UserRoutes } from './users.ts';
import { v1VbankRoutes } from './vbanks.ts';

export { sendV1, v1PrincipalOf };

/**
 * HTTP statuses as iamport answers them: 401 for a missing, wrong or expired token (and a wrong
 * imp_key/imp_secret), 404 for unknown ids, 400 for bad input; a refused operation (over-cancel,
 * already paid, a PG's refusal) is HTTP 200 with a non-zero code, as iamport's clients expect.
 */
const statusOf: Record<ServiceErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 200,
  LOCKED: 429,
  CONFLICT: 200,
  PG_PROVIDER: 200,
};

/** The V2 service's field names in V1's words. */
const v1FieldNames: Record<string, string> = {
  channelKey: 'channel_key',
  'amount.total': 'amount',
  'amount.taxFree': 'tax_free',
  taxFreeAmount: 'tax_free',
  refundAccount: 'refund_account',
  currentCancellableAmount: 'checksum',
  timeToPay: 'schedule_at',
  dueAt: 'vbank_due',
  paymentId: 'merchant_uid',
  billingKey: 'customer_uid',
};

function messageOf(error: ServiceError): string {
  const field = error.payment?.type === 'CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN' ? 'checksum' : error.field && (v1FieldNames[error.field] ?? error.field);
  const pg = error.payment?.pgCode ? ` [${error.payment.pgCode}] ${error.payment.pgMessage ?? ''}`.trimEnd() : '';
  return `${field ? `${field}: ` : ''}${error.text.ko}${pg}`;
}

function v1ErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ServiceError) return sendV1(reply, statusOf[error.code], -1, messageOf(error));
  const invalid = describeValidationError(error);
  if (invalid) return sendV1(reply, 400, -1, invalid.message);
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return sendV1(reply, 400, -1, `body: not valid JSON (${error.message})`);
  if (isClientError(error)) return sendV1(reply, error.statusCode!, -1, error.message);
  request.log.error({ err: error }, 'unhandled V1 error');
  return sendV1(reply, 500, -1, 'An internal error occurred; it has been logged.');
}

/**
 * PortOne V1 (iamport) at the root of its own origin and under /v1 on the main one. Bodies are
 * JSON (whatever the Content-Type says) or form-urlencoded; every answer is the V1 envelope.
 */
export const v1Api: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseForm(body as string));
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseLenientJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setErrorHandler(v1ErrorHandler);
  // A NUL byte would reach PostgreSQL and fail there; it is bad input, named like any other.
  app.addHook('preValidation', async (request, reply) => {
    const field = findNulCharacter(request.params, 'params') ?? findNulCharacter(request.query, 'query') ?? findNulCharacter(request.body, 'body');
    if (field) return sendV1(reply, 400, -1, `${field}: must not contain a NUL character`);
  });
  app.setNotFoundHandler((request, reply) => sendV1(reply, 404, -1, `No such API: ${request.method} ${request.url.split('?')[0]}`));

  await app.register(v1TokenRoute, { deps });
  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      request.v1Principal = await authenticateV1(deps, request.headers.authorization);
    });
    for (const routes of [v1UserRoutes, v1PaymentRoutes, v1SubscribeRoutes, v1VbankRoutes]) await scope.register(routes, { deps });
  });
};
