import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * Field encryption: AES-256-ECB with PKCS#7 padding and no IV; the key is the 32-character
 * encryption key (암호화 키) taken as UTF-8 bytes; output standard Base64. Empty values stay empty.
 */
// A message's fields share one imported key (importing it is most of the cost of a short field).
type FieldKey = string | KeyObject;

function keyOf(encryptionKey: FieldKey): KeyObject {
  if (typeof encryptionKey !== 'string') return encryptionKey;
  const key = Buffer.from(encryptionKey, 'utf8');
  if (key.length !== 32) throw new RangeError('Hecto encryption key must be 32 bytes');
  return createSecretKey(key);
}

export function encryptField(plain: string, encryptionKey: FieldKey): string {
  if (plain === '') return '';
  const cipher = createCipheriv('aes-256-ecb', keyOf(encryptionKey), null);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export type DecryptResult = { ok: true; value: string } | { ok: false };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decrypts one field; `{ok:false}` when it is not valid Base64 AES output under this key. */
export function decryptField(cipherText: string, encryptionKey: FieldKey): DecryptResult {
  if (cipherText === '') return { ok: true, value: '' };
  const trimmed = cipherText.trim();
  if (!BASE64.test(trimmed) || trimmed.length % 4 !== 0) return { ok: false };
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length === 0 || bytes.length % 16 !== 0) return { ok: false };
  try {
    const decipher = createDecipheriv('aes-256-ecb', keyOf(encryptionKey), null);
    const plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
    return { ok: true, value: text };
  } catch {
    return { ok: false };
  }
}

/** Returns a copy with the listed (present, non-empty) fields encrypted. */
export function encryptFields<T extends object>(record: T, fields: readonly string[], encryptionKey: string): T {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  const key = keyOf(encryptionKey);
  for (const field of fields) {
    const value = copy[field];
    if (typeof value === 'string' && value !== '') copy[field] = encryptField(value, key);
  }
  return copy as T;
}

export type DecryptFieldsResult<T> = { ok: true; value: T } | { ok: false; field: string };

/** Returns a copy with the listed fields decrypted, or the first field that does not decrypt. */
export function decryptFields<T extends object>(
  record: T,
  fields: readonly string[],
  encryptionKey: string,
): DecryptFieldsResult<T> {
  const copy: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  const key = keyOf(encryptionKey);
  for (const field of fields) {
    const value = copy[field];
    if (typeof value !== 'string' || value === '') continue;
    const result = decryptField(value, key);
    if (!result.ok) return { ok: false, field };
    copy[field] = result.value;
  }
  return { ok: true, value: copy as T };
}
