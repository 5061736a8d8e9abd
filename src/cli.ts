import type { FastifyInstance } from 'fastify';
import { boot, readDemoCredentials, type Booted } from './boot.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createOperatorThroughRunningProcess, NotRunningError, startControlServer } from './control.ts';
import { buildMainApp, buildV1App } from './http/app.ts';
import { startJobs, type Jobs } from './jobs/index.ts';
import { ServiceError } from './services/errors.ts';
import { createOperator, type DemoCredentials } from './services/tenancy.ts';
import { StoreError } from './store/db.ts';
import { MasterKeyError } from './store/secretBox.ts';

const usage = `paymux — PortOne-compatible payments for Korean merchants

Usage: paymux <command>

  start                    everything in one process: API, console, V1 API, jobs, Hecto simulator
  api                      the main origin (V2 API, console) and the V1 origin only
  worker                   background jobs only
  sandbox                  the Hecto testbed simulator only
  migrate                  apply database migrations and exit
  demo-credentials [--json]  print the demo merchant's credentials again
  create-operator <email>  add a platform operator (prints a generated password once); works
                           while paymux runs on the embedded database, through its local control channel

Environment: PAYMUX_HOST, PAYMUX_PORT (8080), PAYMUX_V1_PORT (8081), PAYMUX_SANDBOX_PORT (8090),
PAYMUX_SANDBOX=off, DATABASE_URL, PAYMUX_DATA_DIR (./data), PAYMUX_MASTER_KEY, PAYMUX_PUBLIC_URL,
PAYMUX_HECTO_API_URL, PAYMUX_HECTO_WINDOW_URL, PAYMUX_LOG_LEVEL, PAYMUX_SMTP_URL, PAYMUX_MAIL_FROM.`;

interface Running {
  close(): Promise<void>;
}

function demoText(demo: DemoCredentials): string {
  const lines = [
    'Demo merchant (shown once; `npx paymux demo-credentials` prints it again):',
    `  console login     ${demo.console.email} / ${demo.console.password}`,
    `  merchant code     ${demo.merchantCode}`,
    `  store id          ${demo.storeId}`,
    `  V2 API secret     ${demo.apiSecret}`,
    `  webhook secret    ${demo.webhookSecret}`,
    `  V1 imp_key        ${demo.impKey}`,
    `  V1 imp_secret     ${demo.impSecret}`,
    '  TEST channels:',
    ...demo.channels.map((c) => `    ${c.mid.padEnd(11)} ${c.key}  ${c.name}`),
  ];
  return lines.join('\n');
}

async function startSandboxServer(config: Config): Promise<Running & { url: string }> {
  const { startSandbox } = await import('./sandbox/server.ts');
  return startSandbox({ host: config.host, port: config.sandboxPort, logger: config.logLevel === 'debug', persistFile: `${config.dataDir}/sandbox-ledger.json` });
}

async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
}

async function serveHttp(booted: Booted, jobs: Jobs): Promise<Running & { main: string; v1: string }> {
  const { deps } = booted;
  const main = await buildMainApp({ deps, queueDepths: () => jobs.queueDepths() });
  const v1 = await buildV1App(deps);
  const mainUrl = await listen(main, deps.config.host, deps.config.port);
  const v1Url = await listen(v1, deps.config.host, deps.config.v1Port);
  return {
    main: mainUrl,
    v1: v1Url,
    async close() {
      await Promise.allSettled([main.close(), v1.close()]);
    },
  };
}

