import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BillKeyRecord, Ledger, LedgerSnapshot, LedgerTransaction } from './ledger.ts';

/**
 * Keeps the simulator's ledger in one JSON file so it survives a restart of paymux (whose own
 * payments point at these transactions). Loaded once at start; after a change it is written
 * again shortly after (changes in one burst share one write), always as temp file + rename so
 * a crash mid-write leaves the previous file intact. `flush()` on close writes what is pending.
 */
export class LedgerPersistence {
  readonly #file: string;
  readonly #ledger: Ledger;
  readonly #delayMs: number;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;
  #closed = false;
  /** Writes run one after another, so an older snapshot never lands after a newer one. */
  #writing: Promise<void> = Promise.resolve();

  constructor(file: string, ledger: Ledger, delayMs = 20) {
    this.#file = path.resolve(file);
    this.#ledger = ledger;
    this.#delayMs = delayMs;
  }

  /** Loads the file into the ledger if it exists. A file that does not parse is an error, never silently dropped. */
  load(): void {
    let text: string;
    try {
      text = readFileSync(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        mkdirSync(path.dirname(this.#file), { recursive: true });
        return;
      }
      throw error;
    }
    this.#ledger.restore(reviveSnapshot(JSON.parse(text), this.#file));
  }

  /** Notes a change; the write follows after a short delay. */
  changed(): void {
    if (this.#closed) return;
    this.#dirty = true;
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#write();
    }, this.#delayMs);
  }

  /** Final flush; later change notices (a socket closing during shutdown) are ignored. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
  }

  /** Writes any pending change now and waits for all writes to finish. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    await this.#write();
  }

  #write(): Promise<void> {
    this.#writing = this.#writing.then(async () => {
      if (!this.#dirty) return;
      this.#dirty = false;
      const json = JSON.stringify(this.#ledger.snapshot());
      const temp = `${this.#file}.${process.pid}.tmp`;
      await mkdir(path.dirname(this.#file), { recursive: true });
      await writeFile(temp, json, { encoding: 'utf8', mode: 0o600 });
      await rename(temp, this.#file);
    });
    return this.#writing;
  }
}

/** JSON turned the Dates into strings; turn them back, and refuse what is not a ledger file. */
function reviveSnapshot(value: unknown, file: string): LedgerSnapshot {
  const snapshot = value as Partial<LedgerSnapshot> | null;
  if (
    !snapshot ||
    snapshot.version !== 1 ||
    typeof snapshot.sequence !== 'number' ||
    !Array.isArray(snapshot.transactions) ||
    !Array.isArray(snapshot.usedOrderNos) ||
    !Array.isArray(snapshot.billKeys) ||
    !Array.isArray(snapshot.openAccounts)
  ) {
    throw new Error(`${file} is not a sandbox ledger file (version 1)`);
  }
  return {
    ...(snapshot as LedgerSnapshot),
    transactions: snapshot.transactions.map(reviveTransaction),
    billKeys: snapshot.billKeys.map(reviveBillKey),
  };
}

function reviveTransaction(transaction: LedgerTransaction): LedgerTransaction {
  const account = transaction.virtualAccount;
  return {
    ...transaction,
    createdAt: new Date(transaction.createdAt),
    cancels: transaction.cancels.map((cancel) => ({ ...cancel, at: new Date(cancel.at) })),
    ...(account
      ? { virtualAccount: { ...account, ...(account.depositedAt ? { depositedAt: new Date(account.depositedAt) } : {}) } }
      : {}),
  };
}

function reviveBillKey(record: BillKeyRecord): BillKeyRecord {
  return {
    ...record,
    createdAt: new Date(record.createdAt),
    ...(record.deletedAt ? { deletedAt: new Date(record.deletedAt) } : {}),
  };
}
