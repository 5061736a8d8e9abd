import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import {
  advanceRefreshGeneration,
  findApiSecretWithMerchant,
  touchApiSecret,
  type ApiSecretRow,
  type ApiSecretWithMerchant,
} from '../store/repositories/credentials.ts';
import { tokenHash } from '../store/secretBox.ts';
import type { Deps } from './deps.ts';
import { ServiceError } from './errors.ts';

/** Who is calling the V2 API: one store, through one of its API secrets. */
export interface ApiPrincipal {
  storeId: string;
  merchantId: string;
  apiSecretId: string;
}

// PortOne's lifetimes: access tokens 30 minutes, refresh tokens one day.
export const accessTokenSeconds = 30 * 60;
export const refreshTokenSeconds = 24 * 60 * 60;
const issuer = 'paymux';

const unauthorized = (en: string, ko = '인증 정보가 올바르지 않습니다.') => new ServiceError('UNAUTHORIZED', { ko, en });

const lastUsedResolutionMs = 60_000;

async function principalOf(deps: Deps, row: ApiSecretWithMerchant | undefined): Promise<ApiPrincipal> {
  if (!row) throw unauthorized('The API secret or token is not valid.');
  if (row.revokedAt) throw unauthorized('The API secret has been revoked.', '폐기된 API 시크릿입니다.');
  const now = deps.clock.now();
  // "Last used" is kept to the minute, so most requests need no write.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > lastUsedResolutionMs) {
    await touchApiSecret(deps.db, row.id, now);
  }
  return { storeId: row.storeId, merchantId: row.merchantId, apiSecretId: row.id };
}

const signingKey = (deps: Deps) => deps.box.deriveKey('v2-api-tokens');

async function issueTokens(deps: Deps, row: Pick<ApiSecretRow, 'id'>, generation: number) {
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const key = signingKey(deps);
  const accessToken = await new SignJWT({ typ: 'access' })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setSubject(row.id)
    .setIssuedAt(now)
    .setExpirationTime(now + accessTokenSeconds)
    .sign(key);
  const refreshToken = await new SignJWT({ typ: 'refresh', gen: generation })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(issuer)
    .setSubject(row.id)
    .setIssuedAt(now)
    .setExpirationTime(now + refreshTokenSeconds)
    .sign(key);
  return { accessToken, refreshToken };
}

async function verifyToken(deps: Deps, token: string, typ: 'access' | 'refresh') {
  try {
    const { payload } = await jwtVerify(token, signingKey(deps), {
      issuer,
      algorithms: ['HS256'],
      currentDate: deps.clock.now(),
    });
    if (payload.typ !== typ || typeof payload.sub !== 'string') throw unauthorized('The token is not valid.');
    return payload;
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw unauthorized('The token has expired.', '만료된 토큰입니다.');
    throw unauthorized('The token is not valid.');
  }
}

/** `POST /login/api-secret`: a new token pair; every earlier refresh token of this secret stops working. */
export async function loginWithApiSecret(deps: Deps, apiSecret: string) {
  const row = await findApiSecretWithMerchant(deps.db, { secretHash: tokenHash(apiSecret) });
  await principalOf(deps, row);
  const generation = await advanceRefreshGeneration(deps.db, row!.id, undefined);
  if (generation === undefined) throw unauthorized('The API secret has been revoked.', '폐기된 API 시크릿입니다.');
  return issueTokens(deps, row!, generation);
}

/** `POST /token/refresh`: only the newest refresh token of a secret is accepted, once. */
export async function refreshTokens(deps: Deps, refreshToken: string) {
  const payload = await verifyToken(deps, refreshToken, 'refresh');
  const row = await findApiSecretWithMerchant(deps.db, { id: payload.sub! });
  await principalOf(deps, row);
  const generation = await advanceRefreshGeneration(deps.db, row!.id, Number(payload.gen));
  if (generation === undefined) {
    throw unauthorized('The refresh token has been replaced by a newer login or refresh.', '이미 사용되었거나 만료된 리프레시 토큰입니다.');
  }
  return issueTokens(deps, row!, generation);
}

type SecretLookup = { secretHash: string } | { id: string };

/** Which secret an `Authorization` header names: a secret's hash, or a verified access token's subject. */
async function credentialOf(deps: Deps, authorization: string | undefined): Promise<SecretLookup> {
  if (!authorization) throw unauthorized('The Authorization header is missing. Send "PortOne <API secret>" or "Bearer <access token>".', 'Authorization 헤더가 없습니다.');
  const match = /^(PortOne|Bearer)\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthorized('The Authorization header must be "PortOne <API secret>" or "Bearer <access token>".');
  const [, scheme, credential] = match;
  if (scheme!.toLowerCase() === 'portone') return { secretHash: tokenHash(credential!) };
  const payload = await verifyToken(deps, credential!, 'access');
  return { id: payload.sub! };
}

/**
 * The caller of a V2 request, from `Authorization: PortOne <secret>` or `Bearer <access token>`.
 * A revoked secret's tokens stop working at once, because every request looks the secret up.
 */
export async function authenticateV2(deps: Deps, authorization: string | undefined): Promise<ApiPrincipal> {
  const by = await credentialOf(deps, authorization);
  return principalOf(deps, await findApiSecretWithMerchant(deps.db, by));
}

/**
 * Authentication fused with the request's own read, for the hottest routes: `lookup` fetches the
 * secret together with what the request wants in one round trip; the secret is checked exactly
 * as authenticateV2 checks it before anything it fetched is used.
 */
export async function authenticateV2With<T>(
  deps: Deps,
  authorization: string | undefined,
  lookup: (by: SecretLookup) => Promise<{ secret: ApiSecretWithMerchant; found: T } | undefined>,
): Promise<{ principal: ApiPrincipal; found: T }> {
  const result = await lookup(await credentialOf(deps, authorization));
  const principal = await principalOf(deps, result?.secret);
  return { principal, found: result!.found };
}
