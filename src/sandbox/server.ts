import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { HECTO_API_PATHS } from '../pg/hecto/codec/index.ts';
import { takeFault, type SandboxContext, type SandboxSettings } from './context.ts';
import { Ledger } from './ledger.ts';
import { MerchantRegistry } from './merchants.ts';
import { scheduleNightlyCancel } from './nightly.ts';
import { Notifier, type NotifierOptions } from './notifier.ts';
import { LedgerPersistence } from './persistence.ts';
import { registerAdminRoutes } from './routes/admin.ts';
import { cancel } from './routes/cancel.ts';
import { billKeyDelete, billKeyIssue, cardPay } from './routes/card.ts';
import { inquiry } from './routes/inquiry.ts';
import type { RouteResult } from './routes/result.ts';
import { depositTest, refund, vbank } from './routes/vbank.ts';
import { registerWindowRoutes } from './window.ts';

/**
 * The Hecto testbed simulator: server API (`/spay/…`) and payment window (`/card/main.do`, …) on
 * one origin, plus `/__sandbox/…` test hooks. Imports only the Hecto codec, never the platform.
 */
export interface SandboxOptions {
  clock?: () => Date;
  /** Send notifications (default true). */
  notify?: boolean;
  /** Also notify cancels and refunds (default true). */
  notifyCancels?: boolean;
  logger?: boolean;
  replyHash?: SandboxSettings['replyHash'];
  /** Delay of the slow test card's reply (default 35 s, beyond paymux's 30 s client timeout). */
  slowReplyMs?: number;
  notifier?: NotifierOptions;
  /** Schedule the nightly test auto-cancel (default false here, true in startSandbox). */
  nightly?: boolean;
  /**
   * Keep the ledger in this JSON file: loaded at start, rewritten (atomically) after changes,
   * flushed on close. Without it the ledger lives in memory only.
   */
  persistFile?: string;
}

export interface Sandbox {
  app: FastifyInstance;
  ledger: Ledger;
  merchants: MerchantRegistry;
  notifier: Notifier;
  context: SandboxContext;
}

type ServerRoute = (ctx: SandboxContext, raw: string) => RouteResult;

const SERVER_ROUTES: readonly (readonly [string, ServerRoute])[] = [
  [HECTO_API_PATHS.cardPay, cardPay],
  [HECTO_API_PATHS.billKeyIssue, billKeyIssue],
  [HECTO_API_PATHS.billKeyDelete, billKeyDelete],
  [HECTO_API_PATHS.cancel, cancel],
  [HECTO_API_PATHS.virtualAccount, vbank],
  [HECTO_API_PATHS.refund, refund],
  [HECTO_API_PATHS.inquiry, inquiry],
];

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const app = Fastify({
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    forceCloseConnections: true,
  });
  const ledger = new Ledger();
  const persistence = options.persistFile ? new LedgerPersistence(options.persistFile, ledger) : undefined;
  if (persistence) {
    persistence.load();
    ledger.onChange = () => persistence.changed();
  }
  const merchants = new MerchantRegistry();
  const notifier = new Notifier(options.notifier);
  const context: SandboxContext = {
    clock: options.clock ?? (() => new Date()),
    ledger,
    merchants,
    notifier,
    settings: {
      notify: options.notify ?? true,
      notifyCancels: options.notifyCancels ?? true,
      replyHash: options.replyHash ?? 'echo',
      slowReplyMs: options.slowReplyMs ?? 35_000,
    },
    heldSockets: new Set(),
    timers: new Set(),
    faults: new Map(),
  };

  // Some of Hecto's samples post JSON without a JSON Content-Type: every body is read as text and
  // each route parses it (JSON for /spay, form encoding for the window).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  for (const [path, route] of SERVER_ROUTES) {
    app.post(path, async (request, reply) => {
      // An armed reply fault (POST /__sandbox/faults) misbehaves like the unknown-outcome cards.
      const fault = takeFault(context, path);
      if (fault === 'hang') return send(context, request, reply, { body: '', transport: 'hang' });
      const result = route(context, bodyText(request));
      return send(context, request, reply, fault ? { ...result, transport: fault } : result);
    });
  }
  // Routes also change transactions in place (a deposit, a deleted billing key); every request
  // ends with a save, including those the unknown-outcome cards answer by misbehaving.
  if (persistence) app.addHook('onRequest', async (_request, reply) => void reply.raw.once('close', () => persistence.changed()));
  const deposit = async (request: FastifyRequest) => depositTest(context, request.query as Record<string, string | undefined>);
  app.get(HECTO_API_PATHS.depositTest, deposit);
  app.post(HECTO_API_PATHS.depositTest, deposit);

  registerWindowRoutes(app, context);
  registerAdminRoutes(app, context);
  app.get('/', async () => ({
    name: 'paymux Hecto testbed simulator',
    api: SERVER_ROUTES.map(([path]) => path).concat(HECTO_API_PATHS.depositTest),
    window: ['/card/main.do', '/vbank/main.do', '/bank/main.do'],
    hooks: ['/__sandbox/transactions', '/__sandbox/nightly-cancel', '/__sandbox/notifications', '/__sandbox/test-cards', '/__sandbox/merchants', '/__sandbox/faults'],
  }));

  const stopNightly = options.nightly ? scheduleNightlyCancel(context) : undefined;
  app.addHook('onClose', async () => {
    stopNightly?.();
    notifier.close();
    for (const timer of context.timers) clearTimeout(timer);
    context.timers.clear();
    for (const socket of context.heldSockets) socket.destroy();
    context.heldSockets.clear();
    await persistence?.close();
  });

  return { app, ledger, merchants, notifier, context };
}

export interface StartSandboxOptions extends SandboxOptions {
  host?: string;
  port?: number;
}

export interface RunningSandbox {
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox({ nightly: true, ...options });
  await sandbox.app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8090 });
  const address = sandbox.app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 8090);
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    sandbox,
    close: () => sandbox.app.close(),
  };
}

function bodyText(request: FastifyRequest): string {
  return typeof request.body === 'string' ? request.body : '';
}

/** Sends a route's answer, or misbehaves as the unknown-outcome test cards ask. */
function send(ctx: SandboxContext, request: FastifyRequest, reply: FastifyReply, result: RouteResult): FastifyReply | undefined {
  if (!result.transport) return reply.type('application/json; charset=UTF-8').send(result.body);
  reply.hijack();
  const socket = request.raw.socket;
  if (result.transport === 'drop') {
    socket.destroy();
    return undefined;
  }
  ctx.heldSockets.add(socket);
  socket.once('close', () => ctx.heldSockets.delete(socket));
  if (result.transport === 'slow') {
    const timer = setTimeout(() => {
      ctx.timers.delete(timer);
      if (reply.raw.destroyed) return;
      reply.raw.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      reply.raw.end(result.body);
    }, ctx.settings.slowReplyMs);
    ctx.timers.add(timer);
  }
  return undefined;
}
