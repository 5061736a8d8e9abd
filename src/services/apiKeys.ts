import { newApiSecret, newImpSecret, newRowId } from '../domain/ids.ts';
import { maskSecret } from '../domain/secret.ts';
import { findV1Credential, insertApiSecret, listApiSecrets, revokeApiSecret, upsertV1Credential } from '../store/repositories/credentials.ts';
import { tokenHash } from '../store/secretBox.ts';
import { auditStoreChange, type StoreAccess } from './access.ts';
import type { Deps } from './deps.ts';
import { invalidInput, notFound } from './errors.ts';

export interface ApiSecretView {
  id: string;
  name: string;
  maskedSecret: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function listSecrets(deps: Deps, access: StoreAccess): Promise<ApiSecretView[]> {
  const rows = await listApiSecrets(deps.db, access.store.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    maskedSecret: r.maskedSecret,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: iso(r.lastUsedAt),
    revokedAt: iso(r.revokedAt),
  }));
}

/** The secret is returned this once; only its hash is kept. */
export async function createSecret(deps: Deps, access: StoreAccess, rawName: string) {
  const name = rawName.trim();
  if (name.length < 1 || name.length > 64) {
    throw invalidInput('name', { ko: '이름을 1~64자로 입력해 주세요.', en: 'The name must be 1–64 characters.' });
  }
  const secret = newApiSecret();
  const id = newRowId();
  const at = deps.clock.now();
  const maskedSecret = maskSecret(secret);
  await deps.db.transaction(async (tx) => {
    await insertApiSecret(tx, {
      id,
      storeId: access.store.id,
      name,
      secretHash: tokenHash(secret),
      maskedSecret,
      createdBy: access.actor.type === 'user' ? access.actor.id : null,
      createdAt: at,
    });
    await auditStoreChange(tx, access, {
      action: 'api_secret.created',
      target: { type: 'api_secret', id },
      after: { name, maskedSecret },
      at,
    });
  });
  return { id, name, secret, maskedSecret, createdAt: at.toISOString() };
}

export async function revokeSecret(deps: Deps, access: StoreAccess, id: string): Promise<{ revokedAt: string }> {
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await revokeApiSecret(tx, access.store.id, id, at);
    if (!row) throw notFound({ ko: 'API 시크릿을 찾을 수 없습니다.', en: 'API secret not found.' });
    if (row.revokedAt?.getTime() === at.getTime()) {
      await auditStoreChange(tx, access, {
        action: 'api_secret.revoked',
        target: { type: 'api_secret', id },
        before: { name: row.name, maskedSecret: row.maskedSecret, revokedAt: null },
        after: { revokedAt: at },
        at,
      });
    }
    return { revokedAt: row.revokedAt!.toISOString() };
  });
}

export async function getV1Keys(deps: Deps, access: StoreAccess, merchantCode: string) {
  const row = await findV1Credential(deps.db, access.store.id);
  if (!row) throw notFound({ ko: 'V1 API 키가 없습니다.', en: 'This store has no V1 API keys.' });
  return { merchantCode, impKey: row.impKey, maskedImpSecret: row.maskedImpSecret };
}

/** A new imp_secret for the same imp_key; the old secret stops working at once. */
export async function rotateV1Secret(deps: Deps, access: StoreAccess) {
  const at = deps.clock.now();
  const impSecret = newImpSecret();
  return deps.db.transaction(async (tx) => {
    const before = await findV1Credential(tx, access.store.id);
    if (!before) throw notFound({ ko: 'V1 API 키가 없습니다.', en: 'This store has no V1 API keys.' });
    const maskedImpSecret = maskSecret(impSecret);
    await upsertV1Credential(tx, {
      storeId: access.store.id,
      impKey: before.impKey,
      impSecretHash: tokenHash(impSecret),
      maskedImpSecret,
      rotatedAt: at,
    });
    await auditStoreChange(tx, access, {
      action: 'v1_secret.rotated',
      target: { type: 'v1_credential', id: before.impKey },
      before: { maskedImpSecret: before.maskedImpSecret },
      after: { maskedImpSecret },
      at,
    });
    return { impKey: before.impKey, impSecret };
  });
}
