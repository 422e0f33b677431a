import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../testing/app.js';
import { encodingFor } from './compression.js';

describe('compression', () => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => { ({ app, close } = await testApp()); });
  afterAll(async () => close());

  it('chooses brotli, then gzip, and nothing refused', () => {
    expect(encodingFor('gzip, deflate, br')).toBe('br');
    expect(encodingFor('gzip, br;q=0')).toBe('gzip');
    expect(encodingFor('identity')).toBeNull();
    expect(encodingFor(undefined)).toBeNull();
  });

  it('sends the stylesheet, scripts and symbols compressed when the browser accepts it, and the same bytes when it does not', async () => {
    for (const url of ['/hearth/hearth.css', '/assets/govuk-frontend.min.js', '/symbols/carer.svg', '/sign-in']) {
      const plain = await app.inject({ url });
      const br = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(gzip.headers['content-encoding'], url).toBe('gzip');
      expect(br.headers.vary, url).toContain('accept-encoding');
      expect(br.rawPayload.length, url).toBeLessThan(plain.rawPayload.length);
      if (!url.startsWith('/sign-in')) {
        expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload), url).toBe(true);
        expect(gunzipSync(gzip.rawPayload).equals(plain.rawPayload), url).toBe(true);
      }
    }
  });

  it('leaves fonts as they are: they are compressed already', async () => {
    const font = await app.inject({ url: '/assets/fonts/bold-b542beb274-v2.woff2', headers: { 'accept-encoding': 'br' } });
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-encoding']).toBeUndefined();
  });
});
