import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppConfig } from '../../app.js';
import type { Database } from '../db/database.js';
import { testDatabase } from './database.js';
import { TEST_PASSWORD } from './builders.js';

export async function testApp(
  db?: Database,
  options: Pick<AppConfig, 'signInLimits' | 'mail' | 'clock' | 'baseUrl' | 'postcodeLookup'> = {},
): Promise<{ app: FastifyInstance; db: Database; close: () => Promise<void> }> {
  const database = db ?? (await testDatabase());
  const app = await buildApp(
    {
      sessionSecret: 'test-secret-that-is-long-enough-0123456789',
      secureCookies: false,
      logLevel: (process.env.HEARTH_TEST_LOG as 'error' | undefined) ?? 'silent',
      ...options,
    },
    database,
  );
  return {
    app,
    db: database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/**
 * A visitor over real HTTP semantics (via inject): keeps its cookies, and sends the CSRF token
 * from the last page it saw with each form, as a browser would.
 */
export class Visitor {
  private cookies = new Map<string, string>();
  csrf = '';
  /** The one-time token of the last form seen that has one (src/platform/forms/once.ts): send it as `_once` to send that form. */
  formToken = '';

  /** `address`: the network address the visitor's requests come from (127.0.0.1 unless given). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly address?: string,
  ) {}

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({ method: 'GET', url, remoteAddress: this.address, headers: { cookie: this.cookieHeader(), ...headers } }),
    );
  }

  /** A form post; a list sends the field once per value, as checkboxes do. */
  async post(url: string, form: Record<string, string | string[]>, options: { csrf?: boolean } = {}) {
    const fields = Object.entries({ ...(options.csrf === false ? {} : { _csrf: this.csrf }), ...form });
    const body = new URLSearchParams(fields.flatMap(([name, value]) => [value].flat().map((v) => [name, v]))).toString();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: body,
        remoteAddress: this.address,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  /** A form with files (multipart/form-data), as a browser sends a file upload; the CSRF token unless told not to. */
  async postFiles(
    url: string,
    fields: Record<string, string>,
    files: { name: string; filename: string; text: string }[],
    options: { csrf?: boolean } = {},
  ) {
    const boundary = '----hearth-test-boundary';
    const parts = [
      ...Object.entries({ ...(options.csrf === false ? {} : { _csrf: this.csrf }), ...fields }).map(
        ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      ),
      ...files.map(
        (f) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: text/csv\r\n\r\n${f.text}\r\n`,
      ),
    ];
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload: `${parts.join('')}--${boundary}--\r\n`,
        headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      }),
    );
  }

  async json(method: 'POST' | 'GET', url: string, payload?: unknown) {
    return this.remember(
      await this.app.inject({
        method,
        url,
        payload: payload as never,
        remoteAddress: this.address,
        headers: {
          cookie: this.cookieHeader(),
          'csrf-token': this.csrf,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      }),
    );
  }

  async signIn(email: string, password = TEST_PASSWORD) {
    await this.get('/sign-in');
    const response = await this.post('/sign-in', { email, password });
    if (response.statusCode !== 302) throw new Error(`sign in as ${email} failed: ${response.statusCode}`);
    await this.get('/');
    return response;
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies) {
      if (
        cookie.value === '' ||
        (cookie.maxAge !== undefined && cookie.maxAge <= 0) ||
        (cookie.expires && cookie.expires.getTime() < Date.now())
      )
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrf = token;
    const formToken = /name="_once" value="([^"]+)"/.exec(response.body)?.[1];
    if (formToken) this.formToken = formToken;
    return response;
  }
}
