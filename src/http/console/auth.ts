import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { login, logout, startSession } from '../../services/consoleAuth.ts';
import type { Deps } from '../../services/deps.ts';
import { sessionView, signUp } from '../../services/tenancy.ts';
import { clearSessionCookie, requireSession, sessionCookie, sessionOf, setSessionCookie } from './session.ts';

export interface ConsoleAuthOptions {
  deps: Deps;
  /** Per-IP attempts per minute on login and sign-up (the per-account lockout is separate and shared by all processes). */
  loginAttemptsPerMinute: number;
}

export const consoleAuthRoutes: FastifyPluginAsync<ConsoleAuthOptions> = async (base, { deps, loginAttemptsPerMinute }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const limited = { rateLimit: { max: loginAttemptsPerMinute, timeWindow: '1 minute' } };

  app.get('/csrf', { schema: { hide: true } }, async (_request, reply) => ({ token: reply.generateCsrf() }));

  app.get('/me', { schema: { hide: true }, preHandler: requireSession(deps) }, async (request) => sessionOf(request));

  app.post(
    '/login',
    { schema: { hide: true, body: z.object({ email: z.string().max(320), password: z.string().max(256) }) }, config: limited },
    async (request, reply) => {
      const result = await login(deps, request.body.email, request.body.password, request.ip);
      setSessionCookie(deps, reply, result.token, result.expiresAt);
      return result.session;
    },
  );

  app.post(
    '/signup',
    {
      schema: {
        hide: true,
        body: z.object({
          companyName: z.string().max(200),
          businessRegistrationNumber: z.string().max(20),
          email: z.string().max(320),
          password: z.string().max(256),
        }),
      },
      config: limited,
    },
    async (request, reply) => {
      const { userId } = await signUp(deps, request.body, { type: 'user', id: '', ip: request.ip });
      const { token, expiresAt } = await startSession(deps, userId);
      setSessionCookie(deps, reply, token, expiresAt);
      return reply.code(201).send(await sessionView(deps.db, userId));
    },
  );

  app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
    await logout(deps, request.cookies[sessionCookie]);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });
};
