import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { receivePgNotification } from '../../services/payments/notifications.ts';
import { HECTO_NOTIFICATION_PATH } from '../../pg/registry.ts';

/**
 * PG → paymux notifications, outside the V2 auth scope (the PG proves itself with its hash).
 * Bodies are taken raw (form-encoded, as Hecto sends them) and handed to the connector to verify.
 */
export const inboundPgRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app: FastifyInstance, { deps }) => {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const raw = typeof request.body === 'string' ? request.body : '';
      const answer = await receivePgNotification(deps, 'SETTLE', raw, request.ip);
      return reply.code(answer.status).type('text/plain; charset=utf-8').send(answer.body);
    };
    scope.post(HECTO_NOTIFICATION_PATH, handler);
    // Hecto's per-MID virtual-account deposit notice URL (registered by e-mail with Hecto).
    scope.post('/settle_payments/notice_vbank', handler);
  });
};
