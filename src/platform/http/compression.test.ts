import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { testApp } from '../testing/app.js';

const decoded = (response: LightMyRequestResponse) => {
  const encoding = response.headers['content-encoding'];
  const body = response.rawPayload;
  return encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;
};

/** A page's CSRF token and script nonce are new on every request; the rest must be the same. */
const withoutSecrets = (html: string) =>
  html.replace(/nonce="[^"]+"/g, 'nonce=""').replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');

describe('compression', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ app, close } = await testApp());
    app.get('/already-compressed', { config: { access: 'public', assets: true } }, async (_request, reply) =>
      reply
        .type('text/html')
        .header('content-encoding', 'gzip')
        .send(gzipSync('<p>Already compressed</p>'.repeat(100))),
    );
  });
  afterAll(async () => close());

  it('sends a page as brotli or gzip, whichever the browser accepts, and the same page when it accepts neither', async () => {
    const plain = await app.inject({ url: '/sign-in' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip, br;q=0', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const page = await app.inject({ url: '/sign-in', headers: { 'accept-encoding': accept } });
      expect(page.headers['content-encoding'], accept).toBe(encoding);
      if (encoding) expect(page.headers.vary, accept).toContain('accept-encoding');
      expect(withoutSecrets(decoded(page).toString()), accept).toBe(withoutSecrets(plain.body));
    }
  });

  it('compresses the stylesheet, scripts and symbols to the same bytes, and leaves fonts alone', async () => {
    for (const url of ['/hearth/hearth.css', '/assets/govuk-frontend.min.js', '/hearth/passkeys.js', '/symbols/carer.svg']) {
      const plain = await app.inject({ url });
      const br = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect([br.headers['content-encoding'], gzip.headers['content-encoding']], url).toEqual(['br', 'gzip']);
      expect(br.rawPayload.length, url).toBeLessThan(plain.rawPayload.length);
      expect(decoded(br).equals(plain.rawPayload), url).toBe(true);
      expect(decoded(gzip).equals(plain.rawPayload), url).toBe(true);
    }
    const font = await app.inject({ url: '/assets/fonts/bold-b542beb274-v2.woff2', headers: { 'accept-encoding': 'br' } });
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-encoding']).toBeUndefined();
  });

  it('leaves a small answer, a HEAD request and an answer compressed already as they are', async () => {
    const health = await app.inject({ url: '/health', headers: { 'accept-encoding': 'br' } });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toMatchObject({ status: 'ok' });

    const head = await app.inject({ method: 'HEAD', url: '/sign-in', headers: { 'accept-encoding': 'br' } });
    expect(head.statusCode).toBe(200);
    expect(head.rawPayload.length).toBe(0);

    const already = await app.inject({ url: '/already-compressed', headers: { 'accept-encoding': 'br' } });
    expect(already.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(already.rawPayload).toString()).toContain('Already compressed');
  });
});
