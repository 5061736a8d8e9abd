import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../services/deps.ts';
import { listChannels } from '../../store/repositories/channels.ts';
import { issueV1Token } from '../../services/v1/tokens.ts';
import { sendV1, v1PrincipalOf } from './reply.ts';
import { parseV1 } from './input.ts';
import { renderV1Channel } from './render.ts';

const tokenBody = z.object({ imp_key: z.string().min(1).max(200), imp_secret: z.string().min(1).max(500) });

/** `POST /users/getToken`: no token needed. The reply stays small (the old client reads one chunk). */
export const v1TokenRoute: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/users/getToken', async (request, reply) => {
    const body = parseV1(tokenBody, request.body);
    return sendV1(reply, 200, 0, null, await issueV1Token(deps, body.imp_key, body.imp_secret));
  });
};

/** `GET /users/pg`: the store's channels. */
export const v1UserRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.get('/users/pg', async (request, reply) => {
    const channels = await listChannels(deps.db, v1PrincipalOf(request).storeId);
    return sendV1(reply, 200, 0, null, channels.map(renderV1Channel));
  });
};
