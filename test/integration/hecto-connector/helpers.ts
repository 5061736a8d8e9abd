/**
 * The Hecto connector against the simulator on a real port. The connector is built exactly as
 * paymux builds it for Hecto's testbed, only with the simulator's URL.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Secret } from '../../../src/domain/secret.ts';
import type { KeyedCard, PgChannelCredentials, PgNotification, PgResult } from '../../../src/pg/contract.ts';
import { HectoConnector, type HectoConnectorOptions } from '../../../src/pg/hecto/index.ts';
import { startSandbox, type StartSandboxOptions } from '../../../src/sandbox/index.ts';

export const LICENSE_KEY = 'ST1009281328226982205';
export const ENCRYPTION_KEY = 'pgSettle30y739r82jtd709yOfZ2yK5K';

export const channel = (mid: string): PgChannelCredentials => ({ mode: 'TEST', mid });

export const card = (number = '1111222233334444', extra: Partial<KeyedCard> = {}): Secret<KeyedCard> =>
  new Secret<KeyedCard>({ number, expiry: '3912', ...extra });

/** 카유비생 needs the password digits and the birth date. */
export const fullCard = (number = '1111222233334444'): Secret<KeyedCard> =>
  card(number, { expiry: { year: 2039, month: 12 }, passwordTwoDigits: '12', birthOrBusinessNumber: '800101' });

export async function startTestSandbox(options: StartSandboxOptions = {}) {
  return startSandbox({ port: 0, nightly: false, ...options });
}

export function connectorFor(url: string, options: Partial<HectoConnectorOptions> = {}): HectoConnector {
  return new HectoConnector({ apiBaseUrl: url, windowBaseUrl: url, ...options });
}

/** Narrows a result to approved, failing the test with the outcome otherwise. */
export function approved<T>(result: PgResult<T>): Extract<PgResult<T>, { outcome: 'approved' }> {
  if (result.outcome !== 'approved') throw new Error(`expected approved, got ${JSON.stringify(result, bigintJson)}`);
  return result as Extract<PgResult<T>, { outcome: 'approved' }>;
}

export const bigintJson = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/**
 * A merchant's notification endpoint: verifies each notice with the connector, answers OK only
 * for verified ones (as services will), and lets tests wait for a verified notice.
 */
export async function startNotificationReceiver(connector: HectoConnector, credentials: (mid: string) => PgChannelCredentials = channel) {
  const raw: string[] = [];
  const verified: PgNotification[] = [];
  const waiters: { match: (n: PgNotification) => boolean; resolve: (n: PgNotification) => void }[] = [];
  const rawWaiters: { match: (body: string) => boolean; resolve: (body: string) => void }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      raw.push(body);
      for (const waiter of [...rawWaiters]) {
        if (waiter.match(body)) {
          rawWaiters.splice(rawWaiters.indexOf(waiter), 1);
          waiter.resolve(body);
        }
      }
      const mid = connector.notificationMerchantId(body);
      const parsed = mid ? connector.parseNotification(credentials(mid), body) : undefined;
      if (!parsed?.ok) {
        response.end(connector.notificationAnswer.rejected);
        return;
      }
      verified.push(parsed.notification);
      for (const waiter of [...waiters]) {
        if (waiter.match(parsed.notification)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(parsed.notification);
        }
      }
      response.end(connector.notificationAnswer.accepted);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/noti`,
    raw,
    verified,
    /** The first verified notice (past or future) that matches. */
    next(match: (n: PgNotification) => boolean): Promise<PgNotification> {
      const seen = verified.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    /** The first raw body (past or future) that matches, waiting for it if needed. */
    rawMatching(match: (body: string) => boolean): Promise<string> {
      const seen = raw.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => rawWaiters.push({ match, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Collects what the connector logs, to prove nothing card-related reaches a log line. */
export function capturingLogger() {
  const lines: string[] = [];
  const write = (fields: object, message?: string): void => {
    lines.push(JSON.stringify({ ...fields, message }, bigintJson));
  };
  return { lines, logger: { info: write, warn: write } };
}
