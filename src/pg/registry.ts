import type { Clock } from '../domain/clock.ts';
import type { PgConnector, PgLogger } from './contract.ts';
import { hectoCapabilities } from './hecto/capabilities.ts';
import type { HttpTimeouts } from './hecto/client.ts';
import { HectoConnector } from './hecto/connector.ts';

/** What one merchant id of a PG supports, for choosing a channel before any call. */
export interface PgCapabilities {
  readonly keyIn: boolean;
  readonly billing: boolean;
  readonly virtualAccount: boolean;
  /** Account transfer through the payment window. */
  readonly transfer: boolean;
  /** The card amounts the PG accepts (won), checked before a window opens. */
  readonly cardAmount: { readonly min: bigint; readonly max: bigint };
  /** What the card window asks the buyer: a card-company login, or a card form with these fields. */
  readonly windowCardForm: 'CARD_COMPANY' | 'NUMBER_EXPIRY' | 'NUMBER_EXPIRY_PASSWORD_BIRTH';
}

/** The PGs paymux can talk to, by PortOne's `pgProvider` name. Services ask this, never a PG by name. */
export interface PgRegistry {
  /** The PGs paymux has connectors for, with their names (the application form offers these). */
  providers(): readonly { pgProvider: string; name: { ko: string; en: string } }[];
  connector(pgProvider: string): PgConnector | undefined;
  capabilities(pgProvider: string, mid: string): PgCapabilities;
  /** Where this PG sends its server-to-server notifications on paymux's main origin. */
  notificationUrl(pgProvider: string, publicUrl: string): string;
}

/** The inbound notification path of Hecto (src/http/inbound/hecto.ts serves it). */
export const HECTO_NOTIFICATION_PATH = '/pg/hecto/notifications';

export interface PgRegistryOptions {
  hectoApiUrl: string;
  hectoWindowUrl: string;
  clock: Clock;
  logger?: PgLogger;
  /** Tests shorten the PG time-out to exercise unknown outcomes quickly. */
  timeouts?: Partial<HttpTimeouts>;
}

const none: PgCapabilities = { keyIn: false, billing: false, virtualAccount: false, transfer: false, cardAmount: { min: 1n, max: 0n }, windowCardForm: 'CARD_COMPANY' };

export function createPgRegistry(options: PgRegistryOptions): PgRegistry {
  const hecto = new HectoConnector({
    apiBaseUrl: options.hectoApiUrl,
    windowBaseUrl: options.hectoWindowUrl,
    clock: options.clock,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  });
  return {
    providers: () => [{ pgProvider: hecto.pgProvider, name: { ko: '헥토파이낸셜', en: 'Hecto Financial' } }],
    connector: (pgProvider) => (pgProvider === hecto.pgProvider ? hecto : undefined),
    capabilities: (pgProvider, mid) => (pgProvider === hecto.pgProvider ? hectoCapabilities(mid) : none),
    notificationUrl: (_pgProvider, publicUrl) => `${publicUrl}${HECTO_NOTIFICATION_PATH}`,
  };
}
