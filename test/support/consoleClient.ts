import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/** The console API as the SPA uses it: cookies kept between calls, the CSRF token sent on writes. */
export class ConsoleClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  get sessionCookie(): string | undefined {
    return this.cookies.get('paymux_session');
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      // A cleared cookie comes back empty or dated at the epoch (the app's clock may be fixed, so no comparison with now).
      if (cookie.value === '' || (cookie.expires && new Date(cookie.expires).getTime() < 1e12)) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && options.csrf !== false && !this.csrfToken) {
      const response: LightMyRequestResponse = await this.request('GET', '/console-api/csrf');
      this.csrfToken = (response.json() as { token: string }).token;
    }
    const response = await this.app.inject({
      method,
      url,
      cookies: Object.fromEntries(this.cookies),
      headers: {
        ...(method !== 'GET' && options.csrf !== false && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    this.remember(response);
    return response;
  }

  async login(email: string, password: string) {
    return this.request('POST', '/console-api/login', { email, password });
  }
}
