import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/paymux.mjs');

/** A real `paymux` process, its output collected so a test can wait for what it prints. */
export class PaymuxProcess {
  readonly child: ChildProcess;
  output = '';
  private waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(args: string[], env: Record<string, string | undefined>) {
    this.child = spawn(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PAYMUX_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      this.waiters = this.waiters.filter((w) => {
        const match = this.output.match(w.pattern);
        if (match) w.resolve(match);
        return !match;
      });
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Resolves when the output matches; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
    const match = this.output.match(pattern);
    if (match) return Promise.resolve(match);
    return new Promise((resolve, reject) => {
      this.waiters.push({ pattern, resolve });
      void this.exited.then((code) => reject(new Error(`paymux exited (${code}) before printing ${pattern}:\n${this.output}`)));
    });
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** Runs a short command (migrate, demo-credentials) to its end. */
export async function runPaymux(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const process = new PaymuxProcess(args, env);
  const code = await process.exited;
  return { code, output: process.output };
}

/** Where a started process serves its main origin, from what it printed. */
export async function mainUrlOf(process: PaymuxProcess): Promise<string> {
  const [, url] = await process.waitFor(/V2 API\s+(http:\/\/\S+?)\/\s/);
  return url!;
}
