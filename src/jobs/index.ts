import { PgBoss } from 'pg-boss';
import type { Deps } from '../services/deps.ts';
import { waitingJobsPerQueue } from '../store/repositories/jobQueue.ts';
import { contactMailQueue } from '../services/contactMail.ts';
import { registerContactMail } from './contactMail.ts';
import { housekeeping, housekeepingQueue } from './housekeeping.ts';
import { createPaymentQueues, startPaymentWorkers } from './payments.ts';
import { registerWebhookDelivery } from './webhookDelivery.ts';

export interface Jobs {
  boss: PgBoss;
  /** Waiting jobs per queue, for /metrics. */
  queueDepths(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface JobsOptions {
  /** Run workers and cron schedules (a `worker` or `start` process); otherwise only enqueue. */
  work: boolean;
}

/** pg-boss on the same database: its own pool on PostgreSQL, the shared instance on PGlite. */
export async function startJobs(deps: Deps, { work }: JobsOptions): Promise<Jobs> {
  const { store } = deps;
  const connection =
    store.kind === 'postgres'
      ? { connectionString: store.connectionString!, max: 4 }
      : { db: store.bossDatabase!, backend: 'pglite' as const };
  const boss = new PgBoss({ ...connection, schema: 'pgboss', supervise: work, schedule: work });
  boss.on('error', (error) => deps.log.error({ err: error }, 'job queue error'));
  await boss.start();
  await createPaymentQueues(boss);
  // An API-only process queues contact mails for the workers.
  await boss.createQueue(contactMailQueue);
  // Services queue inquiries of unknown PG outcomes through this, after their commit.
  deps.queue = {
    async send(name, data, options = {}) {
      await boss.send(name, data, {
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        retryLimit: 20,
        retryBackoff: true,
        retryDelay: 5,
      });
    },
  };
  if (work) {
    await boss.createQueue(housekeepingQueue);
    await boss.schedule(housekeepingQueue, '*/10 * * * *');
    await boss.work(housekeepingQueue, async () => housekeeping(deps));
    await startPaymentWorkers(boss, deps);
  }
  const webhookDelivery = work ? await registerWebhookDelivery(boss, deps) : undefined;
  const contactMail = work ? await registerContactMail(boss, deps) : undefined;
  return {
    boss,
    queueDepths: () => waitingJobsPerQueue(deps.db),
    stop: async () => {
      await webhookDelivery?.stop();
      await boss.stop({ graceful: true, timeout: 10_000 });
      await contactMail?.stop();
    },
  };
}
