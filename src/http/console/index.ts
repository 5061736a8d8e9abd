import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { consoleAuthRoutes } from './auth.ts';
import { consoleErrorHandler, sendConsoleError } from './errors.ts';
import { consoleApplicationRoutes } from './applications.ts';
import { consoleChannelRoutes } from './channels.ts';
import { consolePaymentRoutes } from './payments.ts';
import { consoleStoreRoutes } from './stores.ts';

export interface ConsoleApiOptions {
  deps: Deps;
  loginAttemptsPerMinute?: number;
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The console's JSON API under /console-api. Cookie sessions (HttpOnly, SameSite=Strict) plus a
 * CSRF token on every state-changing call, sign-in included.
 */
export const consoleApi: FastifyPluginAsync<ConsoleApiOptions> = async (app, { deps, loginAttemptsPerMinute = 10 }) => {
  app.setErrorHandler(consoleErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    sendConsoleError(reply, 404, 'NOT_FOUND', { ko: '없는 API입니다.', en: `No such console API: ${request.method} ${request.url.split('?')[0]}` }),
  );
  await app.register(csrf, {
    cookieKey: 'paymux_csrf',
    cookieOpts: { path: '/console-api', httpOnly: true, sameSite: 'strict', secure: deps.config.publicUrl.startsWith('https:') },
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (stateChanging.has(request.method)) return app.csrfProtection(request, reply, done);
    done();
  });
  await app.register(rateLimit, { global: false });
  await app.register(consoleAuthRoutes, { deps, loginAttemptsPerMinute });
  await app.register(consoleStoreRoutes, { deps });
  await app.register(consoleChannelRoutes, { deps });
  await app.register(consoleApplicationRoutes, { deps });
  await app.register(consolePaymentRoutes, { deps });
};
