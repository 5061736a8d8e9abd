import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError, type Bilingual, type ServiceErrorCode } from '../../services/errors.ts';
import { describeValidationError, isClientError } from '../validation.ts';

/** The console API's error body: a code for the app, the message in both languages, the field at fault. */
export interface ConsoleErrorBody {
  error: { code: string; message: Bilingual; field?: string };
}

const statusOf: Record<ServiceErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  LOCKED: 429,
  CONFLICT: 409,
  PG_PROVIDER: 502,
};

export function sendConsoleError(reply: FastifyReply, status: number, code: string, message: Bilingual, field?: string) {
  const body: ConsoleErrorBody = { error: { code, message, ...(field ? { field } : {}) } };
  return reply.code(status).send(body);
}

export const notSignedIn: Bilingual = { ko: '로그인이 필요합니다.', en: 'Please sign in.' };

export function consoleErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ServiceError) {
    return sendConsoleError(reply, statusOf[error.code], error.code, error.text, error.field);
  }
  const invalid = describeValidationError(error);
  if (invalid) {
    const field = invalid.field.split('.')[0];
    return sendConsoleError(reply, 400, 'INVALID_INPUT', { ko: `입력값을 확인해 주세요: ${invalid.message}`, en: `Check your input: ${invalid.message}` }, field);
  }
  if (error.code?.startsWith('FST_CSRF')) {
    return sendConsoleError(reply, 403, 'CSRF', {
      ko: '보안 토큰이 없거나 만료되었습니다. 페이지를 새로고침해 주세요.',
      en: 'The security token is missing or expired. Reload the page.',
    });
  }
  if (error.statusCode === 429) {
    return sendConsoleError(reply, 429, 'RATE_LIMITED', {
      ko: '요청이 너무 많습니다. 잠시 후 다시 시도해 주세요.',
      en: 'Too many requests. Try again in a minute.',
    });
  }
  if (isClientError(error)) {
    return sendConsoleError(reply, error.statusCode!, 'INVALID_INPUT', { ko: '잘못된 요청입니다.', en: `Bad request: ${error.message}` });
  }
  request.log.error({ err: error }, 'unhandled console error');
  return sendConsoleError(reply, 500, 'INTERNAL', { ko: '일시적인 오류가 발생했습니다.', en: 'An internal error occurred.' });
}
