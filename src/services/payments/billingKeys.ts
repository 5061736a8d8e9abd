import { maskCardNumber } from '../../domain/payments/card.ts';
import { newBillingKeyId } from '../../domain/payments/ids.ts';
import { Secret } from '../../domain/secret.ts';
import type { KeyedCard } from '../../pg/contract.ts';
import { findBillingKey, insertBillingKey, listBillingKeys, markBillingKeyDeleted, type BillingKeyListFilter, type BillingKeyRow } from '../../store/repositories/billingKeys.ts';
import type { ChannelRow } from '../../store/repositories/channels.ts';
import type { Deps } from '../deps.ts';
import { paymentError, type ServiceError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';
import { enqueueV2Webhooks } from '../webhooks/outbox.ts';
import { channelById, chooseChannel, connect } from './channels.ts';
import { pgDeclined, pgPending } from './errors.ts';

export interface IssueBillingKeyInput {
  channelKey?: string;
  card: Secret<KeyedCard>;
  customer?: Record<string, string>;
  customData?: string;
  noticeUrls?: string[];
}

export interface BillingKeyView {
  row: BillingKeyRow;
  channel: ChannelRow;
}

export const billingKeyNotFound = (id: string): ServiceError =>
  paymentError('BILLING_KEY_NOT_FOUND', { ko: `빌링키가 존재하지 않습니다: ${id}`, en: `Billing key not found: ${id}` });

/**
 * Issues a billing key at the PG. Nothing is reserved first: an unknown outcome leaves at most an
 * unused key at the PG, and the merchant simply asks again.
 */
export async function issueBillingKey(deps: Deps, principal: ApiPrincipal, input: IssueBillingKeyInput): Promise<BillingKeyView> {
  const channel = await chooseChannel(deps, principal.storeId, input.channelKey, 'billing');
  const { connector, credentials } = connect(deps, channel);
  const result = await connector.issueBillingKey(credentials, {
    card: input.card,
    ...(input.customer ? { customer: { id: input.customer.id, name: input.customer.name } } : {}),
  });
  if (result.outcome === 'declined') throw pgDeclined(result);
  if (result.outcome === 'unknown') throw pgPending(result);
  const at = deps.clock.now();
  const id = newBillingKeyId();
  const sealed = deps.box.seal(result.billingKey.reveal(), id);
  const card = { ...result.card, maskedNumber: result.card.maskedNumber ?? maskCardNumber(input.card.reveal().number) };
  const row = await deps.db.transaction(async (tx) => {
    const inserted: BillingKeyRow = {
      id,
      storeId: principal.storeId,
      channelId: channel.id,
      pgKeyCiphertext: sealed.ciphertext,
      pgKeyVersion: sealed.keyVersion,
      card: Object.fromEntries(Object.entries(card).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
      customer: input.customer ?? null,
      customData: input.customData ?? null,
      status: 'ISSUED',
      issuedAt: at,
      deletedAt: null,
    };
    await insertBillingKey(tx, inserted);
    await enqueueV2Webhooks(tx, { storeId: principal.storeId, type: 'BillingKey.Issued', data: { billingKey: id }, noticeUrls: input.noticeUrls ?? [], at });
    return inserted;
  });
  return { row, channel };
}

export async function getBillingKey(deps: Deps, principal: ApiPrincipal, id: string): Promise<BillingKeyView> {
  const row = await findBillingKey(deps.db, principal.storeId, id);
  if (!row) throw billingKeyNotFound(id);
  return { row, channel: await channelById(deps.db, row.channelId) };
}

/** The PG's billing key of an ISSUED key, opened for one call. */
export function openPgBillingKey(deps: Deps, row: BillingKeyRow): Secret {
  return new Secret(deps.box.open({ ciphertext: row.pgKeyCiphertext, keyVersion: row.pgKeyVersion }, row.id));
}

export const billingKeyAlreadyDeleted = (): ServiceError =>
  paymentError('BILLING_KEY_ALREADY_DELETED', { ko: '이미 삭제된 빌링키입니다.', en: 'The billing key is already deleted.' });

export async function deleteBillingKey(deps: Deps, principal: ApiPrincipal, id: string): Promise<Date> {
  const { row, channel } = await getBillingKey(deps, principal, id);
  if (row.status === 'DELETED') throw billingKeyAlreadyDeleted();
  const { connector, credentials } = connect(deps, channel);
  const result = await connector.deleteBillingKey(credentials, { billingKey: openPgBillingKey(deps, row) });
  if (result.outcome === 'declined' && result.reason !== 'CUSTOMER_NOT_FOUND') throw pgDeclined(result);
  if (result.outcome === 'unknown') throw pgPending(result);
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const deleted = await markBillingKeyDeleted(tx, row.id, at);
    if (!deleted) throw billingKeyAlreadyDeleted();
    await enqueueV2Webhooks(tx, { storeId: principal.storeId, type: 'BillingKey.Deleted', data: { billingKey: id }, at });
  });
  return at;
}

export type { BillingKeyTextField } from '../../store/repositories/billingKeys.ts';

export type BillingKeyListQuery = Omit<BillingKeyListFilter, 'storeId'> & { page: { number: number; size: number } };

/** A page of the caller's store's billing keys (PortOne's 빌링키 다건 조회). */
export async function findBillingKeys(deps: Deps, principal: ApiPrincipal, query: BillingKeyListQuery): Promise<{ items: BillingKeyView[]; page: { number: number; size: number; totalCount: number } }> {
  const { page, ...filter } = query;
  const { rows, totalCount } = await listBillingKeys(deps.db, { ...filter, storeId: principal.storeId }, page);
  return { items: rows.map((r) => ({ row: r.billingKey, channel: r.channel })), page: { number: page.number, size: rows.length, totalCount } };
}
