import { eq } from 'drizzle-orm';
import type { Executor } from '../db.ts';
import { demoCredentials, masterKeyCheck } from '../schema.ts';
import { MasterKeyError, type SecretBox } from '../secretBox.ts';

const canaryPlaintext = 'paymux master key check';
const canaryRowId = (version: number) => `master-key-check-${version}`;

/**
 * Proves at start that the configured master key is the one this database was encrypted with:
 * each key version leaves one known ciphertext behind, and every version we hold must open its own.
 */
export async function verifyMasterKey(db: Executor, box: SecretBox): Promise<void> {
  const rows = await db.select().from(masterKeyCheck);
  for (const row of rows) {
    let opened: string;
    try {
      opened = box.open({ ciphertext: row.ciphertext, keyVersion: row.keyVersion }, canaryRowId(row.keyVersion));
    } catch (error) {
      throw new MasterKeyError(
        `the master key does not match this database (key version ${row.keyVersion} cannot decrypt its check value). ` +
          'Start paymux with the PAYMUX_MASTER_KEY (or data/master.key) that this database was created with.',
        { cause: error },
      );
    }
    if (opened !== canaryPlaintext) throw new MasterKeyError('the master key check value is corrupt');
  }
  if (!rows.some((row) => row.keyVersion === box.currentVersion)) {
    const sealed = box.seal(canaryPlaintext, canaryRowId(box.currentVersion));
    await db.insert(masterKeyCheck).values({ keyVersion: sealed.keyVersion, ciphertext: sealed.ciphertext }).onConflictDoNothing();
  }
}

const demoRowId = 'demo';

export async function saveDemoCredentials(db: Executor, box: SecretBox, json: string): Promise<void> {
  const sealed = box.seal(json, demoRowId);
  await db.insert(demoCredentials).values({ id: demoRowId, ciphertext: sealed.ciphertext, keyVersion: sealed.keyVersion });
}

export async function loadDemoCredentials(db: Executor, box: SecretBox): Promise<string | undefined> {
  const rows = await db.select().from(demoCredentials).where(eq(demoCredentials.id, demoRowId));
  const row = rows[0];
  return row && box.open({ ciphertext: row.ciphertext, keyVersion: row.keyVersion }, demoRowId);
}
