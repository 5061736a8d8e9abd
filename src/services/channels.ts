import { randomInt } from 'node:crypto';
import {
  channelPaymentMethods,
  checkChannelName,
  checkLiveCredentials,
  hectoTestMids,
  isHectoTestMid,
  methodsOfChannel,
  type ChannelMode,
  type ChannelPaymentMethod,
  type TaxSetting,
} from '../domain/channels.ts';
import { stageReached } from '../domain/contract.ts';
import { newChannelId, newChannelKey } from '../domain/ids.ts';
import { maskSecret, Secret } from '../domain/secret.ts';
import {
  findChannelOfStore,
  insertChannel,
  listChannels,
  noticeIdTaken,
  setChannelDefaults,
  softDeleteChannel,
  updateChannel,
  type ChannelRow,
} from '../store/repositories/channels.ts';
import type { Executor } from '../store/db.ts';
import { auditStoreChange, type StoreAccess } from './access.ts';
import type { Deps } from './deps.ts';
import { contractStageOf } from './applications.ts';
import { invalidInput, notFound, ServiceError } from './errors.ts';

export interface ChannelView {
  id: string;
  key: string;
  name: string;
  mode: ChannelMode;
  pgProvider: string;
  module: string;
  attribute: string;
  mid: string;
  midDescription: { ko: string; en: string } | null;
  taxSetting: string;
  enabled: boolean;
  /** Payment methods this channel is the store's default for. */
  defaultMethods: string[];
  methods: readonly ChannelPaymentMethod[];
  /** LIVE only; never the key itself. */
  maskedLicenseKey: string | null;
  maskedEncryptionKey: string | null;
  /** Hecto's 8-character id for this merchant's deposit notices (`imp_` + 4). */
  hectoNoticeId: string | null;
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

function view(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    mode: row.mode,
    pgProvider: row.pgProvider,
    module: row.module,
    attribute: row.attribute,
    mid: row.mid,
    midDescription: isHectoTestMid(row.mid) && row.mode === 'TEST' ? { ko: hectoTestMids[row.mid].ko, en: hectoTestMids[row.mid].en } : null,
    taxSetting: row.taxSetting,
    enabled: row.enabled,
    defaultMethods: row.defaultMethods,
    methods: methodsOfChannel(row.mode, row.mid),
    maskedLicenseKey: row.maskedLicenseKey,
    maskedEncryptionKey: row.maskedEncryptionKey,
    hectoNoticeId: row.hectoNoticeId,
    isDefault: row.defaultMethods.length > 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const channelNotFound = () => notFound({ ko: '채널을 찾을 수 없습니다.', en: 'Channel not found.' });

export async function listStoreChannels(deps: Deps, access: StoreAccess): Promise<ChannelView[]> {
  return (await listChannels(deps.db, access.store.id)).map(view);
}

export interface ChannelInput {
  mode: ChannelMode;
  pgProvider: 'SETTLE';
  module: 'HECTO_WINDOW_API';
  attribute: 'PAYMENT';
  name: string;
  mid: string;
  licenseKey?: string;
  encryptionKey?: string;
  taxSetting: TaxSetting;
}

function fail(error: { field: string; message: { ko: string; en: string } } | undefined): void {
  if (error) throw invalidInput(error.field, error.message);
}

/** Validates and, for LIVE, seals the keys under the master key with the channel id as associated data. */
function channelFields(deps: Deps, id: string, input: ChannelInput) {
  fail(checkChannelName(input.name));
  if (input.mode === 'TEST') {
    if (!isHectoTestMid(input.mid)) {
      throw invalidInput('mid', {
        ko: `테스트 연동의 PG상점아이디는 ${Object.keys(hectoTestMids).join(', ')} 중에서 선택해 주세요.`,
        en: `A test channel's MID is one of ${Object.keys(hectoTestMids).join(', ')}.`,
      });
    }
    return {
      name: input.name.trim(),
      mid: input.mid,
      licenseKeyCiphertext: null,
      encryptionKeyCiphertext: null,
      secretKeyVersion: null,
      maskedLicenseKey: null,
      maskedEncryptionKey: null,
    };
  }
  const credentials = { mid: input.mid.trim(), licenseKey: input.licenseKey ?? '', encryptionKey: input.encryptionKey ?? '' };
  fail(checkLiveCredentials(credentials));
  const license = deps.box.seal(credentials.licenseKey, `${id}:license`);
  const encryption = deps.box.seal(credentials.encryptionKey, `${id}:encryption`);
  return {
    name: input.name.trim(),
    mid: credentials.mid,
    licenseKeyCiphertext: license.ciphertext,
    encryptionKeyCiphertext: encryption.ciphertext,
    secretKeyVersion: license.keyVersion,
    maskedLicenseKey: maskSecret(credentials.licenseKey, 3),
    maskedEncryptionKey: maskSecret(credentials.encryptionKey, 3),
  };
}

/** The LIVE keys of a channel, opened for one PG call. */
export function openChannelKeys(deps: Deps, row: ChannelRow): { licenseKey?: Secret; encryptionKey?: Secret } {
  if (!row.licenseKeyCiphertext || !row.encryptionKeyCiphertext || row.secretKeyVersion === null) return {};
  const keyVersion = row.secretKeyVersion;
  return {
    licenseKey: new Secret(deps.box.open({ ciphertext: row.licenseKeyCiphertext, keyVersion }, `${row.id}:license`)),
    encryptionKey: new Secret(deps.box.open({ ciphertext: row.encryptionKeyCiphertext, keyVersion }, `${row.id}:encryption`)),
  };
}

export async function freshNoticeId(db: Executor): Promise<string> {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (;;) {
    const id = `imp_${Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('')}`;
    if (!(await noticeIdTaken(db, id))) return id;
  }
}

/** Audit before/after of a channel: what it is, never its keys (masked forms only). */
const auditView = (row: ChannelRow | ChannelView) => ({
  name: row.name,
  mode: row.mode,
  mid: row.mid,
  taxSetting: row.taxSetting,
  enabled: row.enabled,
  defaultMethods: row.defaultMethods,
  maskedLicenseKey: row.maskedLicenseKey,
  maskedEncryptionKey: row.maskedEncryptionKey,
});

export async function createChannel(deps: Deps, access: StoreAccess, input: ChannelInput): Promise<ChannelView> {
  const id = newChannelId();
  const fields = channelFields(deps, id, input);
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    if (input.mode === 'LIVE' && !stageReached(await contractStageOf(tx, access.merchantId), 'CONTRACT_COMPLETED')) {
      throw new ServiceError(
        'CONFLICT',
        { ko: '실 연동 채널은 결제대행사 계약이 완료(계약완료)된 뒤에 추가할 수 있습니다.', en: 'A live channel can be added once the PG contract is completed.' },
        'mode',
      );
    }
    const row: ChannelRow = {
      id,
      storeId: access.store.id,
      key: newChannelKey(),
      pgProvider: input.pgProvider,
      module: input.module,
      attribute: input.attribute,
      mode: input.mode,
      taxSetting: input.taxSetting,
      isDefault: false,
      enabled: true,
      defaultMethods: [],
      hectoNoticeId: await freshNoticeId(tx),
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      ...fields,
    };
    await insertChannel(tx, row);
    await auditStoreChange(tx, access, { action: 'channel.created', target: { type: 'channel', id }, after: auditView(row), at });
    return view(row);
  });
}

