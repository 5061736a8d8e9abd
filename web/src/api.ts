// The console API client: same-origin cookie session, CSRF token on every state-changing call.

/** A message in both console languages, as the console API sends it. */
export type Bilingual = { ko: string; en: string };

export interface Session {
  user: { id: string; email: string; role: 'owner' | 'admin' | 'developer' | 'viewer' | null; isPlatformOperator: boolean };
  merchant: { id: string; code: string; name: string } | null;
  stores: { id: string; name: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Bilingual,
    readonly field?: string,
  ) {
    super(text.en);
  }
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

/** Called when a signed-in call answers 401 (the session expired or was ended elsewhere). */
export function whenSignedOut(listener: () => void) {
  onSignedOut = listener;
}

const unreachable = (status: number) =>
  new ApiError(status, 'HTTP', { ko: `요청이 실패했습니다 (${status}).`, en: `The request failed (${status}).` });

async function fetchCsrf(): Promise<string> {
  const response = await fetch('/console-api/csrf', { credentials: 'same-origin' });
  if (!response.ok) throw unreachable(response.status);
  csrfToken = ((await response.json()) as { token: string }).token;
  return csrfToken;
}

// Sign-in calls answer 401 for a wrong password; only other calls mean the session is gone.
const sessionless = new Set(['/login', '/signup', '/me']);

async function send<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken ?? (await fetchCsrf());
  const response = await fetch(`/console-api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = data?.error;
    if (error?.code === 'CSRF' && !retried) {
      csrfToken = undefined;
      return send(method, path, body, true);
    }
    if (response.status === 401 && !sessionless.has(path)) onSignedOut?.();
    if (!error?.message) throw unreachable(response.status);
    throw new ApiError(response.status, error.code ?? 'HTTP', error.message, error.field);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => send<T>('GET', path),
  post: <T>(path: string, body?: unknown) => send<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => send<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => send<T>('PATCH', path, body),
  delete: <T>(path: string) => send<T>('DELETE', path),
};
