import { toFormBody } from '../pg/hecto/codec/index.ts';

/**
 * Sends Hecto notifications: form-encoded POSTs that the receiver must answer with the body `OK`.
 * Anything else (FAIL, another body, a non-200, a network error, no answer within the timeout) is
 * retried with exponential backoff, at most `maxAttempts` tries in all. Hecto does not publish its
 * schedule; this one is paymux's choice and configurable.
 */
export interface NotifierOptions {
  maxAttempts?: number;
  /** First retry delay; doubles each time, capped at `maxRetryDelayMs`. */
  retryBaseMs?: number;
  maxRetryDelayMs?: number;
  attemptTimeoutMs?: number;
}

export interface DeliveryAttempt {
  at: string;
  outcome: 'OK' | 'REJECTED' | 'ERROR';
  status?: number;
  body?: string;
  error?: string;
}

export interface Delivery {
  id: number;
  url: string;
  fields: Readonly<Record<string, string>>;
  state: 'PENDING' | 'DELIVERED' | 'GAVE_UP';
  attempts: DeliveryAttempt[];
}

export class Notifier {
  readonly #maxAttempts: number;
  readonly #retryBaseMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #attemptTimeoutMs: number;
  readonly #deliveries: Delivery[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<Promise<void>>();
  #idleWaiters: (() => void)[] = [];
  #nextId = 1;
  #closed = false;
  /** While held, new notifications wait (PENDING, no attempt) until `release`: a late notice on demand. */
  #held = false;
  readonly #heldBack: Delivery[] = [];

  constructor(options: NotifierOptions = {}) {
    this.#maxAttempts = options.maxAttempts ?? 10;
    this.#retryBaseMs = options.retryBaseMs ?? 1_000;
    this.#maxRetryDelayMs = options.maxRetryDelayMs ?? 10 * 60_000;
    this.#attemptTimeoutMs = options.attemptTimeoutMs ?? 10_000;
  }

  /** Queues a notification; delivery happens in the background. */
  send(url: string, fields: Readonly<Record<string, string>>): Delivery {
    const delivery: Delivery = { id: this.#nextId++, url, fields, state: 'PENDING', attempts: [] };
    this.#deliveries.push(delivery);
    if (this.#held) this.#heldBack.push(delivery);
    else this.#attempt(delivery);
    return delivery;
  }

  /** Holds back every notification sent from now on (a test switch: the PG's notice arrives late). */
  hold(): void {
    this.#held = true;
  }

  /** Sends the held-back notifications and stops holding; answers how many were released. */
  release(): number {
    this.#held = false;
    const released = this.#heldBack.splice(0);
    for (const delivery of released) this.#attempt(delivery);
    return released.length;
  }

  get held(): boolean {
    return this.#held;
  }

  deliveries(): readonly Delivery[] {
    return this.#deliveries;
  }

  /** Resolves once nothing is being sent or waiting for a retry. */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.#settleIdle();
  }

  #attempt(delivery: Delivery): void {
    if (this.#closed) return;
    const run = this.#post(delivery).then((attempt) => {
      delivery.attempts.push(attempt);
      if (attempt.outcome === 'OK') delivery.state = 'DELIVERED';
      else if (delivery.attempts.length >= this.#maxAttempts) delivery.state = 'GAVE_UP';
      else this.#scheduleRetry(delivery);
    });
    this.#inFlight.add(run);
    void run.finally(() => {
      this.#inFlight.delete(run);
      this.#settleIdle();
    });
  }

  #scheduleRetry(delivery: Delivery): void {
    if (this.#closed) return;
    const delay = Math.min(this.#retryBaseMs * 2 ** (delivery.attempts.length - 1), this.#maxRetryDelayMs);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#attempt(delivery);
    }, delay);
    timer.unref();
    this.#timers.add(timer);
  }

  async #post(delivery: Delivery): Promise<DeliveryAttempt> {
    const at = new Date().toISOString();
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
        body: toFormBody(delivery.fields),
        signal: AbortSignal.timeout(this.#attemptTimeoutMs),
      });
      const body = (await response.text()).slice(0, 200);
      const ok = response.status === 200 && body.trim() === 'OK';
      return { at, outcome: ok ? 'OK' : 'REJECTED', status: response.status, body };
    } catch (error) {
      return { at, outcome: 'ERROR', error: error instanceof Error ? error.message : String(error) };
    }
  }

  #isIdle(): boolean {
    return this.#inFlight.size === 0 && this.#timers.size === 0;
  }

  #settleIdle(): void {
    if (!this.#isIdle() && !this.#closed) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
