import type { PgChannelCredentials, PgConnector } from '../../pg/contract.ts';
import type { PgCapabilities } from '../../pg/registry.ts';
import type { Executor } from '../../store/db.ts';
import { findChannelById, listChannels, type ChannelRow } from '../../store/repositories/channels.ts';
import { openChannelKeys } from '../channels.ts';
import type { Deps } from '../deps.ts';
import { paymentError, ServiceError } from '../errors.ts';
import { approvedCardCompaniesOf } from '../applications.ts';
import { liveGate } from '../../domain/contract.ts';
import { findStore } from '../../store/repositories/tenancy.ts';

export type Capability = keyof PgCapabilities;

const channelNotFound = (detail: string) =>
  paymentError('CHANNEL_NOT_FOUND', { ko: `채널을 찾을 수 없습니다: ${detail}`, en: `Channel not found: ${detail}` });

/**
 * The channel of a request: the one named by `channelKey` (in the caller's store, enabled, able
 * to do `capability`), else the store's default channel for the method if it can, else the
 * store's first enabled one that can. TEST and LIVE never mix: `mode`, when given, must match.
 * A LIVE channel pays only after a card company approved the merchant (403 otherwise).
 */
export async function chooseChannel(
  deps: Deps,
  storeId: string,
  channelKey: string | undefined,
  capability: Capability,
  mode?: 'TEST' | 'LIVE',
): Promise<ChannelRow> {
  const candidates = (await listChannels(deps.db, storeId)).filter((c) => c.attribute === 'PAYMENT' && c.enabled && (!mode || c.mode === mode));
  const able = (c: ChannelRow) => deps.pg.capabilities(c.pgProvider, c.mid)[capability];
  let chosen: ChannelRow | undefined;
  if (channelKey !== undefined) {
    chosen = candidates.find((c) => c.key === channelKey);
    if (!chosen) throw channelNotFound(channelKey);
    if (!able(chosen)) {
      throw paymentError(
        'INVALID_REQUEST',
        { ko: `이 채널(${chosen.mid})은 이 결제수단을 지원하지 않습니다.`, en: `Channel ${chosen.mid} does not support this payment method.` },
        {},
        'channelKey',
      );
    }
  } else {
    const method = capability === 'virtualAccount' ? 'VIRTUAL_ACCOUNT' : 'CARD';
    chosen = candidates.find((c) => c.defaultMethods.includes(method) && able(c)) ?? candidates.find(able);
    if (!chosen) throw channelNotFound('no channel of this store supports the payment method');
  }
  if (chosen.mode === 'LIVE') await requireLiveAllowed(deps, storeId);
  return chosen;
}

/** LIVE payments wait for the card-company review: at least one card company must have approved. */
async function requireLiveAllowed(deps: Deps, storeId: string): Promise<void> {
  const store = await findStore(deps.db, storeId);
  const gate = liveGate(store ? await approvedCardCompaniesOf(deps.db, store.merchantId) : []);
  if (!gate.allowed) throw new ServiceError('FORBIDDEN', gate.message);
}

export interface ChannelConnection {
  connector: PgConnector;
  credentials: PgChannelCredentials;
}

/** The connector and the opened keys of a channel (LIVE keys are sealed with the channel id as AAD). */
export function connect(deps: Deps, channel: ChannelRow): ChannelConnection {
  const connector = deps.pg.connector(channel.pgProvider);
  if (!connector) throw new Error(`no connector for PG ${channel.pgProvider}`);
  const { licenseKey, encryptionKey } = openChannelKeys(deps, channel);
  return {
    connector,
    credentials: { mode: channel.mode, mid: channel.mid, ...(licenseKey ? { licenseKey } : {}), ...(encryptionKey ? { encryptionKey } : {}) },
  };
}

export async function channelById(db: Executor, id: string): Promise<ChannelRow> {
  const channel = await findChannelById(db, id);
  if (!channel) throw new Error(`channel ${id} vanished`);
  return channel;
}
