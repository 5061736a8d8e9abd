import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const consoleDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** The built console at /console/; unknown paths under it are the app's own routes (SPA fallback). */
export const staticConsole: FastifyPluginAsync = async (app) => {
  if (!existsSync(path.join(consoleDist, 'index.html'))) {
    app.get('/console/*', (_request, reply) =>
      reply.code(503).type('text/plain; charset=utf-8').send('The console is not built. Run `npm run build:web` (npm install does it).'),
    );
  } else {
    await app.register(fastifyStatic, { root: consoleDist, prefix: '/console/', wildcard: false, index: 'index.html' });
    app.get('/console/*', (request, reply) => {
      const asset = (request.params as { '*': string })['*'];
      if (asset.startsWith('assets/')) return reply.callNotFound();
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    });
  }
  app.get('/console', (_request, reply) => reply.redirect('/console/'));
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
};
