import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { fixedClock, systemClock, type Clock } from '../../src/domain/clock.ts';
import { buildMainApp, buildV1App } from '../../src/http/app.ts';
import { createLogger } from '../../src/log.ts';
import { createPgRegistry } from '../../src/pg/registry.ts';
import type { Deps } from '../../src/services/deps.ts';
import { seedDemo, type DemoCredentials } from '../../src/services/tenancy.ts';
import { openStore } from '../../src/store/db.ts';
import { verifyMasterKey } from '../../src/store/repositories/keyring.ts';
import { testMasterKey, type SecretBox } from '../../src/store/secretBox.ts';
import { createPostgresDatabase, type DatabaseKind } from './database.ts';

export { fixedClock };

export interface TestDeps {
  deps: Deps;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', PAYMUX_PORT: '0', PAYMUX_V1_PORT: '0', PAYMUX_SANDBOX_PORT: '0' }), ...overrides };
}

/** Real parts on a fresh database of the given kind: in-memory PGlite, or a new PostgreSQL database. */
export interface TestDepsOptions {
  clock?: Clock;
  box?: SecretBox;
  /** The Hecto API origin (a simulator started by the test). */
  hectoUrl?: string;
  /** PG call time-out, short in tests of unknown outcomes. */
  pgTimeoutMs?: number;
  /** PostgreSQL pool size (5 in tests; benchmarks use paymux's default of 10). */
  poolSize?: number;
}

export async function openTestDeps(kind: DatabaseKind, options: TestDepsOptions = {}): Promise<TestDeps> {
  const database = kind === 'postgres' ? await createPostgresDatabase() : undefined;
  const store = await openStore({ databaseUrl: database?.url, poolSize: options.poolSize ?? 5 });
  await store.migrate();
  const box = options.box ?? testMasterKey();
  await verifyMasterKey(store.db, box);
  const hecto = options.hectoUrl ? { hectoApiUrl: options.hectoUrl, hectoWindowUrl: options.hectoUrl } : {};
  const config = testConfig({ databaseUrl: database?.url, ...hecto });
  const clock = options.clock ?? systemClock;
  const pg = createPgRegistry({
    hectoApiUrl: config.hectoApiUrl,
    hectoWindowUrl: config.hectoWindowUrl,
    clock,
    ...(options.pgTimeoutMs ? { timeouts: { totalMs: options.pgTimeoutMs } } : {}),
  });
  const deps: Deps = { config, store, db: store.db, box, clock, log: createLogger(process.env.PAYMUX_TEST_LOG_LEVEL ?? 'silent'), pg };
  return {
    deps,
    async close() {
      await store.close();
      await database?.drop();
    },
  };
}

export interface TestApp extends TestDeps {
  app: FastifyInstance;
  v1: FastifyInstance;
  demo: DemoCredentials;
}

export async function startTestApp(
  kind: DatabaseKind,
  options: TestDepsOptions & { loginAttemptsPerMinute?: number; v2Routes?: FastifyPluginAsync<{ deps: Deps }>[] } = {},
): Promise<TestApp> {
  const base = await openTestDeps(kind, options);
  const demo = (await seedDemo(base.deps))!;
  const app = await buildMainApp({ deps: base.deps, loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? 1000, v2Routes: options.v2Routes });
  const v1 = await buildV1App(base.deps);
  await Promise.all([app.ready(), v1.ready()]);
  return {
    ...base,
    app,
    v1,
    demo,
    async close() {
      await Promise.all([app.close(), v1.close()]);
      await base.close();
    },
  };
}
