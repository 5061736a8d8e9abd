import { listChannels } from '../store/repositories/channels.ts';
import type { StoreAccess } from './access.ts';
import type { Deps } from './deps.ts';

export interface ChannelView {
  id: string;
  key: string;
  name: string;
  mode: 'TEST' | 'LIVE';
  pgProvider: string;
  mid: string;
  isDefault: boolean;
}

export async function listStoreChannels(deps: Deps, access: StoreAccess): Promise<ChannelView[]> {
  const rows = await listChannels(deps.db, access.store.id);
  return rows.map((c) => ({ id: c.id, key: c.key, name: c.name, mode: c.mode, pgProvider: c.pgProvider, mid: c.mid, isDefault: c.isDefault }));
}