function stopOnSignals(parts: Running[], booted?: Booted): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`paymux: ${signal} received, stopping…`);
    for (const part of parts) await part.close().catch(() => {});
    await booted?.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function start(config: Config, role: 'all' | 'api' | 'worker'): Promise<void> {
  const booted = await boot(config);
  const parts: Running[] = [];
  const jobs = await startJobs(booted.deps, { work: role !== 'api' });
  parts.push({ close: () => jobs.stop() });
  // The embedded database is this process's alone: the CLI's create-operator asks it instead.
  if (booted.deps.store.kind === 'pglite') parts.push(await startControlServer(booted.deps, config.dataDir));
  const lines: string[] = [];
  if (role !== 'worker') {
    const http = await serveHttp(booted, jobs);
    parts.unshift(http);
    lines.push(
      `  console           ${http.main}/console/`,
      `  V2 API            ${http.main}/`,
      `  V1 API            ${http.v1}/  (also ${http.main}/v1/)`,
      `  API docs          ${http.main}/docs`,
      `  health, metrics   ${http.main}/health, ${http.main}/metrics`,
    );
  }
  if (role === 'all' && config.sandboxEnabled) {
    const sandbox = await startSandboxServer(config);
    parts.push(sandbox);
    lines.push(`  Hecto simulator   ${sandbox.url}/`);
  }
  stopOnSignals(parts, booted);
  const database = booted.deps.store.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  if (role === 'worker') lines.push('  jobs              running');
  if (booted.masterKeyFile) lines.push(`A new master key was written to ${booted.masterKeyFile} (mode 0600). Back it up: the secrets in the database need it.`);
  if (booted.seeded) lines.push(demoText(booted.seeded));
  // One write, so that whoever reads the output never sees the addresses without the rest.
  console.log([`paymux ${role === 'all' ? '' : `${role} `}is running on ${database}`, ...lines].join('\n'));
}

async function migrate(config: Config): Promise<void> {
  const booted = await boot(config, { seed: false });
  await booted.close();
  console.log('paymux: the database is migrated to the latest version.');
}

async function createOperatorCommand(config: Config, email: string | undefined): Promise<void> {
  if (!email) {
    console.error('paymux: usage: paymux create-operator <email>');
    process.exitCode = 2;
    return;
  }
  let operator: { email: string; password: string };
  try {
    operator = await createOperatorInDatabase(config, email);
  } catch (error) {
    if (error instanceof ServiceError) {
      console.error(`paymux: ${error.text.en}`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof NotRunningError) {
      console.error(`paymux: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  console.log(`Platform operator created: ${operator.email} / ${operator.password}\n(shown once; sign in at ${config.publicUrl}/console/)`);
}

/** On PostgreSQL, or an embedded database no one holds: directly; else through the process holding it. */
async function createOperatorInDatabase(config: Config, email: string): Promise<{ email: string; password: string }> {
  let booted: Booted;
  try {
    booted = await boot(config, { seed: false });
  } catch (error) {
    if (!config.databaseUrl && error instanceof StoreError && /in use by paymux process/.test(error.message)) {
      return createOperatorThroughRunningProcess(config.dataDir, email);
    }
    throw error;
  }
  try {
    return await createOperator(booted.deps, email);
  } finally {
    await booted.close();
  }
}

async function demoCredentials(config: Config, json: boolean): Promise<void> {
  const demo = await readDemoCredentials(config);
  if (!demo) {
    console.error('paymux: this database has no demo credentials (it was not empty on its first start).');
    process.exitCode = 1;
    return;
  }
  if (json) console.log(JSON.stringify(demo, null, 2));
  else console.log(demoText(demo));
}

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  try {
    const config = loadConfig();
    switch (command) {
      case 'start':
        return await start(config, 'all');
      case 'api':
        return await start(config, 'api');
      case 'worker':
        return await start(config, 'worker');
      case 'sandbox': {
        const sandbox = await startSandboxServer(config);
        stopOnSignals([sandbox]);
        console.log(`Hecto simulator on ${sandbox.url}/`);
        return;
      }
      case 'migrate':
        return await migrate(config);
      case 'create-operator':
        return await createOperatorCommand(config, rest[0]);
      case 'demo-credentials':
        return await demoCredentials(config, rest.includes('--json'));
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(usage);
        return;
      default:
        console.error(`paymux: unknown command "${command}"\n\n${usage}`);
        process.exitCode = 2;
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MasterKeyError || error instanceof StoreError) {
      console.error(`paymux: ${error.message}`);
      process.exit(1);
    }
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`paymux: ${(error as Error).message}. Another program uses this port; set PAYMUX_PORT / PAYMUX_V1_PORT / PAYMUX_SANDBOX_PORT.`);
      process.exit(1);
    }
    throw error;
  }
}
