import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { authenticateV2, type ApiPrincipal } from '../../services/v2Auth.ts';
import { findNulCharacter, parseLenientJson } from '../validation.ts';
import { authRoutes } from './auth.ts';
import { sendV2Error, v2ErrorHandler } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated V2 caller; set on every route of the authenticated scope. */
    principal?: ApiPrincipal;
  }
  interface FastifyContextConfig {
    /** The route authenticates in its own service call (auth fused with its read); the scope's hook skips it. */
    authenticatesItself?: boolean;
  }
}

/** The caller of an authenticated V2 route (the scope's hook guarantees it is set). */
export function principalOf(request: FastifyRequest): ApiPrincipal {
  if (!request.principal) throw new Error('principalOf used outside the authenticated V2 scope');
  return request.principal;
}

export interface V2Options {
  deps: Deps;
  /** Route modules that need an authenticated caller; later capabilities add theirs here. */
  authenticatedRoutes?: FastifyPluginAsync<{ deps: Deps }>[];
}

/**
 * PortOne's V2 REST dialect at the root of the main origin. Bodies are JSON whatever their
 * Content-Type (the SDK sends text/plain) and may be empty; GET lists carry their input as
 * `?requestBody=<json>` (see requestBodyQuery).
 */
export const v2Api: FastifyPluginAsync<V2Options> = async (app: FastifyInstance, { deps, authenticatedRoutes = [] }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseLenientJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.setErrorHandler(v2ErrorHandler);
  app.addHook('preValidation', async (request, reply) => {
    const field = findNulCharacter(request.params, 'params') ?? findNulCharacter(request.query, 'query') ?? findNulCharacter(request.body, 'body');
    if (field) return sendV2Error(reply, 400, 'INVALID_REQUEST', `${field}: must not contain a NUL character`);
  });

  await app.register(authRoutes, { deps });

  await app.register(async (scope) => {
    scope.addHook('onRequest', async (request) => {
      if (request.routeOptions.config.authenticatesItself) return;
      request.principal = await authenticateV2(deps, request.headers.authorization);
    });
    for (const routes of authenticatedRoutes) await scope.register(routes, { deps });
  });
};
