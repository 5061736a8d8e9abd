import type { PgBoss } from 'pg-boss';
import type { Deps } from '../services/deps.ts';
import { deliverDueWebhooks, type DispatchOptions } from '../services/webhooks/delivery.ts';

export const webhookDeliveryQueue = 'webhook-delivery';

export interface WebhookDeliveryOptions extends DispatchOptions {
  /** How often a worker process looks for due webhooks itself, so new ones go out within seconds. */
  intervalMs?: number;
}

export interface WebhookDelivery {
  /** One dispatch pass now (joins the pass under way, if any). */
  runOnce(): Promise<void>;
  /** Stops the interval and waits for the pass under way. */
  stop(): Promise<void>;
}

/**
 * Outbox delivery in a worker process. A pg-boss cron job on `webhook-delivery` runs a dispatch
 * pass every minute in one of the workers (so delivery goes on with any worker alive), and each
 * worker also runs a pass every few seconds. Passes of several processes may overlap: each row is
 * claimed in the database by one of them. Within a process, passes never overlap.
 */
export async function registerWebhookDelivery(boss: PgBoss, deps: Deps, options: WebhookDeliveryOptions = {}): Promise<WebhookDelivery> {
  const { intervalMs = 2_000, ...dispatch } = options;
  let running: Promise<void> | undefined;
  let stopped = false;

  const runOnce = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= deliverDueWebhooks(deps, dispatch)
      .then(() => undefined)
      .catch((error: unknown) => deps.log.error({ err: error }, 'webhook dispatch failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  await boss.createQueue(webhookDeliveryQueue);
  await boss.schedule(webhookDeliveryQueue, '* * * * *');
  await boss.work(webhookDeliveryQueue, async () => runOnce());

  const timer = setInterval(() => void runOnce(), intervalMs);
  timer.unref();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
