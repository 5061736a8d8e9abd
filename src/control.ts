import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Deps } from './services/deps.ts';
import { ServiceError } from './services/errors.ts';
import { createOperator } from './services/tenancy.ts';

// The local control channel of a paymux process that holds the embedded database (which no other
// process may open while it runs): `paymux create-operator` asks the running process instead.
// It listens on the loopback interface only, and every request must carry a random token that the
// process writes to the data dir with mode 0600: whoever can read it could read the database too.

interface ControlFile {
  pid: number;
  port: number;
  token: string;
}

const controlFile = (dataDir: string) => path.join(dataDir, 'control.json');
const maxBodyBytes = 4096;

export interface ControlServer {
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer /, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Starts the control channel and writes its address and token for the CLI. */
export async function startControlServer(deps: Deps, dataDir: string): Promise<ControlServer> {
  const token = randomBytes(32).toString('base64url');
  const server = createServer((request, response) => {
    const answer = (status: number, body: object) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.method !== 'POST' || request.url !== '/operators') return answer(404, { error: 'not found' });
    if (!tokenMatches(request.headers.authorization, token)) {
      deps.log.warn('control channel: a request without the right token was refused');
      return answer(401, { error: 'unauthorized' });
    }
    void readBody(request)
      .then(async (text) => {
        const { email } = JSON.parse(text) as { email?: unknown };
        if (typeof email !== 'string') return answer(400, { error: 'email is required' });
        const operator = await createOperator(deps, email);
        answer(201, operator);
      })
      .catch((error: unknown) => {
        if (error instanceof ServiceError) return answer(error.code === 'CONFLICT' ? 409 : 400, { error: error.text.en });
        deps.log.error({ err: error }, 'control channel request failed');
        answer(500, { error: 'internal error' });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const file: ControlFile = { pid: process.pid, port: (server.address() as AddressInfo).port, token };
  writeFileSync(controlFile(dataDir), JSON.stringify(file), { mode: 0o600 });
  return {
    async close() {
      rmSync(controlFile(dataDir), { force: true });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export class NotRunningError extends Error {}

/** Asks the paymux process that holds the embedded database to create an operator. */
export async function createOperatorThroughRunningProcess(dataDir: string, email: string): Promise<{ email: string; password: string }> {
  let file: ControlFile;
  try {
    file = JSON.parse(readFileSync(controlFile(dataDir), 'utf8')) as ControlFile;
  } catch {
    throw new NotRunningError(`no control channel in ${dataDir}: the paymux process holding it does not offer one (is it an older version?)`);
  }
  const response = await fetch(`http://127.0.0.1:${file.port}/operators`, {
    method: 'POST',
    headers: { authorization: `Bearer ${file.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
    signal: AbortSignal.timeout(15_000),
  }).catch(() => {
    throw new NotRunningError(`the paymux process ${file.pid} does not answer on its control channel`);
  });
  const body = (await response.json()) as { email?: string; password?: string; error?: string };
  if (response.status !== 201 || !body.email || !body.password) throw new ServiceError('INVALID_INPUT', { ko: body.error ?? '', en: body.error ?? `HTTP ${response.status}` });
  return { email: body.email, password: body.password };
}
