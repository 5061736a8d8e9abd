import type { FastifyInstance } from 'fastify';
import { HECTO_API_PATHS } from '../../pg/hecto/codec/index.ts';
import type { SandboxContext } from '../context.ts';
import { runNightlyCancel } from '../nightly.ts';
import { TEST_CARDS } from '../testCards.ts';
import { expireAllDue } from '../vaRules.ts';

/**
 * Test hooks under `/__sandbox/` (not part of Hecto's protocol): the ledger, the nightly test
 * auto-cancel, notifications sent, test cards, and merchant registration.
 */
/** The POST server-API paths a reply fault can be armed on (not the GET deposit test). */
const SERVER_API_PATHS: ReadonlySet<string> = new Set(Object.values(HECTO_API_PATHS).filter((path) => path !== HECTO_API_PATHS.depositTest));

export function registerAdminRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/__sandbox/transactions', async (request) => {
    const { mchtId } = request.query as { mchtId?: string };
    expireAllDue(ctx);
    return { transactions: ctx.ledger.view(mchtId || undefined) };
  });

  app.post('/__sandbox/nightly-cancel', async () => ({ cancelled: runNightlyCancel(ctx) }));

  app.get('/__sandbox/notifications', async () => ({ notifications: ctx.notifier.deliveries(), held: ctx.notifier.held }));
  // Late notices on demand: hold back what is sent from now on, then release it.
  app.post('/__sandbox/notifications/hold', async () => {
    ctx.notifier.hold();
    return { held: true };
  });
  app.post('/__sandbox/notifications/release', async () => ({ held: false, released: ctx.notifier.release() }));

  app.get('/__sandbox/test-cards', async () => ({
    cards: TEST_CARDS.map((card) => ({ number: card.number, note: card.note, issuer: card.issuer.cardNm })),
  }));

  // Reply faults: `{path: "APICancel.do", transport: "drop" | "hang" | "slow", times?: 1}` arms one
  // for the next `times` requests to that server-API path (see ReplyFault).
  app.get('/__sandbox/faults', async () => ({ faults: [...ctx.faults].map(([path, fault]) => ({ path, ...fault })) }));
  app.post('/__sandbox/faults', async (request, reply) => {
    const { path, transport, times } = parseJson(request.body);
    const fullPath = typeof path === 'string' ? (path.startsWith('/spay/') ? path : `/spay/${path}`) : '';
    if (!SERVER_API_PATHS.has(fullPath)) return reply.code(400).send({ error: `path must be one of ${[...SERVER_API_PATHS].join(', ')}` });
    if (transport !== 'drop' && transport !== 'hang' && transport !== 'slow') return reply.code(400).send({ error: 'transport must be drop, hang or slow' });
    const remaining = times === undefined ? 1 : times;
    if (typeof remaining !== 'number' || !Number.isInteger(remaining) || remaining < 1 || remaining > 1000) {
      return reply.code(400).send({ error: 'times must be an integer from 1 to 1000' });
    }
    ctx.faults.set(fullPath, { transport, remaining });
    return reply.code(201).send({ path: fullPath, transport, remaining });
  });
  app.delete('/__sandbox/faults', async () => {
    ctx.faults.clear();
    return { faults: [] };
  });

  app.get('/__sandbox/merchants', async () => ({
    merchants: ctx.merchants.list().map((m) => ({
      mchtId: m.mchtId,
      description: m.description,
      test: m.test,
      ...(m.noticeUrl ? { noticeUrl: m.noticeUrl } : {}),
    })),
  }));

  app.post('/__sandbox/merchants', async (request, reply) => {
    const body = parseJson(request.body);
    const { mchtId, licenseKey, encryptionKey, like, test, noticeUrl } = body;
    if (typeof mchtId !== 'string' || typeof licenseKey !== 'string' || typeof encryptionKey !== 'string') {
      return reply.code(400).send({ error: 'mchtId, licenseKey and encryptionKey are required strings' });
    }
    const result = ctx.merchants.register({
      mchtId,
      licenseKey,
      encryptionKey,
      ...(typeof like === 'string' ? { like } : {}),
      ...(typeof test === 'boolean' ? { test } : {}),
      ...(typeof noticeUrl === 'string' ? { noticeUrl } : {}),
    });
    if ('error' in result) return reply.code(400).send(result);
    return reply.code(201).send({ mchtId: result.mchtId, test: result.test });
  });

  app.put('/__sandbox/merchants/:mchtId/notice-url', async (request, reply) => {
    const { mchtId } = request.params as { mchtId: string };
    const { url } = parseJson(request.body);
    if (url !== undefined && url !== null && (typeof url !== 'string' || !/^https?:\/\//.test(url))) {
      return reply.code(400).send({ error: 'url must be an http(s) URL or null' });
    }
    if (!ctx.merchants.setNoticeUrl(mchtId, typeof url === 'string' ? url : undefined)) return reply.code(404).send({ error: 'unknown mchtId' });
    return { mchtId, noticeUrl: url ?? null };
  });
}

function parseJson(body: unknown): Record<string, unknown> {
  if (typeof body !== 'string' || body === '') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
