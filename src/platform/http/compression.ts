import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const TEXT = /^(text\/|application\/(javascript|json)|image\/svg\+xml)/;
const SMALLEST = 1024;
const KEPT = 200;

type Encoding = 'br' | 'gzip';

/** The best encoding the browser accepts (brotli, then gzip), or none. */
export function encodingFor(accept: string | undefined): Encoding | null {
  const accepted = new Set((accept ?? '').split(',').flatMap((part) => {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return name && !(q && Number(q.slice(2)) === 0) ? [name] : [];
  }));
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

const squeeze = (encoding: Encoding, body: Buffer) => encoding === 'br'
  ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
  : gzipSync(body, { level: 6 });

/**
 * Text responses (pages, the stylesheet, scripts, symbols) compressed for browsers that accept it,
 * so a person's page stays small on a phone. Files that do not change (cache-control: public) are
 * compressed once and kept; pages are compressed as they are made.
 */
export function installCompression(app: FastifyInstance) {
  const kept = new Map<string, Buffer>();
  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    const encoding = encodingFor(request.headers['accept-encoding']);
    if (!encoding || !TEXT.test(type) || reply.getHeader('content-encoding') || request.method === 'HEAD' || payload == null) return payload;
    reply.header('vary', 'accept-encoding');
    if (payload instanceof Readable) {
      reply.removeHeader('content-length');
      reply.header('content-encoding', encoding);
      return payload.pipe(encoding === 'br' ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) : createGzip());
    }
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!body || body.length < SMALLEST) return payload;
    const unchanging = String(reply.getHeader('cache-control') ?? '').startsWith('public');
    const key = unchanging ? `${encoding}:${createHash('sha1').update(body).digest('hex')}` : '';
    let squeezed = unchanging ? kept.get(key) : undefined;
    if (!squeezed) {
      squeezed = squeeze(encoding, body);
      if (unchanging) {
        if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
        kept.set(key, squeezed);
      }
    }
    reply.removeHeader('content-length');
    reply.header('content-encoding', encoding);
    return squeezed;
  });
}