export interface ChannelUpdate {
  name?: string;
  taxSetting?: TaxSetting;
  enabled?: boolean;
  /** LIVE only; both together, or neither to keep the stored keys. */
  mid?: string;
  licenseKey?: string;
  encryptionKey?: string;
}

export async function editChannel(deps: Deps, access: StoreAccess, channelId: string, update: ChannelUpdate): Promise<ChannelView> {
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const before = await findChannelOfStore(tx, access.store.id, channelId);
    if (!before) throw channelNotFound();
    const changes: Partial<ChannelRow> = { updatedAt: at };
    if (update.name !== undefined) {
      fail(checkChannelName(update.name));
      changes.name = update.name.trim();
    }
    if (update.taxSetting !== undefined) changes.taxSetting = update.taxSetting;
    if (update.enabled !== undefined) changes.enabled = update.enabled;
    if (update.licenseKey !== undefined || update.encryptionKey !== undefined || update.mid !== undefined) {
      if (before.mode !== 'LIVE') {
        throw invalidInput('mid', { ko: '테스트 채널의 MID와 키는 바꿀 수 없습니다.', en: "A test channel's MID and keys cannot be changed." });
      }
      const fields = channelFields(deps, before.id, {
        mode: 'LIVE',
        pgProvider: 'SETTLE',
        module: 'HECTO_WINDOW_API',
        attribute: 'PAYMENT',
        name: changes.name ?? before.name,
        mid: update.mid ?? before.mid,
        licenseKey: update.licenseKey,
        encryptionKey: update.encryptionKey,
        taxSetting: before.taxSetting as TaxSetting,
      });
      Object.assign(changes, fields);
    }
    const after = await updateChannel(tx, before.id, changes);
    await auditStoreChange(tx, access, { action: 'channel.updated', target: { type: 'channel', id: before.id }, before: auditView(before), after: auditView(after), at });
    return view(after);
  });
}

/** Soft delete: payments keep pointing at their channel; the key stops working for new ones. */
export async function deleteChannel(deps: Deps, access: StoreAccess, channelId: string): Promise<void> {
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const before = await findChannelOfStore(tx, access.store.id, channelId);
    if (!before) throw channelNotFound();
    await softDeleteChannel(tx, before.id, at);
    await auditStoreChange(tx, access, { action: 'channel.deleted', target: { type: 'channel', id: before.id }, before: auditView(before), at });
  });
}

