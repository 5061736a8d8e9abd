import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Encryption of secrets at rest: AES-256-GCM under the master key, with the owning row's id as
 * associated data (a ciphertext copied onto another row does not decrypt) and the key version
 * stored beside each ciphertext so the master key can be rotated.
 */
export interface Sealed {
  ciphertext: string;
  keyVersion: number;
}

export class MasterKeyError extends Error {}

export class SecretBox {
  /** Keyring: version → 32-byte key; `current` encrypts, every version decrypts. */
  constructor(
    private readonly keys: ReadonlyMap<number, Buffer>,
    readonly currentVersion: number,
  ) {
    if (!keys.has(currentVersion)) throw new MasterKeyError(`master key version ${currentVersion} is missing`);
  }

  seal(plaintext: string, rowId: string): Sealed {
    const key = this.keys.get(this.currentVersion)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(rowId, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return { ciphertext: Buffer.concat([iv, tag, data]).toString('base64'), keyVersion: this.currentVersion };
  }

  /**
   * A key for another purpose (e.g. signing access tokens), derived from the current master key
   * with HKDF so that it never equals a key that encrypts data.
   */
  deriveKey(purpose: string): Uint8Array {
    const key = this.keys.get(this.currentVersion)!;
    return new Uint8Array(hkdfSync('sha256', key, Buffer.alloc(0), `paymux:${purpose}`, 32));
  }

  /** Throws MasterKeyError when the key version is unknown or the ciphertext does not authenticate. */
  open(sealed: Sealed, rowId: string): string {
    const key = this.keys.get(sealed.keyVersion);
    if (!key) throw new MasterKeyError(`no master key of version ${sealed.keyVersion} is configured`);
    const raw = Buffer.from(sealed.ciphertext, 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(rowId, 'utf8'));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new MasterKeyError(`a secret (row ${rowId}) does not decrypt with master key version ${sealed.keyVersion}`);
    }
  }
}

function decodeKey(text: string, origin: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new MasterKeyError(`${origin} must be 32 bytes, written as 64 hex digits or base64 (got ${key.length} bytes)`);
  }
  return key;
}

/**
 * `PAYMUX_MASTER_KEY` is one key (version 1) or a keyring `3:<key>,2:<key>,1:<key>` whose first
 * entry is current; older entries keep older ciphertexts readable after a rotation.
 */
export function parseMasterKey(value: string): SecretBox {
  const keys = new Map<number, Buffer>();
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
  let current: number | undefined;
  for (const entry of entries) {
    const match = /^(\d+):(.+)$/.exec(entry);
    const version = match ? Number(match[1]) : 1;
    keys.set(version, decodeKey(match ? match[2]! : entry, 'PAYMUX_MASTER_KEY'));
    current ??= version;
  }
  if (current === undefined) throw new MasterKeyError('PAYMUX_MASTER_KEY is empty');
  return new SecretBox(keys, current);
}

/** A fixed key for test runs on PostgreSQL without PAYMUX_MASTER_KEY (NODE_ENV=test only). */
export function testMasterKey(): SecretBox {
  return new SecretBox(new Map([[1, createHash('sha256').update('paymux test master key').digest()]]), 1);
}

export const masterKeyFileName = 'master.key';

/** Embedded mode: the key lives in the data dir (mode 0600), generated on the first start. */
export function loadOrCreateMasterKeyFile(dataDir: string): { box: SecretBox; created: boolean } {
  const file = path.join(dataDir, masterKeyFileName);
  if (existsSync(file)) {
    return { box: parseMasterKey(readFileSync(file, 'utf8')), created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { box: parseMasterKey(key), created: true };
}

/** Lookup hash of a high-entropy token (API secrets, session cookies): such tokens need no slow hash. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
