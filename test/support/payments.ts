import type { AddressInfo } from 'node:net';
import { startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../src/sandbox/index.ts';
import type { DatabaseKind } from './database.ts';
import { startTestApp, type TestApp, type TestDepsOptions } from './harness.ts';

/** paymux on a real port, paying through a simulator on another real port. */
export interface PaymentsTestEnv {
  t: TestApp;
  url: string;
  sandboxUrl: string;
  /** The simulator itself, e.g. to wait until its notifications have been delivered. */
  sandbox: RunningSandbox;
  close(): Promise<void>;
}

export async function startPaymentsEnv(kind: DatabaseKind, options: TestDepsOptions & { sandbox?: StartSandboxOptions } = {}): Promise<PaymentsTestEnv> {
  const sandbox = await startSandbox({ port: 0, nightly: false, ...options.sandbox });
  const t = await startTestApp(kind, { ...options, hectoUrl: sandbox.url });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // Notifications from the simulator come back to this server.
  t.deps.config.publicUrl = url;
  return {
    t,
    url,
    sandboxUrl: sandbox.url,
    sandbox,
    async close() {
      await t.close();
      await sandbox.close();
    },
  };
}

export const keyInCard = { number: '1111222233334444', expiryYear: '2039', expiryMonth: '12' };
/** 카유비생 (nxca_ks_gu) also needs the password digits and the birth date. */
export const fullCard = { ...keyInCard, passwordTwoDigits: '12', birthOrBusinessRegistrationNumber: '800101' };

export function channelKeyOf(t: TestApp, mid: string): string {
  const channel = t.demo.channels.find((c) => c.mid === mid);
  if (!channel) throw new Error(`no demo channel ${mid}`);
  return channel.key;
}

export async function sandboxLedger(sandboxUrl: string): Promise<{ mchtTrdNo: string; status: string; trdNo: string; amount?: string }[]> {
  const response = await fetch(`${sandboxUrl}/__sandbox/transactions`);
  const body = (await response.json()) as { transactions?: unknown[] } | unknown[];
  return (Array.isArray(body) ? body : (body.transactions ?? [])) as { mchtTrdNo: string; status: string; trdNo: string }[];
}
