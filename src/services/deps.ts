import type { Config } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../log.ts';
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
}

/** Who did something, for the audit log. */
export type Actor =
  | { type: 'user'; id: string; ip?: string }
  | { type: 'operator'; id: string; ip?: string }
  | { type: 'api'; id: string; ip?: string }
  | { type: 'system'; id?: undefined; ip?: undefined };
