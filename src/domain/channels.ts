// Channel rules (채널 관리 › 채널 추가): pure validation, no I/O.

export type ChannelMode = 'TEST' | 'LIVE';
export type TaxSetting = 'TAXABLE' | 'TAX_FREE' | 'COMPOSITE';
export type ChannelPaymentMethod = 'CARD' | 'VIRTUAL_ACCOUNT' | 'TRANSFER';

export interface Bilingual {
  ko: string;
  en: string;
}

export type ChannelRuleError = { field: string; message: Bilingual };

/** Hecto's published test MIDs a TEST channel may use, with what each one does. */
export const hectoTestMids = {
  portone1: {
    ko: '결제창 일반결제 (카드·가상계좌·계좌이체)',
    en: 'Payment window (card, virtual account, bank transfer)',
    methods: ['CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER'],
  },
  nxca_ks_gu: {
    ko: 'API 수기결제 카유비생: 카드번호, 유효기간, 비밀번호 앞 2자리, 생년월일',
    en: 'API keyed-in (카유비생): card number, expiry, first 2 password digits, birth date',
    methods: ['CARD'],
  },
  nxca_jt_bi: {
    ko: 'API 수기결제 카유: 카드번호, 유효기간',
    en: 'API keyed-in (카유): card number, expiry',
    methods: ['CARD'],
  },
} as const satisfies Record<string, { ko: string; en: string; methods: readonly ChannelPaymentMethod[] }>;

export type HectoTestMid = keyof typeof hectoTestMids;

export const isHectoTestMid = (mid: string): mid is HectoTestMid => Object.hasOwn(hectoTestMids, mid);

// Letters of any script (with their combining marks), digits, spaces, '_' and '-'.
const channelNamePattern = /^[\p{L}\p{M}\p{Nd} _-]+$/u;
export const channelNameMaxLength = 50;

export function checkChannelName(raw: string): ChannelRuleError | undefined {
  const name = raw.trim();
  if (name.length === 0) {
    return { field: 'name', message: { ko: '채널 이름을 입력해 주세요.', en: 'Enter a channel name.' } };
  }
  if (name.length > channelNameMaxLength) {
    return {
      field: 'name',
      message: { ko: `채널 이름은 ${channelNameMaxLength}자 이하여야 합니다.`, en: `The channel name must be at most ${channelNameMaxLength} characters.` },
    };
  }
  if (!channelNamePattern.test(name)) {
    const bad = [...new Set([...name].filter((c) => !channelNamePattern.test(c)))].join(' ');
    return {
      field: 'name',
      message: {
        ko: `채널 이름에는 문자(한글·영문 등), 숫자, 공백, 밑줄(_)과 하이픈(-)만 쓸 수 있습니다. 사용할 수 없는 문자: ${bad}`,
        en: `A channel name may contain only letters (any script), digits, spaces, underscores (_) and hyphens (-). Not allowed: ${bad}`,
      },
    };
  }
  return undefined;
}

const midPattern = /^[A-Za-z0-9_]{2,20}$/;

/** LIVE keys as Hecto issues them: the license (hash) key, and a 32-character AES-256 key. */
export function checkLiveCredentials(input: { mid: string; licenseKey: string; encryptionKey: string }): ChannelRuleError | undefined {
  if (!midPattern.test(input.mid)) {
    return { field: 'mid', message: { ko: 'PG상점아이디(MID)는 영문, 숫자, 밑줄 2~20자입니다.', en: 'The MID is 2–20 letters, digits or underscores.' } };
  }
  if (isHectoTestMid(input.mid)) {
    return { field: 'mid', message: { ko: '테스트용 MID는 실 연동에 쓸 수 없습니다.', en: 'A test MID cannot be used for a live channel.' } };
  }
  if (!/^[\x21-\x7e]{8,128}$/.test(input.licenseKey)) {
    return { field: 'licenseKey', message: { ko: '라이센스키(전문 해쉬 키)를 확인해 주세요 (공백 없는 8~128자).', en: 'Check the license key (8–128 printable characters, no spaces).' } };
  }
  if (!/^[\x21-\x7e]{32}$/.test(input.encryptionKey)) {
    return { field: 'encryptionKey', message: { ko: '암호화 키는 공백 없는 32자여야 합니다.', en: 'The encryption key must be exactly 32 characters without spaces.' } };
  }
  return undefined;
}

export const taxSettings: readonly TaxSetting[] = ['TAXABLE', 'TAX_FREE', 'COMPOSITE'];
export const channelPaymentMethods: readonly ChannelPaymentMethod[] = ['CARD', 'VIRTUAL_ACCOUNT', 'TRANSFER'];

/** Methods a Hecto channel can take: a test MID's own, or every method of the module for LIVE. */
export function methodsOfChannel(mode: ChannelMode, mid: string): readonly ChannelPaymentMethod[] {
  if (mode === 'TEST') return isHectoTestMid(mid) ? hectoTestMids[mid].methods : [];
  return channelPaymentMethods;
}

export interface ChannelChoice {
  key: string;
  mode: ChannelMode;
  mid: string;
  enabled: boolean;
  defaultMethods: readonly string[];
}

/**
 * The channel a request without `channelKey` pays through: the store's enabled default for the
 * method, or, failing that, its only enabled channel that can take the method.
 */
export function defaultChannelFor<T extends ChannelChoice>(channels: readonly T[], method: ChannelPaymentMethod): T | undefined {
  const usable = channels.filter((c) => c.enabled && methodsOfChannel(c.mode, c.mid).includes(method));
  return usable.find((c) => c.defaultMethods.includes(method)) ?? (usable.length === 1 ? usable[0] : undefined);
}

/** Hecto's per-merchant notice id that PortOne asks merchants to send: `imp_` and 4 characters (8 in all). */
export const hectoNoticeIdPattern = /^imp_[a-z0-9]{4}$/;
