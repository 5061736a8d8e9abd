import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError, type ServiceErrorCode } from '../../services/errors.ts';
import { describeValidationError, isClientError } from '../validation.ts';

/** PortOne V2's error body: `{type, message}`; the SDK maps `type` to its typed errors. */
export interface V2ErrorBody {
  type: string;
  message: string;
}

const statusOf: Record<ServiceErrorCode, [number, string]> = {
  INVALID_INPUT: [400, 'INVALID_REQUEST'],
  UNAUTHORIZED: [401, 'UNAUTHORIZED'],
  INVALID_CREDENTIALS: [401, 'UNAUTHORIZED'],
  FORBIDDEN: [403, 'FORBIDDEN'],
  NOT_FOUND: [404, 'NOT_FOUND'],
  EMAIL_TAKEN: [409, 'CONFLICT'],
  LOCKED: [429, 'TOO_MANY_REQUESTS'],
  CONFLICT: [409, 'CONFLICT'],
  PG_PROVIDER: [502, 'PG_PROVIDER'],
};

export function sendV2Error(reply: FastifyReply, status: number, type: string, message: string, extra: { pgCode?: string; pgMessage?: string } = {}) {
  return reply.code(status).type('application/json; charset=utf-8').send({ type, message, ...extra } satisfies V2ErrorBody & typeof extra);
}

/** Every failure of the V2 origin becomes PortOne's JSON; nothing a client sends becomes a 500. */
export function v2ErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ServiceError) {
    const [status, genericType] = statusOf[error.code];
    const message = error.field ? `${error.field}: ${error.text.en}` : error.text.en;
    if (error.payment) {
      const { type, pgCode, pgMessage } = error.payment;
      // PortOne's PG_PROVIDER body always has pgCode and pgMessage (the SDK's type requires them).
      const pg = type === 'PG_PROVIDER' ? { pgCode: pgCode ?? '', pgMessage: pgMessage ?? '' } : {};
      return sendV2Error(reply, status, type, message, pg);
    }
    return sendV2Error(reply, status, genericType, message);
  }
  const invalid = describeValidationError(error);
  if (invalid) return sendV2Error(reply, 400, 'INVALID_REQUEST', invalid.message);
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return sendV2Error(reply, 400, 'INVALID_REQUEST', `body: not valid JSON (${error.message})`);
  }
  if (isClientError(error)) {
    const type = error.statusCode === 401 ? 'UNAUTHORIZED' : error.statusCode === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST';
    return sendV2Error(reply, error.statusCode!, type, error.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendV2Error(reply, 500, 'INTERNAL_SERVER_ERROR', 'An internal error occurred; it has been logged.');
}

export function v2NotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendV2Error(reply, 404, 'NOT_FOUND', `No such API: ${request.method} ${request.url.split('?')[0]}`);
}