/** Makes the channel the store's default for `method` (and no other channel). */
export async function makeDefaultChannel(deps: Deps, access: StoreAccess, channelId: string, method: ChannelPaymentMethod): Promise<ChannelView[]> {
  if (!channelPaymentMethods.includes(method)) throw invalidInput('method', { ko: '결제수단을 확인해 주세요.', en: 'Unknown payment method.' });
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const channel = await findChannelOfStore(tx, access.store.id, channelId);
    if (!channel) throw channelNotFound();
    if (!methodsOfChannel(channel.mode, channel.mid).includes(method)) {
      throw invalidInput('method', { ko: '이 채널은 해당 결제수단을 지원하지 않습니다.', en: 'This channel does not take that payment method.' });
    }
    await setChannelDefaults(tx, access.store.id, channel.id, method, at);
    await auditStoreChange(tx, access, { action: 'channel.default_set', target: { type: 'channel', id: channel.id }, after: { method }, at });
    return (await listChannels(tx, access.store.id)).map(view);
  });
}

export type ConnectionCheck =
  | { result: 'ACCEPTED'; message: { ko: string; en: string } }
  | { result: 'REJECTED'; pgCode: string; message: { ko: string; en: string } }
  | { result: 'UNREACHABLE'; message: { ko: string; en: string } };

/**
 * 연결 확인: a harmless call (an inquiry of an order that does not exist) tells whether the PG
 * knows the MID and accepts the keys. Nothing is charged.
 */
export async function checkChannelConnection(deps: Deps, access: StoreAccess, channelId: string): Promise<ConnectionCheck> {
  const channel = await findChannelOfStore(deps.db, access.store.id, channelId);
  if (!channel) throw channelNotFound();
  const connector = deps.pg.connector(channel.pgProvider);
  if (!connector) throw invalidInput('pgProvider', { ko: '지원하지 않는 결제대행사입니다.', en: 'paymux has no connector for this PG.' });
  const result = await connector.inquire(
    { mode: channel.mode, mid: channel.mid, ...openChannelKeys(deps, channel) },
    { paymentMethod: 'CARD', originalRequestId: `check${deps.clock.now().getTime()}`, originalRequestedAt: deps.clock.now(), originalAmount: 1n },
  );
  if (result.outcome === 'approved') {
    return { result: 'ACCEPTED', message: { ko: 'PG가 MID와 키를 확인했습니다.', en: 'The PG accepted the MID and keys.' } };
  }
  if (result.outcome === 'declined') {
    return { result: 'REJECTED', pgCode: result.code, message: { ko: `PG가 거절했습니다: ${result.messageKo}`, en: `The PG refused: ${result.messageEn}` } };
  }
  return { result: 'UNREACHABLE', message: { ko: 'PG의 응답을 받지 못했습니다. 잠시 후 다시 시도해 주세요.', en: 'No answer from the PG; try again later.' } };
}


/** What a merchant sends Hecto so deposits on this channel's MID are announced to this paymux (채널 설정 안내). */
export async function virtualAccountNoticeRequest(deps: Deps, access: StoreAccess, channelId: string, merchantName: string) {
  const channel = await findChannelOfStore(deps.db, access.store.id, channelId);
  if (!channel) throw channelNotFound();
  // The setup page asks for this mail once the contract is done, for the MID Hecto issued: a LIVE
  // channel (which exists only from 계약완료 on). A TEST MID is Hecto's shared one; its notices
  // come to the notiUrl paymux sends with every request, so there is nothing to ask for.
  if (channel.mode === 'TEST') {
    throw new ServiceError('CONFLICT', {
      ko: '테스트 채널은 입금통보 URL을 요청하지 않습니다. 테스트 MID의 입금통보는 결제 요청마다 함께 보내는 이 paymux의 통보 주소로 옵니다. 계약 후 발급받은 MID로 실 연동 채널을 추가하면 요청 메일을 보낼 수 있습니다.',
      en: "TEST channels need no deposit-notice URL request: a test MID's notices come to the notice URL paymux sends with every request. Add a LIVE channel with the MID issued after the contract to send the request mail.",
    });
  }
  if (!deps.pg.capabilities(channel.pgProvider, channel.mid).virtualAccount) {
    throw new ServiceError('CONFLICT', { ko: '이 채널은 가상계좌를 지원하지 않습니다.', en: 'This channel does not take virtual accounts.' });
  }
  const noticeUrl = `${deps.config.publicUrl}/settle_payments/notice_vbank`;
  const to = 'settle_pgdev@hecto.co.kr';
  const subject = `[가상계좌 입금통보 URL 설정 요청] ${merchantName} (${channel.mid})`;
  const body = [
    '안녕하세요. 가상계좌 입금통보 URL 설정을 요청드립니다.',
    '',
    `- 상호명: ${merchantName}`,
    `- 상점아이디(MID): ${channel.mid}`,
    `- 가상계좌 입금통보설정: ${noticeUrl}`,
    `- 헥토파이낸셜 상점아이디: ${channel.hectoNoticeId ?? ''}`,
    '',
    '감사합니다.',
  ].join('\n');
  return {
    to,
    subject,
    body,
    noticeUrl,
    merchantName,
    mid: channel.mid,
    hectoNoticeId: channel.hectoNoticeId,
    mailto: `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`,
  };
}
