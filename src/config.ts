import path from 'node:path';

/** Everything paymux reads from its environment, parsed once. Names are the fixed interface of DESIGN.md. */
export interface Config {
  host: string;
  port: number;
  v1Port: number;
  sandboxPort: number;
  sandboxEnabled: boolean;
  /** PostgreSQL connection string; absent means embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  masterKey: string | undefined;
  publicUrl: string;
  hectoApiUrl: string;
  hectoWindowUrl: string;
  /** Total time-out of one Hecto call (PAYMUX_HECTO_TIMEOUT_MS, default 30 s). */
  hectoTimeoutMs: number;
  nodeEnv: string;
  logLevel: string;
  /**
   * Where contact notifications are sent (PAYMUX_SMTP_URL, e.g. `smtp://user:pass@host:587`, or
   * `smtps://…:465` for TLS from the start); absent: they are only recorded and shown in the console.
   */
  smtpUrl: string | undefined;
  /** The sender of those mails (PAYMUX_MAIL_FROM), e.g. `paymux <no-reply@example.com>`. */
  mailFrom: string;
}

export class ConfigError extends Error {}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return value;
}

function smtpUrlVar(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!URL.canParse(raw) || !['smtp:', 'smtps:'].includes(new URL(raw).protocol)) {
    // The URL may hold a password: name the variable, not its value.
    throw new ConfigError('PAYMUX_SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465');
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.PAYMUX_HOST || '127.0.0.1';
  const port = intVar(env, 'PAYMUX_PORT', 8080);
  const sandboxPort = intVar(env, 'PAYMUX_SANDBOX_PORT', 8090);
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  return {
    host,
    port,
    v1Port: intVar(env, 'PAYMUX_V1_PORT', 8081),
    sandboxPort,
    sandboxEnabled: env.PAYMUX_SANDBOX !== 'off',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.PAYMUX_DATA_DIR || 'data'),
    masterKey: env.PAYMUX_MASTER_KEY || undefined,
    publicUrl: (env.PAYMUX_PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    hectoApiUrl: (env.PAYMUX_HECTO_API_URL || sandboxUrl).replace(/\/+$/, ''),
    hectoWindowUrl: (env.PAYMUX_HECTO_WINDOW_URL || sandboxUrl).replace(/\/+$/, ''),
    hectoTimeoutMs: Number(env.PAYMUX_HECTO_TIMEOUT_MS) > 0 ? Number(env.PAYMUX_HECTO_TIMEOUT_MS) : 30_000,
    nodeEnv: env.NODE_ENV || 'development',
    logLevel: env.PAYMUX_LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    smtpUrl: smtpUrlVar(env.PAYMUX_SMTP_URL),
    mailFrom: env.PAYMUX_MAIL_FROM || 'paymux <no-reply@localhost>',
  };
}
