import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { describeValidationError, isClientError } from '../validation.ts';

/** iamport's envelope: `{code, message, response}`; code 0 is success. */
export function sendV1(reply: FastifyReply, status: number, code: number, message: string | null, response: unknown = null) {
  return reply.code(status).type('application/json; charset=utf-8').send({ code, message, response });
}

function v1ErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const invalid = describeValidationError(error);
  if (invalid) return sendV1(reply, 400, -1, invalid.message);
  if (isClientError(error)) return sendV1(reply, error.statusCode!, -1, error.message);
  request.log.error({ err: error }, 'unhandled V1 error');
  return sendV1(reply, 500, -1, 'An internal error occurred; it has been logged.');
}

/**
 * PortOne V1 (iamport) at the root of its own origin and under /v1 on the main one. Its
 * endpoints come with the V1 capability; until then every path answers V1's 404 envelope.
 */
export const v1Api: FastifyPluginAsync<{ deps: Deps }> = async (app) => {
  app.setErrorHandler(v1ErrorHandler);
  app.setNotFoundHandler((request, reply) => sendV1(reply, 404, -1, `No such API: ${request.method} ${request.url.split('?')[0]}`));
};
