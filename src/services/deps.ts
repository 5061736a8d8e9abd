import type { Config } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../log.ts';
import type { PgRegistry } from '../pg/registry.ts';
import type { Database, Store } from '../store/db.ts';
import type { SecretBox } from '../store/secretBox.ts';

/** Everything a use case needs, passed as one typed context; tests build it from real parts. */
export interface Deps {
  config: Config;
  store: Store;
  db: Database;
  box: SecretBox;
  clock: Clock;
  log: Logger;
  /** The PG connectors, by provider. */
  pg: PgRegistry;
  /**
   * Background work to start after a commit (inquiries of unknown outcomes). Set by startJobs;
   * absent in a process without a job queue, where the recovery sweep of a worker picks it up.
   */
  queue?: JobQueue;
}

/** The job queue as services see it. */
export interface JobQueue {
  send(name: string, data: object, options?: { startAfterSeconds?: number; singletonKey?: string }): Promise<void>;
}

/** Who did something, for the audit log. */
export type Actor =
  | { type: 'user'; id: string; ip?: string }
  | { type: 'operator'; id: string; ip?: string }
  | { type: 'api'; id: string; ip?: string }
  | { type: 'system'; id?: undefined; ip?: undefined };
