import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { createLogger, type Logger } from './log.ts';
import { createPgRegistry } from './pg/registry.ts';
import type { Deps } from './services/deps.ts';
import { seedDemo, type DemoCredentials } from './services/tenancy.ts';
import { openStore, type Store } from './store/db.ts';
import { loadDemoCredentials, verifyMasterKey } from './store/repositories/keyring.ts';
import { loadOrCreateMasterKeyFile, parseMasterKey, testMasterKey, type SecretBox } from './store/secretBox.ts';

/**
 * The master key: PAYMUX_MASTER_KEY if set; on PostgreSQL it is required (outside tests), because
 * a key generated into one machine's data dir would not be shared by the other processes.
 */
export function loadSecretBox(config: Config): { box: SecretBox; createdFile?: string } {
  if (config.masterKey) return { box: parseMasterKey(config.masterKey) };
  if (config.databaseUrl) {
    if (config.nodeEnv === 'test') return { box: testMasterKey() };
    throw new ConfigError(
      'PAYMUX_MASTER_KEY is required with DATABASE_URL: every paymux process of this database needs the same key. ' +
        'Create one with `openssl rand -base64 32` and keep it safe; losing it loses the encrypted secrets.',
    );
  }
  const { box, created } = loadOrCreateMasterKeyFile(config.dataDir);
  return { box, createdFile: created ? path.join(config.dataDir, 'master.key') : undefined };
}

export interface Booted {
  deps: Deps;
  /** Set when this start seeded the demo merchant. */
  seeded?: DemoCredentials;
  masterKeyFile?: string;
  close(): Promise<void>;
}

export interface BootOptions {
  migrate?: boolean;
  seed?: boolean;
  clock?: Clock;
  log?: Logger;
  poolSize?: number;
}

const demoFile = (config: Config) => path.join(config.dataDir, 'demo-credentials.enc');

/** Opens the database, checks the master key against it, migrates and seeds, in that order. */
export async function boot(config: Config, options: BootOptions = {}): Promise<Booted> {
  const { box, createdFile } = loadSecretBox(config);
  const log = options.log ?? createLogger(config.logLevel);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: options.poolSize });
  try {
    if (options.migrate !== false) await store.migrate();
    await verifyMasterKey(store.db, box);
    const clock = options.clock ?? systemClock;
    const pg = createPgRegistry({
      hectoApiUrl: config.hectoApiUrl,
      hectoWindowUrl: config.hectoWindowUrl,
      clock,
      logger: log,
      timeouts: { totalMs: config.hectoTimeoutMs },
    });
    const deps: Deps = { config, store, db: store.db, box, clock, log, pg };
    let seeded: DemoCredentials | undefined;
    if (options.seed !== false) {
      seeded = await seedDemo(deps);
      // The embedded database is locked while paymux runs, so `demo-credentials` reads this sealed copy.
      if (seeded && store.kind === 'pglite') {
        const sealed = box.seal(JSON.stringify(seeded), 'demo-file');
        writeFileSync(demoFile(config), JSON.stringify(sealed), { mode: 0o600 });
      }
    }
    return { deps, seeded, masterKeyFile: createdFile, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** For `paymux demo-credentials`: from the database, or from the sealed copy while paymux holds the embedded one. */
export async function readDemoCredentials(config: Config): Promise<DemoCredentials | undefined> {
  const { box } = loadSecretBox(config);
  let store: Store;
  try {
    store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 1 });
  } catch (error) {
    if (config.databaseUrl) throw error;
    let text: string;
    try {
      text = readFileSync(demoFile(config), 'utf8');
    } catch {
      throw error;
    }
    return JSON.parse(box.open(JSON.parse(text), 'demo-file')) as DemoCredentials;
  }
  try {
    await store.migrate();
    await verifyMasterKey(store.db, box);
    const json = await loadDemoCredentials(store.db, box);
    return json ? (JSON.parse(json) as DemoCredentials) : undefined;
  } finally {
    await store.close();
  }
}
