import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiPrincipal } from '../../services/v2Auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller of an authenticated V1 route. */
    v1Principal?: ApiPrincipal;
  }
}

/** iamport's envelope: `{code, message, response}`; code 0 is success. */
export function sendV1(reply: FastifyReply, status: number, code: number, message: string | null, response: unknown = null) {
  return reply.code(status).type('application/json; charset=utf-8').send({ code, message, response });
}

/** The caller of an authenticated V1 route (the scope's hook guarantees it is set). */
export function v1PrincipalOf(request: FastifyRequest): ApiPrincipal {
  if (!request.v1Principal) throw new Error('v1PrincipalOf used outside the authenticated V1 scope');
  return request.v1Principal;
}

