import type { Socket } from 'node:net';
import type { Ledger } from './ledger.ts';
import type { MerchantRegistry } from './merchants.ts';
import type { Notifier } from './notifier.ts';

/** Behaviour switches, including the choices the public spec leaves unsettled. */
export interface SandboxSettings {
  /** Send notifications to notiUrl / per-MID notice URLs. */
  notify: boolean;
  /** Also notify cancels and refunds (Hecto enables this per merchant on request). */
  notifyCancels: boolean;
  /** Reply pktHash: echo the request hash (default) or compute outStatCd+trdDt+trdTm+mchtId+mchtTrdNo+amount+key. */
  replyHash: 'echo' | 'computed';
  /** How long the slow test card waits before answering. */
  slowReplyMs: number;
}

/** Everything a route needs, passed explicitly. */
export interface SandboxContext {
  readonly clock: () => Date;
  readonly ledger: Ledger;
  readonly merchants: MerchantRegistry;
  readonly notifier: Notifier;
  readonly settings: SandboxSettings;
  /** Connections held open by the never-answering card, destroyed on close. */
  readonly heldSockets: Set<Socket>;
  /** Delayed replies of the slow card, cleared on close. */
  readonly timers: Set<NodeJS.Timeout>;
}
