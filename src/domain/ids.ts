import { randomBytes, randomInt, randomUUID } from 'node:crypto';

// Identifier formats of PortOne that merchants' code already parses; paymux keeps them.

export const merchantCodePattern = /^imp\d{8}$/;
export const storeIdPattern = /^store-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newMerchantCode(): string {
  return `imp${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export const newStoreId = (): string => `store-${randomUUID()}`;
export const newMerchantId = (): string => `merchant-${randomUUID()}`;
export const newChannelId = (): string => `channel-id-${randomUUID()}`;
export const newChannelKey = (): string => `channel-key-${randomUUID()}`;
export const newRowId = (): string => randomUUID();

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphanumeric[randomInt(0, alphanumeric.length)];
  return out;
}

/** V2 API secret: 80 alphanumeric characters (~476 bits), like PortOne's. */
export const newApiSecret = (): string => randomAlphanumeric(80);
/** V1 REST API key: 16 digits. */
export const newImpKey = (): string => String(randomInt(1, 10)) + Array.from({ length: 15 }, () => randomInt(0, 10)).join('');
/** V1 REST API secret: 80 alphanumeric characters. */
export const newImpSecret = (): string => randomAlphanumeric(80);
/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;
/** Opaque session token for console cookies. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');
