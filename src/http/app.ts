import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Deps } from '../services/deps.ts';
import { consoleApi } from './console/index.ts';
import { installObservability } from './observability.ts';
import { staticConsole } from './staticConsole.ts';
import { v1Api } from './v1/index.ts';
import { sendV2Error, v2ErrorHandler, v2NotFound } from './v2/errors.ts';
import { v2Api } from './v2/index.ts';
import { paymentRoutes } from './v2/paymentRoutes.ts';
import { inboundPgRoutes } from './inbound/index.ts';
import { checkoutRoutes } from './checkout/index.ts';

export interface MainAppOptions {
  deps: Deps;
  queueDepths?: () => Promise<Record<string, number>>;
  loginAttemptsPerMinute?: number;
  /** Authenticated V2 route modules; the payment API's by default, tests may add theirs. */
  v2Routes?: FastifyPluginAsync<{ deps: Deps }>[];
}

function baseServer(deps: Deps): FastifyInstance {
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    // Per-request lines would drown the terminal; errors are still logged, and /metrics counts requests.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 500 },
    // Malformed URLs fail before routing; they still get a JSON answer, not Fastify's default.
    frameworkErrors: (error, _request, reply) => sendV2Error(reply, 400, 'INVALID_REQUEST', error.message),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  return app;
}

/**
 * The main origin (DESIGN.md): V2 REST at the root, console and its API, docs, health and
 * metrics. The root's error and 404 handlers speak V2, because V2 owns the root.
 */
export async function buildMainApp(options: MainAppOptions): Promise<FastifyInstance> {
  const { deps } = options;
  const app = baseServer(deps);
  app.setErrorHandler(v2ErrorHandler);
  app.setNotFoundHandler(v2NotFound);
  installObservability(app, { deps, queueDepths: options.queueDepths });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'paymux API',
        description: 'PortOne V2-compatible REST API served by paymux. Authenticate with `Authorization: PortOne <API secret>` or a Bearer token from `POST /login/api-secret`.',
        version: '0.1.0',
      },
      servers: [{ url: deps.config.publicUrl }],
      components: { securitySchemes: { portone: { type: 'apiKey', in: 'header', name: 'Authorization' } } },
      security: [{ portone: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(v2Api, { deps, authenticatedRoutes: [...paymentRoutes, ...(options.v2Routes ?? [])] });
  // PG notifications: outside the V2 auth scope (the PG proves itself with its hash).
  await app.register(inboundPgRoutes, { deps });
  await app.register(consoleApi, { prefix: '/console-api', deps, loginAttemptsPerMinute: options.loginAttemptsPerMinute });
  await app.register(v1Api, { prefix: '/v1', deps });
  await app.register(checkoutRoutes, { deps });
  await app.register(staticConsole);
  return app;
}

/** The V1 (iamport) origin: the V1 API at its root. */
export async function buildV1App(deps: Deps): Promise<FastifyInstance> {
  const app = baseServer(deps);
  await app.register(v1Api, { deps });
  return app;
}
