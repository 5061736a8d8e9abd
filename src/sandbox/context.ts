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

/**
 * A reply fault armed for the next requests to one server-API path (`POST /__sandbox/faults`): the
 * same misbehaviours as the unknown-outcome test cards, for any operation, e.g. a cancel.
 * `drop`: processed and booked, then the connection is destroyed without a reply. `hang`: nothing
 * is booked and the connection is held until the client gives up. `slow`: processed and booked,
 * answered after `slowReplyMs`.
 */
export interface ReplyFault {
  transport: 'drop' | 'hang' | 'slow';
  /** How many more requests it applies to. */
  remaining: number;
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
  /** Armed reply faults by API path (`/spay/APICancel.do`). */
  readonly faults: Map<string, ReplyFault>;
}

/** Takes one use of the fault armed for `path`, if any. */
export function takeFault(ctx: SandboxContext, path: string): ReplyFault['transport'] | undefined {
  const fault = ctx.faults.get(path);
  if (!fault) return undefined;
  fault.remaining--;
  if (fault.remaining <= 0) ctx.faults.delete(path);
  return fault.transport;
}
