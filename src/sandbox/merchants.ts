import {
  HECTO_TEST_ENCRYPTION_KEY,
  HECTO_TEST_LICENSE_KEY,
  HECTO_TEST_MERCHANTS,
  type HectoTestMerchant,
} from '../pg/hecto/codec/index.ts';

/** A MID the simulator knows: what it may do and the keys its messages must use. */
export interface SandboxMerchant extends HectoTestMerchant {
  readonly licenseKey: string;
  readonly encryptionKey: string;
  /** Test MIDs take part in the nightly auto-cancel. */
  readonly test: boolean;
  /** Per-MID notice URL (Hecto registers one by e-mail); receives VA deposit notices. */
  noticeUrl?: string;
}

export interface MerchantRegistration {
  mchtId: string;
  licenseKey: string;
  encryptionKey: string;
  /** Copy the capabilities of this test MID (default `nxca_jt_bi`). */
  like?: string;
  test?: boolean;
  noticeUrl?: string;
}

export class MerchantRegistry {
  readonly #merchants = new Map<string, SandboxMerchant>();

  constructor() {
    for (const merchant of HECTO_TEST_MERCHANTS) {
      this.#merchants.set(merchant.mchtId, {
        ...merchant,
        licenseKey: HECTO_TEST_LICENSE_KEY,
        encryptionKey: HECTO_TEST_ENCRYPTION_KEY,
        test: true,
      });
    }
  }

  get(mchtId: string): SandboxMerchant | undefined {
    return this.#merchants.get(mchtId);
  }

  list(): SandboxMerchant[] {
    return [...this.#merchants.values()];
  }

  /** Registers (or replaces) a MID with its own keys, e.g. for live-like tests. */
  register(registration: MerchantRegistration): SandboxMerchant | { error: string } {
    const template = HECTO_TEST_MERCHANTS.find((m) => m.mchtId === (registration.like ?? 'nxca_jt_bi'));
    if (!template) return { error: `unknown template MID ${registration.like}` };
    if (!/^[A-Za-z0-9_]{1,12}$/.test(registration.mchtId)) return { error: 'mchtId must be 1-12 letters, digits or _' };
    if (Buffer.byteLength(registration.encryptionKey, 'utf8') !== 32) return { error: 'encryptionKey must be 32 bytes' };
    if (registration.licenseKey.length === 0) return { error: 'licenseKey is required' };
    const merchant: SandboxMerchant = {
      ...template,
      mchtId: registration.mchtId,
      description: `registered (like ${template.mchtId})`,
      licenseKey: registration.licenseKey,
      encryptionKey: registration.encryptionKey,
      test: registration.test ?? false,
      ...(registration.noticeUrl ? { noticeUrl: registration.noticeUrl } : {}),
    };
    this.#merchants.set(merchant.mchtId, merchant);
    return merchant;
  }

  setNoticeUrl(mchtId: string, url: string | undefined): boolean {
    const merchant = this.#merchants.get(mchtId);
    if (!merchant) return false;
    if (url) merchant.noticeUrl = url;
    else delete merchant.noticeUrl;
    return true;
  }
}
