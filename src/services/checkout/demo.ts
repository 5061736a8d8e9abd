import { z } from 'zod';
import { listChannels } from '../../store/repositories/channels.ts';
import { loadDemoCredentials } from '../../store/repositories/keyring.ts';
import { findPayment } from '../../store/repositories/payments.ts';
import { findStore } from '../../store/repositories/tenancy.ts';
import type { PgCapabilities } from '../../pg/registry.ts';
import type { Deps } from '../deps.ts';

/** The demo shop (/checkout/demo): the seeded demo store and its TEST channels, nothing LIVE. */
export interface DemoShop {
  storeId: string;
  storeName: string;
  channels: { key: string; name: string; mid: string; virtualAccount: boolean; transfer: boolean; cardForm: PgCapabilities['windowCardForm'] }[];
}

const demoShape = z.object({ storeId: z.string() });

export async function demoShop(deps: Deps): Promise<DemoShop | undefined> {
  const json = await loadDemoCredentials(deps.db, deps.box);
  const parsed = json ? demoShape.safeParse(JSON.parse(json)) : undefined;
  if (!parsed?.success) return undefined;
  const store = await findStore(deps.db, parsed.data.storeId);
  if (!store) return undefined;
  const channels = (await listChannels(deps.db, store.id))
    .filter((c) => c.mode === 'TEST' && c.enabled && c.attribute === 'PAYMENT' && deps.pg.connector(c.pgProvider))
    .map((c) => {
      const capabilities = deps.pg.capabilities(c.pgProvider, c.mid);
      return { key: c.key, name: c.name, mid: c.mid, virtualAccount: capabilities.virtualAccount, transfer: capabilities.transfer, cardForm: capabilities.windowCardForm };
    });
  if (channels.length === 0) return undefined;
  return { storeId: store.id, storeName: store.name, channels };
}

/** What the demo page shows after paying: the server's view (a real shop asks GET /payments/{id}). */
export async function demoPaymentStatus(deps: Deps, paymentId: string): Promise<{ status: string; amount: string; method: unknown } | undefined> {
  if (paymentId.includes('\u0000')) return undefined; // no stored id has one (PostgreSQL text cannot)
  const shop = await demoShop(deps);
  if (!shop) return undefined;
  const found = await findPayment(deps.db, shop.storeId, paymentId);
  if (!found || !found.payment.isTest) return undefined;
  return { status: found.payment.status, amount: String(found.payment.totalAmount), method: found.payment.methodDetail };
}
