import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionFromToken } from '../../services/consoleAuth.ts';
import type { Deps } from '../../services/deps.ts';
import type { SessionView } from '../../services/tenancy.ts';
import { notSignedIn, sendConsoleError } from './errors.ts';

export const sessionCookie = 'paymux_session';

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: SessionView;
  }
}

export function setSessionCookie(deps: Deps, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.publicUrl.startsWith('https:'),
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(sessionCookie, { path: '/' });
}

/** preHandler of signed-in routes: 401 without a live session. */
export function requireSession(deps: Deps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await sessionFromToken(deps, request.cookies[sessionCookie]);
    if (!session) return sendConsoleError(reply, 401, 'UNAUTHORIZED', notSignedIn);
    request.consoleSession = session;
  };
}

export function sessionOf(request: FastifyRequest): SessionView {
  if (!request.consoleSession) throw new Error('sessionOf used on a route without requireSession');
  return request.consoleSession;
}
