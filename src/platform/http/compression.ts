import type { FastifyCompressOptions } from '@fastify/compress';
import { constants } from 'node:zlib';

/**
 * Settings for @fastify/compress: pages, the stylesheet, scripts, JSON and symbols go out as
 * brotli or gzip, so a person's page stays small on a phone. Brotli at quality 4: nearly the
 * size of higher qualities at a fraction of the time. Large answers are compressed off the event
 * loop (zlib's streams); the plugin compresses only small ones in one call.
 */
export const compression: FastifyCompressOptions = {
  encodings: ['br', 'gzip'],
  threshold: 1024,
  customTypes: /^(text\/(html|css|javascript)|application\/(javascript|json)|image\/svg\+xml)\b/,
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  // Hearth takes no compressed request bodies.
  globalDecompression: false,
};
