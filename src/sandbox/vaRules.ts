import { koreanEndOfDayAfter, koreanTimestamp, parseKoreanDateTime } from '../pg/hecto/codec/index.ts';
import type { SandboxContext } from './context.ts';
import type { LedgerTransaction } from './ledger.ts';

/** Fixed test accounts of `nxva_fix` (spec §15.7): bank → first and last number. */
export const FIXED_TEST_ACCOUNTS: Readonly<Record<string, { first: number; last: number }>> = {
  '004': { first: 2022004000001, last: 2022004000050 },
  '011': { first: 2022011000001, last: 2022011000050 },
};

export function isFixedTestAccount(bankCd: string, vAcntNo: string): boolean {
  const range = FIXED_TEST_ACCOUNTS[bankCd];
  if (!range || !/^\d{13}$/.test(vAcntNo)) return false;
  const n = Number(vAcntNo);
  return n >= range.first && n <= range.last;
}

/** A fresh dynamic account number (14 digits, not open). */
export function newDynamicAccountNo(ctx: SandboxContext): string {
  for (;;) {
    const candidate = `7${String(Math.floor(Math.random() * 1e13)).padStart(13, '0')}`;
    if (!ctx.ledger.isAccountOpen(candidate)) return candidate;
  }
}

/**
 * Deposit deadline: the given `YYYYMMDDhhmmss`, which must lie ahead and at most 365 days out
 * (spec §15.1.1), or 10 days from now at 23:59:59 when absent. Undefined when invalid.
 */
export function resolveExpiry(value: string | undefined, now: Date): string | undefined {
  if (value === undefined || value === '') return koreanTimestamp(koreanEndOfDayAfter(now, 10)).trdDtm;
  const at = value.length === 14 ? parseKoreanDateTime(value) : undefined;
  if (!at || at <= now || at > koreanEndOfDayAfter(now, 365)) return undefined;
  return value;
}

/** Marks a waiting account expired once its deadline has passed (checked lazily on access). */
export function expireIfDue(ctx: SandboxContext, transaction: LedgerTransaction): void {
  const account = transaction.virtualAccount;
  if (transaction.status !== 'VA_WAITING' || !account) return;
  const deadline = parseKoreanDateTime(account.expireDate);
  if (deadline && ctx.clock() > deadline) {
    transaction.status = 'VA_EXPIRED';
    ctx.ledger.closeAccount(account.vAcntNo);
  }
}

export function expireAllDue(ctx: SandboxContext): void {
  for (const transaction of ctx.ledger.all()) expireIfDue(ctx, transaction);
}
