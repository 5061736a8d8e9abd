import type { PgChannelCredentials, PgConnector } from '../../pg/contract.ts';
import type { PgCapabilities } from '../../pg/registry.ts';
import type { Executor } from '../../store/db.ts';
import { findChannelById, listChannels, type ChannelRow } from '../../store/repositories/channels.ts';
import { openChannelKeys } from '../channels.ts';
import type { Deps } from '../deps.ts';
import { paymentError } from '../errors.ts';

export type Capability = keyof PgCapabilities;

const channelNotFound = (detail: string) =>
  paymentError('CHANNEL_NOT_FOUND', { ko: `채널을 찾을 수 없습니다: ${detail}`, en: `Channel not found: ${detail}` });

/**
 * The channel of a request: the one named by `channelKey` (in the caller's store, able to do
 * `capability`), else the store's default channel if it can, else the store's first one that can.
 * TEST and LIVE never mix: `mode`, when given, must match.
 */
export async function chooseChannel(
  deps: Deps,
  storeId: string,
  channelKey: string | undefined,
  capability: Capability,
  mode?: 'TEST' | 'LIVE',
): Promise<ChannelRow> {
  const candidates = (await listChannels(deps.db, storeId)).filter((c) => c.attribute === 'PAYMENT' && (!mode || c.mode === mode));
  const able = (c: ChannelRow) => deps.pg.capabilities(c.pgProvider, c.mid)[capability];
  if (channelKey !== undefined) {
    const named = candidates.find((c) => c.key === channelKey);
    if (!named) throw channelNotFound(channelKey);
    if (!able(named)) {
      throw paymentError(
        'INVALID_REQUEST',
        { ko: `이 채널(${named.mid})은 이 결제수단을 지원하지 않습니다.`, en: `Channel ${named.mid} does not support this payment method.` },
        {},
        'channelKey',
      );
    }
    return named;
  }
  const chosen = candidates.find((c) => c.isDefault && able(c)) ?? candidates.find(able);
  if (!chosen) throw channelNotFound('no channel of this store supports the payment method');
  return chosen;
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
