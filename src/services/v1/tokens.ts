import { createHmac, timingSafeEqual } from 'node:crypto';
import { newRowId } from '../../domain/ids.ts';
import { findV1CredentialByKey } from '../../store/repositories/credentials.ts';
import { findReusableV1AccessToken, findV1AccessToken, insertV1AccessToken } from '../../store/repositories/v1.ts';
import { tokenHash } from '../../store/secretBox.ts';
import type { Deps } from '../deps.ts';
import { ServiceError } from '../errors.ts';
import type { ApiPrincipal } from '../v2Auth.ts';

/** iamport's access tokens live 30 minutes. */
export const v1TokenSeconds = 30 * 60;

export interface V1Token {
  access_token: string;
  /** Unix seconds. */
  expired_at: number;
  now: number;
}

const unauthorized = (ko: string, en: string) => new ServiceError('UNAUTHORIZED', { ko, en });

/** The token of a row: an HMAC of its id (never stored; the row keeps only its hash). */
function tokenOf(deps: Deps, rowId: string): string {
  return createHmac('sha256', deps.box.deriveKey('v1-access-tokens')).update(rowId).digest('hex').slice(0, 40);
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * `POST /users/getToken`: checks imp_key/imp_secret and answers the store's valid token, or a new
 * 30-minute one. Like iamport, asking again while a token is valid answers that same token.
 */
export async function issueV1Token(deps: Deps, impKey: string, impSecret: string): Promise<V1Token> {
  const credential = await findV1CredentialByKey(deps.db, impKey);
  if (!credential || !sameHash(credential.impSecretHash, tokenHash(impSecret))) {
    throw unauthorized('imp_key, imp_secret 인증에 실패하였습니다.', 'imp_key and imp_secret do not match.');
  }
  const now = deps.clock.now();
  const unix = (d: Date) => Math.floor(d.getTime() / 1000);
  // A token about to expire is not handed out again: the caller would use it past its end.
  const reusable = await findReusableV1AccessToken(deps.db, credential.storeId, new Date(now.getTime() + 60_000), credential.rotatedAt);
  if (reusable) return { access_token: tokenOf(deps, reusable.id), expired_at: unix(reusable.expiresAt), now: unix(now) };
  const id = newRowId();
  const token = tokenOf(deps, id);
  const expiresAt = new Date(now.getTime() + v1TokenSeconds * 1000);
  await insertV1AccessToken(deps.db, { id, storeId: credential.storeId, tokenHash: tokenHash(token), issuedAt: now, expiresAt });
  return { access_token: token, expired_at: unix(expiresAt), now: unix(now) };
}

/** The caller of a V1 request: `Authorization: Bearer <token>` or the bare token (the old `iamport` client). */
export async function authenticateV1(deps: Deps, authorization: string | undefined): Promise<ApiPrincipal> {
  const raw = (authorization ?? '').trim();
  const token = raw.toLowerCase().startsWith('bearer ') ? raw.slice(7).trim() : raw;
  if (!token) throw unauthorized('인증 토큰이 전달되지 않았습니다.', 'No access token was sent.');
  const found = await findV1AccessToken(deps.db, tokenHash(token), deps.clock.now());
  if (!found || (found.rotatedAt && found.token.issuedAt < found.rotatedAt)) {
    throw unauthorized('유효하지 않거나 만료된 토큰입니다.', 'The access token is invalid or expired.');
  }
  return { storeId: found.token.storeId, merchantId: found.merchantId, apiSecretId: `v1:${found.token.storeId}` };
}
