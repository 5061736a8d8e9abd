import { newSessionToken } from '../domain/ids.ts';
import { lockoutMinutes, maxFailedLogins, normalizeEmail, sessionHours } from '../domain/tenancy.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findConsoleUserByEmail,
  findSession,
  insertSession,
  recordLoginFailure,
  recordLoginSuccess,
} from '../store/repositories/tenancy.ts';
import { tokenHash } from '../store/secretBox.ts';
import { recordAudit } from './audit.ts';
import type { Deps } from './deps.ts';
import { ServiceError } from './errors.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { sessionView, type SessionView } from './tenancy.ts';

const invalidCredentials = () =>
  new ServiceError('INVALID_CREDENTIALS', {
    ko: '이메일 또는 비밀번호가 올바르지 않습니다.',
    en: 'The e-mail or password is not correct.',
  });

const locked = (until: Date) =>
  new ServiceError('LOCKED', {
    ko: `로그인 실패가 반복되어 계정이 잠겼습니다. ${lockoutMinutes}분 후에 다시 시도해 주세요.`,
    en: `Too many failed logins: the account is locked until ${until.toISOString()}.`,
  });

export interface LoginResult {
  /** The cookie value; only its hash is stored. */
  token: string;
  expiresAt: Date;
  session: SessionView;
}

export async function login(deps: Deps, rawEmail: string, password: string, ip?: string): Promise<LoginResult> {
  const now = deps.clock.now();
  const user = await findConsoleUserByEmail(deps.db, normalizeEmail(rawEmail));
  if (!user) {
    await burnPasswordCheck(password);
    throw invalidCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) throw locked(user.lockedUntil);
  if (!(await verifyPassword(user.passwordHash, password))) {
    const lockedUntil = new Date(now.getTime() + lockoutMinutes * 60_000);
    const after = await deps.db.transaction(async (tx) => {
      const counted = await recordLoginFailure(tx, user.id, maxFailedLogins, lockedUntil);
      await recordAudit(tx, {
        actor: { type: 'user', id: user.id, ip },
        merchantId: user.merchantId,
        action: counted.lockedUntil && counted.lockedUntil > now ? 'console.login_locked' : 'console.login_failed',
        target: { type: 'console_user', id: user.id },
        after: { failedLoginCount: counted.failedLoginCount },
        at: now,
      });
      return counted;
    });
    if (after.lockedUntil && after.lockedUntil > now) throw locked(after.lockedUntil);
    throw invalidCredentials();
  }
  const { token, expiresAt, row } = newSession(user.id, now);
  await deps.db.transaction(async (tx) => {
    await recordLoginSuccess(tx, user.id, now);
    await insertSession(tx, row);
    await recordAudit(tx, {
      actor: { type: 'user', id: user.id, ip },
      merchantId: user.merchantId,
      action: 'console.logged_in',
      target: { type: 'console_user', id: user.id },
      at: now,
    });
  });
  const session = await sessionView(deps.db, user.id);
  return { token, expiresAt, session: session! };
}

/** The session behind a cookie, or undefined when it is unknown or expired. */
export async function sessionFromToken(deps: Deps, token: string | undefined): Promise<SessionView | undefined> {
  if (!token || token.length > 200) return undefined;
  const row = await findSession(deps.db, tokenHash(token));
  if (!row || row.expiresAt <= deps.clock.now()) return undefined;
  return sessionView(deps.db, row.userId);
}

/** A session token (the cookie value) and the row that stores only its hash. */
function newSession(userId: string, now: Date) {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + sessionHours * 3600_000);
  return { token, expiresAt, row: { tokenHash: tokenHash(token), userId, createdAt: now, expiresAt } };
}

/** Starts a session for a user who just proved who they are some other way (sign-up). */
export async function startSession(deps: Deps, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const { token, expiresAt, row } = newSession(userId, deps.clock.now());
  await insertSession(deps.db, row);
  return { token, expiresAt };
}

export async function logout(deps: Deps, token: string | undefined): Promise<void> {
  if (token) await deleteSession(deps.db, tokenHash(token));
}

export async function removeExpiredSessions(deps: Deps): Promise<number> {
  return deleteExpiredSessions(deps.db, deps.clock.now());
}
