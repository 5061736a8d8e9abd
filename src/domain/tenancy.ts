// Rules about merchants, their people and stores: pure, no I/O.

export const consoleRoles = ['owner', 'admin', 'developer', 'viewer'] as const;
export type ConsoleRole = (typeof consoleRoles)[number];

/**
 * What a console role may do. Viewers read; developers manage keys and webhooks; admins and owners
 * everything, including moving money (cancels) and deleting billing keys (`managePayments`).
 */
export type ConsoleAction = 'read' | 'manageKeys' | 'manageWebhooks' | 'manageMembers' | 'manageChannels' | 'manageApplication' | 'managePayments';

const allowed: Record<ConsoleRole, ReadonlySet<ConsoleAction>> = {
  owner: new Set(['read', 'manageKeys', 'manageWebhooks', 'manageMembers', 'manageChannels', 'manageApplication', 'managePayments']),
  admin: new Set(['read', 'manageKeys', 'manageWebhooks', 'manageMembers', 'manageChannels', 'manageApplication', 'managePayments']),
  developer: new Set(['read', 'manageKeys', 'manageWebhooks']),
  viewer: new Set(['read']),
};

export function roleAllows(role: ConsoleRole, action: ConsoleAction): boolean {
  return allowed[role].has(action);
}

/** 사업자등록번호: 10 digits with a check digit (National Tax Service algorithm). Dashes are ignored. */
export function normalizeBusinessRegistrationNumber(input: string): string | null {
  const digits = input.replace(/[-\s]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 5];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * weights[i]!;
  sum += Math.floor((Number(digits[8]) * 5) / 10);
  const check = (10 - (sum % 10)) % 10;
  return check === Number(digits[9]) ? digits : null;
}

export const passwordMinLength = 10;

export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}

/** Console login lockout: after this many consecutive failures the account waits `lockoutMinutes`. */
export const maxFailedLogins = 5;
export const lockoutMinutes = 15;

export const sessionHours = 12;
