import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { loginWithApiSecret, refreshTokens } from '../../services/v2Auth.ts';
import { v2ErrorSchema } from './schemas.ts';

const tokenPair = z.object({
  accessToken: z.string().describe('30분의 유효기간을 가지는 엑세스 토큰 (Bearer)'),
  refreshToken: z.string().describe('하루의 유효기간; 로그인·재발급마다 이전 리프레시 토큰은 만료'),
});

/** `POST /login/api-secret` and `POST /token/refresh`: short-lived Bearer tokens for an API secret. */
export const authRoutes: FastifyPluginAsync<{ deps: Deps }> = async (base, { deps }) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/login/api-secret',
    {
      schema: {
        tags: ['auth'],
        summary: 'API secret 로그인',
        body: z.object({ apiSecret: z.string().min(1).max(512) }),
        response: { 200: tokenPair, 400: v2ErrorSchema, 401: v2ErrorSchema },
      },
    },
    async (request) => loginWithApiSecret(deps, request.body.apiSecret),
  );
  app.post(
    '/token/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: '토큰 재발급',
        body: z.object({ refreshToken: z.string().min(1).max(4096) }),
        response: { 200: tokenPair, 400: v2ErrorSchema, 401: v2ErrorSchema },
      },
    },
    async (request) => refreshTokens(deps, request.body.refreshToken),
  );
};
